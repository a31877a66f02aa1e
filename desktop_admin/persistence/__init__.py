"""SQLAlchemy adapter: mapping, repositories, unit of work, migrations."""
