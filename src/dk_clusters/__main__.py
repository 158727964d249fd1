"""``python -m dk_clusters``: the command line."""

from dk_clusters.cli import main

raise SystemExit(main())
