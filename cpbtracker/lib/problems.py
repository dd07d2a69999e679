"""Requests and inputs that cannot be accepted, said as structured problems: a code and
parameters. Domain code never words them; the message is rendered in the reader's language
(through gettext) only when shown, from one table of code -> message template.

Each app lists its codes once, as the ``MESSAGES`` of its :class:`ProblemsError` subclass
(or with :func:`register_messages`); a code means one thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypedDict

from django.utils.functional import Promise

MESSAGES: dict[str, str | Promise] = {}


def register_messages(messages: Mapping[str, str | Promise]) -> None:
    """Add message templates (named placeholders, ``%(name)s``); a code is worded once."""
    for code, template in messages.items():
        if code in MESSAGES and MESSAGES[code] is not template:
            raise ValueError(f"problem code {code!r} has two messages")
        MESSAGES[code] = template


class ProblemData(TypedDict):
    key: str
    code: str
    params: dict[str, Any]
    message: str


@dataclass(frozen=True)
class Problem:
    """One problem: ``code`` tells programs what went wrong, ``key`` what it concerns (a
    question, a field, a cell), ``params`` the particulars. ``wording`` names the message
    template when it is not the code's own (several wordings of one code)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    key: str = ""
    wording: str = ""

    @property
    def message(self) -> str:
        """The problem in words, in the active language."""
        template = MESSAGES[self.wording or self.code]
        return str(template) % {name: _shown(value) for name, value in self.params.items()}

    def __str__(self) -> str:
        return self.message

    def as_data(self) -> ProblemData:
        """The problem as JSON data, its message in the active language."""
        return ProblemData(
            key=self.key, code=self.code, params=_data(self.params), message=self.message
        )


def _shown(value: Any) -> Any:
    """A parameter as the message shows it: problems and lazy texts in words, lists of
    problems joined by "; "."""
    if isinstance(value, Problem | Promise):
        return str(value)
    if isinstance(value, list | tuple) and value and all(isinstance(v, Problem) for v in value):
        return "; ".join(str(v) for v in value)
    return value


def _data(value: Any) -> Any:
    if isinstance(value, Problem):
        return {"code": value.wording or value.code, "params": _data(value.params)}
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_data(v) for v in value]
    return value


class ProblemsError(Exception):
    """Base of every "this cannot be done / this input is wrong" error: one or more
    :class:`Problem` s. ``str(error)`` renders them, one per line, when it is called."""

    MESSAGES: ClassVar[Mapping[str, str | Promise]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        register_messages(cls.MESSAGES)

    def __init__(self, problems: Problem | Iterable[Problem]):
        self.problems: list[Problem] = (
            [problems] if isinstance(problems, Problem) else list(problems)
        )
        super().__init__(*self.problems)

    def __str__(self) -> str:
        return "\n".join(problem.message for problem in self.problems)

    @property
    def messages(self) -> list[str]:
        return [problem.message for problem in self.problems]


class CodedError(ProblemsError):
    """A service error of one problem: ``CodedError(code, **params)``."""

    def __init__(self, code: str, **params: Any):
        self.code = code
        self.params = params
        super().__init__(Problem(code, params))
