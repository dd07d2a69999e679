"""The `cpbtracker` console script: Django's management commands under one name.

`cpbtracker migrate`, `cpbtracker runserver`, `cpbtracker plan export --format json`, ...
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpbtracker.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cpbtracker", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
