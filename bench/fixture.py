"""The benchmarks' way to the database itself.

Benchmarks drive the product through its public areas (`session.billing.run()`), but
they also build data in bulk and measure raw floors, which needs the database
without the application: `raw_engine(app)` is an engine of its own on the database
that `app` has open, with the application's pragmas (WAL, foreign keys), one per URL.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import Engine

from desktop_admin.app import AdminApp
from desktop_admin.persistence.database import make_engine


@cache
def _engine(url: str) -> Engine:
    return make_engine(url)


def raw_engine(app: AdminApp) -> Engine:
    return _engine(app.database_url)
