"""A submitted story (uploaded files and pasted URLs) checked against the upload limits.

Each refused input gets a one-line reason naming it, as the command line gives; the others
go on to be analysed. Files are read here, in the request; URLs are fetched by the job.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PureWindowsPath
from typing import TYPE_CHECKING

from rashomon.errors import InputError
from rashomon.settings import Settings
from rashomon.web.jobs import Upload

if TYPE_CHECKING:
    from starlette.datastructures import UploadFile


def upload_name(filename: str | None, n: int) -> str:
    """The file's own name as the source (no client path, no control characters)."""
    name = PureWindowsPath(filename or "").name  # splits on / and \ alike
    name = "".join(c for c in name if c.isprintable()).strip()
    return name or f"upload-{n}"


async def read_submission(
    files: Sequence[UploadFile], urls: str, settings: Settings
) -> tuple[list[Upload], list[InputError]]:
    """The inputs to analyse and the refused ones (with their reasons), in the order given:
    files first, then URLs one per line."""
    from rashomon.ingest.fetch import is_url
    from rashomon.ingest.messages import format_size

    limit, most = settings.upload_max_bytes, settings.upload_max_files
    # A browser sends an empty part for a file field left empty.
    given = [f for f in files if f.filename or (f.size or 0) > 0]
    lines = [line.strip() for line in urls.splitlines() if line.strip()]
    inputs: list[Upload] = []
    refused: list[InputError] = []
    for n, file in enumerate(given, start=1):
        name = upload_name(file.filename, n)
        data = await file.read(limit + 1)
        if len(data) > limit:
            size = max(file.size or 0, len(data))
            reason = f"file is {format_size(size)}, over the {format_size(limit)} limit"
            refused.append(InputError(name, f"{reason} (RASHOMON_UPLOAD_MAX_BYTES)"))
        elif len(inputs) >= most:
            refused.append(_over_count(name, most))
        else:
            inputs.append(Upload(name, data))
    for line in lines:
        if not is_url(line):
            # Never a path: the server must not read its own files for a visitor.
            refused.append(InputError(line[:200], "not an http(s) URL"))
        elif len(inputs) >= most:
            refused.append(_over_count(line, most))
        else:
            inputs.append(Upload(line))
    return inputs, refused


def _over_count(name: str, most: int) -> InputError:
    return InputError(
        name,
        f"not analysed: over the limit of {most} files and URLs per story "
        "(RASHOMON_UPLOAD_MAX_FILES)",
    )
