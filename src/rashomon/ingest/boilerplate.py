"""Lines of a page that are not the story: navigation, related-links lists, share prompts.

They stay in ``Article.text`` (offsets keep their meaning) and are listed as ``Excluded``
ranges. Every rule matches a whole short line, never part of a paragraph: a missed menu line
costs little, a dropped sentence of the story loses a quote.
"""

from __future__ import annotations

import re

from rashomon.article import Excluded, ExcludedReason
from rashomon.ingest.lines import Line, split_lines

#: Longest line (in words) any rule here may exclude, apart from bulleted list items.
MAX_BOILERPLATE_WORDS = 20

_NAVIGATION = {
    "top stories",
    "most read",
    "most popular",
    "most viewed",
    "most shared",
    "home",
    "homepage",
    "menu",
    "main menu",
    "navigation",
    "skip to content",
    "skip to main content",
    "skip navigation",
    "latest",
    "latest news",
    "trending",
    "trending now",
    "search",
    "sign in",
    "log in",
    "back to top",
    "editor's picks",
}
_FOOTER = re.compile(
    r"(?:advertisement|sponsored(?: content)?|all rights reserved\.?"
    r"|(?:©|\(c\))\s*\S.*|copyright\s*(?:©|\(c\))?\s*\d{4}.*)",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"""(?:
        share(?:\ (?:this|the))?(?:\ (?:article|story|page|post))?(?:\ (?:on|via)\ .+)?
      | share\ (?:on|via)\ .+
      | (?:click|tap)\ here\ to\ .+
      | subscribe(?:\ (?:now|today|here))?(?:\ (?:to|for)\ .+)?
      | sign\ up\ (?:for|to)\ .*(?:newsletter|alerts?|updates|briefing).*
      | (?:get|download)\ (?:the|our)\ (?:free\ )?app.*
      | follow\ (?:us|@\w+)(?:\ on\ .+)?
      | (?:facebook|twitter|x|linkedin|whatsapp|email|e-mail|print|copy\ link)
        (?:\ ?[|·•/]\ ?(?:facebook|twitter|x|linkedin|whatsapp|email|e-mail|print|copy\ link))+
    )[.!]?""",
    re.IGNORECASE | re.VERBOSE,
)
_RELATED_HEADER = re.compile(
    r"""(?:
        related(?:\ (?:articles?|stories|story|coverage|content|news|links|reading|topics))?
      | read\ more | read\ also | also\ read | see\ also | further\ reading | more\ stories
      | more\ on\ this(?:\ story|\ topic)? | more\ from\ .{1,40}
      | you\ (?:may|might)\ also\ (?:like|be\ interested\ in)
      | recommended(?:\ for\ you)?
    )\s*:?""",
    re.IGNORECASE | re.VERBOSE,
)
# "Read more: Lyon metro line B extension opens" — a one-line related link.
_RELATED_INLINE = re.compile(
    r"(?:related|read more|read also|also read|see also|more on this story)\s*:\s*\S.*",
    re.IGNORECASE,
)
_MENU_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_BREADCRUMB_SEPARATOR = re.compile(r"\s+[>»›]\s+")
_BULLET = re.compile(r"\s*(?:[-*•·–—▪►]|\d{1,2}[.)])\s+\S")
_CLOSING = "\"'”’»)]"


def find_boilerplate(text: str) -> tuple[Excluded, ...]:
    """Ranges of ``text`` that are navigation, related links, share prompts or page footer."""
    lines = split_lines(text)
    found: list[Excluded] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.text.strip()
        if not stripped:
            i += 1
            continue
        if _RELATED_HEADER.fullmatch(stripped):
            last = _related_block_end(lines, i)
            found.append(_excluded(line, lines[last], "related-links"))
            i = last + 1
            continue
        reason = classify_line(stripped)
        if reason is not None:
            found.append(_excluded(line, line, reason))
        i += 1
    return tuple(found)


def classify_line(line: str) -> ExcludedReason | None:
    """Why a single (stripped) line is boilerplate, or None when it may be story text."""
    if _word_count(line) > MAX_BOILERPLATE_WORDS:
        return None
    bare = line.strip(" :»›|").lower()
    if bare in _NAVIGATION or _is_menu(line):
        return "navigation"
    if _SHARE.fullmatch(line):
        return "share-prompt"
    if _RELATED_INLINE.fullmatch(line):
        return "related-links"
    if _FOOTER.fullmatch(line):
        return "boilerplate"
    return None


def is_headline_like(line: str) -> bool:
    """Short and without the final period of a sentence: a headline, a list item, a subhead."""
    line = line.strip()
    if not line or _word_count(line) > MAX_BOILERPLATE_WORDS:
        return False
    return not line.rstrip(_CLOSING).endswith((".", ":", ";", ","))


def _related_block_end(lines: list[Line], header: int) -> int:
    """Index of the last line of the related-links list that starts at ``lines[header]``.

    The list runs over bulleted or headline-like lines, across blank lines, and stops at
    prose, at a line with its own boilerplate reason, or at a short line that a blank line
    and prose follow (that is a subhead of the story, not a link).
    """
    last = header
    i = header + 1
    while i < len(lines):
        after_blank = False
        while i < len(lines) and lines[i].blank:
            after_blank = True
            i += 1
        if i >= len(lines):
            break
        stripped = lines[i].text.strip()
        if classify_line(stripped) is not None:
            break
        link_like = is_headline_like(stripped) and not (after_blank and _prose_follows(lines, i))
        if not (_BULLET.match(stripped) or link_like):
            break
        last = i
        i += 1
    return last


def _prose_follows(lines: list[Line], index: int) -> bool:
    for line in lines[index + 1 :]:
        if not line.blank:
            return not is_headline_like(line.text) and not _BULLET.match(line.text)
    return False


def _is_menu(line: str) -> bool:
    """``World | Business | Sports`` or ``Home > World > Europe``: short capitalised items."""
    for separator, minimum in ((_MENU_SEPARATOR, 3), (_BREADCRUMB_SEPARATOR, 2)):
        parts = separator.split(line)
        if len(parts) >= minimum and all(_is_menu_item(part) for part in parts):
            return True
    return False


def _is_menu_item(part: str) -> bool:
    part = part.strip()
    return 0 < _word_count(part) <= 3 and (part[0].isupper() or part[0].isdigit())


def _word_count(text: str) -> int:
    return len(text.split())


def _excluded(first: Line, last: Line, reason: ExcludedReason) -> Excluded:
    start, _ = first.stripped_span
    _, end = last.stripped_span
    return Excluded(start, end, reason)
