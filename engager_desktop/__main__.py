"""Run the command-line interface: ``python -m engager_desktop``."""

from engager_desktop.cli import main

raise SystemExit(main())
