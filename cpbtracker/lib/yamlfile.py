"""YAML data files read with libyaml's parser (PyYAML's C binding), the pure-Python parser
only where PyYAML was built without it: the plan, its translations, the glossary and the
methods are large, and the pure-Python parser took about half a second over them in every
process that reads them (libyaml: a tenth of that; the data read is the same)."""

from __future__ import annotations

from typing import IO, Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source: str | IO[str]) -> Any:
    """The data of a YAML text (safe: plain data types only)."""
    return yaml.load(source, Loader=_LOADER)
