"""Dialogs: each opens over the window for one task."""
