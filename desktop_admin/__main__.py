"""`python -m desktop_admin`: the command line."""

from desktop_admin.cli.main import main

raise SystemExit(main())
