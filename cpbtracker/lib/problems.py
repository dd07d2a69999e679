"""A request that cannot be carried out, said as a code and parameters (a structured problem);
the message is rendered in the reader's language only when shown."""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.functional import Promise


class CodedError(Exception):
    """Base of service errors: subclasses list their codes and messages in ``MESSAGES``."""

    MESSAGES: ClassVar[dict[str, str | Promise]] = {}

    def __init__(self, code: str, **params: Any):
        self.code = code
        self.params = params
        super().__init__(str(self))

    def __str__(self) -> str:
        return str(self.MESSAGES[self.code]) % self.params
