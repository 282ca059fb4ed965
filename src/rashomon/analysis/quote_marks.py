"""Finding quoted stretches in raw text by their quotation marks (no spaCy needed).

The scanner works paragraph by paragraph so that a stray or unbalanced mark can never swallow
more than the rest of its paragraph. A quote left open at a paragraph end continues only when
the next paragraph opens with a quotation mark (the newspaper convention for quotes that run
over several paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rashomon.article import Span

#: Opening mark -> closing marks that end it.
_PAIRS: dict[str, str] = {"“": "”", "«": "»", "„": "“”", '"': '"'}
_OPENERS = frozenset(_PAIRS)
_ANY_MARK = frozenset('"“”«»„')
#: Characters after which a straight mark reads as an opening mark.
_BEFORE_OPEN = frozenset(" \t\n([{—–-/:;")
#: Characters before which a straight mark reads as a closing mark.
_AFTER_CLOSE = frozenset(" \t\n.,;:!?)]}—–-…'’")

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SINGLE_CURLY = re.compile(r"(?:(?<=^)|(?<=[\s(:—–-]))‘(\S(?:[^‘’\n]*\S)?)’(?![A-Za-z])")
_SINGLE_STRAIGHT = re.compile(r"(?:(?<=^)|(?<=[\s(:—–-]))'([^\s'](?:[^'\n]*[^\s'])?)'(?![A-Za-z])")


#: Two apostrophes standing for a double quotation mark (``''This is it,'' he said``, as
#: typeset by newspaper archives), not part of a longer run of apostrophes.
_TWO_APOSTROPHES = re.compile(r"(?<!')''(?!')")


def normalise_marks(text: str) -> str:
    """``text`` with each pair of apostrophes used as a double quotation mark replaced by a
    straight double quote and a space, the quote on the content's side (``''It`` ->
    `` "It``, ``it,''`` -> ``it," ``), so that offsets do not move and the scanner reads
    it as the mark it is."""
    if "''" not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() > 0 else " "
        return '" ' if not before.isspace() and before not in "([{—–-" else ' "'

    return _TWO_APOSTROPHES.sub(repl, text)


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """A stretch between quotation marks. ``start``/``end`` delimit the content only."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the quote was never closed

    @property
    def closed(self) -> bool:
        return self.close_mark is not None


def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs as spans trimmed of surrounding whitespace.

    Paragraphs are separated by blank lines; a text without any blank line is split at single
    line breaks instead. Whitespace-only pieces (such as blanked boilerplate) are skipped.
    """
    sep = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n\s*")
    spans: list[Span] = []
    pos = 0
    for m in sep.finditer(text):
        _add_trimmed(text, pos, m.start(), spans)
        pos = m.end()
    _add_trimmed(text, pos, len(text), spans)
    return spans


def _add_trimmed(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))


def line_spans(text: str, para: Span) -> list[Span]:
    """Lines of one paragraph (a list or a headline block keeps its lines apart)."""
    out: list[Span] = []
    pos = para.start
    for m in re.finditer(r"\n", text[para.start : para.end]):
        _add_trimmed(text, pos, para.start + m.start(), out)
        pos = para.start + m.end()
    _add_trimmed(text, pos, para.end, out)
    return out


def _straight_role(text: str, i: int) -> str:
    """'open', 'close' or 'either' for a straight double quote at ``i``, from its neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = (before in _BEFORE_OPEN or before in _ANY_MARK) and not after.isspace()
    closes = (after in _AFTER_CLOSE or after in _ANY_MARK) and not before.isspace()
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _scan_block(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(open mark, content end, closed) in ``text[start:end]``.

    A closed quote's content ends at its closing mark; an unclosed one ends where the next
    quote opens, or at the block's end.
    """
    found: list[tuple[int, int, bool]] = []
    opener: int | None = None
    nested = 0  # quotes of the other style opened inside the current one
    same = 0  # quotes of the same curly style opened inside the current one
    for i in range(start, end):
        ch = text[i]
        if ch not in _ANY_MARK:
            continue
        if opener is None:
            if ch == '"':
                if _straight_role(text, i) == "close":
                    continue  # a stray closing mark (inches, a typo): nothing to open
                opener = i
            elif ch in _OPENERS:
                opener = i
            # a closing curly mark with nothing open is ignored
            nested = same = 0
            continue
        straight_outer = text[opener] == '"'
        if ch != text[opener] and (
            (straight_outer and ch in "“«„")
            or (not straight_outer and ch == '"' and _straight_role(text, i) == "open")
        ):
            nested += 1  # `"... of “Shark Tank.” ...` or `“... "yes" ...”`
            continue
        if nested and ((straight_outer and ch in "”»") or (not straight_outer and ch == '"')):
            nested -= 1
            continue
        if same and ch != '"' and ch in _PAIRS[text[opener]]:
            same -= 1
            continue
        if ch in _PAIRS[text[opener]] or _mixed_close(text, opener, i):
            if ch == '"' and _straight_role(text, i) == "open" and i + 1 < end:
                # `"a "b` reads as a new quote: the first one was never closed
                found.append((opener, i, False))
                opener = i
                continue
            found.append((opener, i, True))
            opener = None
        elif ch in _OPENERS and ch != '"' and text[opener] == ch:
            if _closes_twice(text, i, end, ch):
                same += 1  # `“... what he calls “hell” than ...”`: a quote inside
                continue
            # the same curly opening mark again: the previous quote was left open
            found.append((opener, i, False))
            opener = i
    if opener is not None:
        found.append((opener, end, False))
    return found


def _closes_twice(text: str, i: int, end: int, mark: str) -> bool:
    """Whether the opening ``mark`` at ``i``, met while a quote of the same style is open,
    opens a quote nested in it: the rest of the block closes two more quotes than it opens
    (the nested one and the outer one), where an outer quote left open would leave one."""
    balance = 0
    for k in range(i + 1, end):
        ch = text[k]
        if ch == mark:
            balance -= 1
        elif ch in _PAIRS[mark]:
            balance += 1
    return balance >= 2


def _mixed_close(text: str, opener: int, i: int) -> bool:
    """A closing mark of the other style: `"a”` or `“a"` (sloppy typing and editing mix
    straight and curly marks; the mark's position still tells that it closes)."""
    ch, op = text[i], text[opener]
    if op == '"' and ch in "”»":
        return True
    return op in "“«„" and ch == '"' and _straight_role(text, i) == "close"


def find_quoted_spans(text: str, *, headline_lines: int = 1) -> list[QuotedSpan]:
    """Every quoted stretch of ``text``, in order; never raises on arbitrary input.

    Double marks (straight, curly, guillemets) are always read; single marks (‘ ’ or straight)
    only in the first ``headline_lines`` paragraphs, where headlines use them as quotes.
    A quote ends at its closing mark; an unclosed one ends at its paragraph's end unless the
    next paragraph opens with a quotation mark, in which case it runs on (multi-paragraph
    quotes have an opening mark on each paragraph and a closing mark on the last).
    """
    paras = paragraph_spans(text)
    raw: list[tuple[int, int, bool, int]] = []  # open, content end, closed, paragraph
    for pi, para in enumerate(paras):
        # lines of a list (related links) are scanned on their own
        blocks = line_spans(text, para) if _is_list_like(text, para) else [para]
        for block in blocks:
            for o, e, closed in _scan_block(text, block.start, block.end):
                raw.append((o, e, closed, pi))
    out: list[QuotedSpan] = []
    i = 0
    while i < len(raw):
        o, e, closed, pi = raw[i]
        if closed or e != paras[pi].end:
            out.append(_make(text, o, e, e if closed else None))
            i += 1
            continue
        # open at the paragraph's end: run on while the next paragraph opens with a mark
        end_pi, j, close = pi, i + 1, None
        while j < len(raw):
            o2, e2, closed2, pi2 = raw[j]
            if pi2 != end_pi + 1 or o2 != paras[pi2].start:
                break
            if not closed2 and e2 != paras[pi2].end:
                break  # reopened inside that paragraph: not a continuation
            end_pi, j = pi2, j + 1
            if closed2:
                close = e2
                break
        if close is not None:
            out.append(_make(text, o, close, close))
        else:
            j = i + 1
            out.append(_make(text, o, e, None))
        i = j
    out.extend(_single_quoted(text, paras[:headline_lines], out))
    out.sort(key=lambda q: q.start)
    return [q for q in out if q.end > q.start]


def _is_list_like(text: str, para: Span) -> bool:
    lines = line_spans(text, para)
    return len(lines) > 1 and any(text[ln.start] in "-*•–" for ln in lines)


def _make(text: str, open_mark: int, end: int, close_mark: int | None) -> QuotedSpan:
    start = open_mark + 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuotedSpan(start, end, open_mark, close_mark)


def _single_quoted(text: str, paras: list[Span], taken: list[QuotedSpan]) -> list[QuotedSpan]:
    out: list[QuotedSpan] = []
    for para in paras:
        chunk = text[para.start : para.end]
        for pattern in (_SINGLE_CURLY, _SINGLE_STRAIGHT):
            for m in pattern.finditer(chunk):
                start, end = para.start + m.start(1), para.start + m.end(1)
                if any(q.open_mark <= start and end <= (q.close_mark or q.end) for q in taken):
                    continue  # nested inside a double-quoted stretch
                out.append(QuotedSpan(start, end, start - 1, end))
    return out
