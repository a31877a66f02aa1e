"""The `desktop-admin` command: everything the window does, for scripts."""
