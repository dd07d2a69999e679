"""YAML data files read with libyaml's parser (PyYAML's C binding), the pure-Python parser
only where PyYAML was built without it: the plan, methods and translations are large, and the
pure-Python parser takes seconds over them in every process that reads them."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source: str | IO[str]) -> Any:
    """The data of a YAML text (safe: plain data types only)."""
    return yaml.load(source, Loader=_LOADER)


def read_yaml(path: Path) -> Any:
    """The data of a YAML file in UTF-8."""
    return load_yaml(path.read_text(encoding="utf-8"))
