"""Where a management command's file output goes: a file, or stdout for text formats."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cpbtracker.lib.exports import EXPORT_FORMATS

BINARY_FORMATS = {key for key, f in EXPORT_FORMATS.items() if f.binary}


def emit(command: BaseCommand, data: bytes, *, fmt: str, output: Path | None) -> None:
    """Write ``data`` to ``output``, or print it; binary formats need an output file."""
    if output:
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(f"cannot write {output}: {error.strerror or error}") from error
        command.stderr.write(f"wrote {output}")
    elif fmt in BINARY_FORMATS:
        raise CommandError(f"--format {fmt} writes a binary file: give --output FILE")
    else:
        command.stdout.write(data.decode(), ending="")
