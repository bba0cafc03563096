"""``python -m engager_hub``: the same as the ``engager-hub`` command."""

from __future__ import annotations

import sys

from engager_hub.cli import main

if __name__ == "__main__":
    sys.exit(main())
