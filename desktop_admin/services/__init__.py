"""Use cases: short functions over (request, unit of work, clock, actor)."""
