"""The pages of the main window, one module each, on the base in `base`."""
