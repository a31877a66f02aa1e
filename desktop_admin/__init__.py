"""Seat Desk: the application core, with no GUI code."""

__version__ = "0.1.0"
