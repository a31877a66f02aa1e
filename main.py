"""Seat Desk: `python main.py [--db URL] [--today YYYY-MM-DD] [--as LOGIN] [--page NAME]
[--screenshot PATH]`. Everything happens in `ui.launch`."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
