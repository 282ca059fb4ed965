"""The report as JSON, schema ``rashomon.report/1`` (see DESIGN.md)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rashomon.story.model import StoryReport


def render_json(report: StoryReport) -> str:
    """``report.to_dict()`` as indented JSON; non-ASCII text stays readable (UTF-8)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
