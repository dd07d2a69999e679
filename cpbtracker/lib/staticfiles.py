"""Static files for `cpbtracker serve`: hashed names and gzip copies, served by WhiteNoise."""

from __future__ import annotations

from typing import Any

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedGzipStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's manifest storage with gzip only.

    Brotli at its default quality takes most of a minute of CPU on the API docs' large
    bundles, and `serve` collects at every start; gzip takes a second or two and every
    browser accepts it.
    """

    def create_compressor(self, **kwargs: Any) -> Compressor:
        return super().create_compressor(**{**kwargs, "use_brotli": False})
