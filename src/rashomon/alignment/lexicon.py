"""Word lists and small token helpers shared by alignment, variants and disputes.

Everything here is plain Python (no spaCy): statements are short, and the markers that change
meaning (negation, modality, numbers, hedges, intensity, labels) are closed word classes.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

#: A word token: letters/digits with inner apostrophes, hyphens, dots or commas ("40,000",
#: "state-backed", "year's"), or a lone "n't".
WORD_RE = re.compile(r"n['’]t\b|\d[\d.,:]*\d|\d|[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _wordset(
    """a an the and or but if while of at by for with about against between into through during
    before after above below to from up down in out on off over under again further then once here
    there when where why how all any both each few more most other some such only own same so than
    too very s t can will just don should now i me my myself we our ours ourselves you your yours
    he him his himself she her hers herself it its itself they them their theirs themselves what
    which who whom this that these those am is are was were be been being have has had having do
    does did doing would could may might must shall also said says say told tells tell added adding
    according as per mr mrs ms dr"""
)

#: Markers of negation; "n't" is normalised to "not" by :func:`words`.
NEGATION = frozenset(
    {"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"}
)
#: Denial and rejection verbs: stance markers for disputes (not counted as grammatical negation).
DENIAL = frozenset(
    {
        "deny",
        "denies",
        "denied",
        "denying",
        "reject",
        "rejects",
        "rejected",
        "rejecting",
        "refuse",
        "refuses",
        "refused",
        "dismiss",
        "dismisses",
        "dismissed",
        "disputed",
        "disputes",
        "contradicted",
        "rebuffed",
    }
)

#: Graded modality: 1 possible, 2 likely, 3 certain. A phrase takes the lowest grade it holds,
#: so "will probably" (3 and 2) reads as 2, the same as "likely".
MODALITY: dict[str, int] = {
    "possible": 1,
    "possibly": 1,
    "may": 1,
    "might": 1,
    "could": 1,
    "can": 1,
    "conceivable": 1,
    "likely": 2,
    "probably": 2,
    "probable": 2,
    "expect": 2,
    "expects": 2,
    "expected": 2,
    "expecting": 2,
    "should": 2,
    "will": 3,
    # Reported speech backshifts "will" to "would" ("the government would not reopen").
    "would": 3,
    "certain": 3,
    "certainly": 3,
    "sure": 3,
    "definitely": 3,
    "inevitable": 3,
    "shall": 3,
}

#: Hedges: single words and multi-word phrases (matched on lower-cased word sequences).
HEDGE_WORDS = frozenset(
    {
        "think",
        "believe",
        "believes",
        "reportedly",
        "apparently",
        "perhaps",
        "somewhat",
        "seems",
        "seem",
        "seemed",
        "allegedly",
        "arguably",
        "appears",
        "appear",
        "suppose",
        "guess",
        "slightly",
        "maybe",
        "fairly",
        "rather",
        "relatively",
    }
)
HEDGE_PHRASES: tuple[tuple[str, ...], ...] = (
    ("a", "little"),
    ("a", "bit"),
    ("sort", "of"),
    ("kind", "of"),
    ("to", "some", "extent"),
    ("in", "a", "way"),
)

INTENSITY = frozenset(
    {
        "regrettable",
        "unfortunate",
        "unacceptable",
        "outrageous",
        "serious",
        "grave",
        "odd",
        "strange",
        "disappointing",
        "shocking",
        "appalling",
        "scandalous",
        "disgraceful",
        "alarming",
        "worrying",
        "concerning",
        "deplorable",
        "catastrophic",
        "disastrous",
        "terrible",
        "severe",
        "minor",
        "huge",
        "massive",
        "major",
        "significant",
        "slight",
        "strongly",
        "firmly",
        "deeply",
        "extremely",
        "totally",
        "completely",
        "absolutely",
        "utterly",
        "crucial",
        "critical",
        "historic",
        "brutal",
        "fierce",
        "sharply",
        "very",
        "really",
        "highly",
        "incredibly",
    }
)

#: Labels that frame an actor ("state-backed media", "the regime", "militants").
LABELS = frozenset(
    {
        "regime",
        "militant",
        "militants",
        "terrorist",
        "terrorists",
        "rebel",
        "rebels",
        "insurgent",
        "insurgents",
        "separatist",
        "separatists",
        "extremist",
        "extremists",
        "radical",
        "radicals",
        "hardline",
        "hardliner",
        "hardliners",
        "activist",
        "activists",
        "dictator",
        "strongman",
        "junta",
        "propaganda",
        "far-right",
        "far-left",
        "state-backed",
        "state-run",
        "state-owned",
        "state-controlled",
        "pro-government",
        "opposition",
        "dissident",
        "dissidents",
        "protesters",
        "rioters",
        "mob",
        "thugs",
        "freedom",
        "fighters",
        "occupation",
        "occupied",
        "so-called",
    }
)

#: Titles and their abbreviations: part of a name as written ("Gen. Flynn", "General
#: Flynn"), never a name of their own.
TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "doctor",
        "sen",
        "senator",
        "rep",
        "representative",
        "gov",
        "governor",
        "gen",
        "general",
        "lt",
        "lieutenant",
        "col",
        "colonel",
        "sgt",
        "sergeant",
        "capt",
        "captain",
        "adm",
        "admiral",
        "prof",
        "professor",
        "pres",
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "speaker",
        "chairman",
        "chairwoman",
        "judge",
        "justice",
        "mayor",
        "king",
        "queen",
        "prince",
        "princess",
        "sir",
        "lord",
        "lady",
        "rev",
        "reverend",
        "former",
        "the",
    }
)

NUMBER_WORDS: dict[str, str] = {
    "zero": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "thousand": "1000",
    "million": "1000000",
    "billion": "1000000000",
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
    "half": "1/2",
    "dozen": "12",
    "once": "1x",
    "twice": "2x",
}
DATE_WORDS = _wordset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday today yesterday tomorrow tonight weekend week weeks month months year years
    spring summer autumn fall winter"""
)
#: Words of DATE_WORDS that are dates only when capitalised ("May" the month, not "may").
_AMBIGUOUS_DATES = frozenset({"may", "march", "fall"})

PRONOUNS = _wordset(
    """i me my we us our you your he him his she her hers it its they them their this that
    who whom which one himself herself themselves"""
)


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case and strip accents ("Hélène" -> "helene"), for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Word tokens of ``text`` as ``(surface, start, end)``."""
    return [(m.group(0), m.start(), m.end()) for m in WORD_RE.finditer(text)]


def norm(word: str) -> str:
    """Normal form of one token for comparison ("n't" -> "not", curly apostrophes)."""
    low = word.casefold().replace("’", "'")
    if low in {"n't", "cannot"}:
        return "not" if low == "n't" else "cannot"
    return low


def expand(surface: str) -> list[str]:
    """Normalised words of one surface token; "doesn't" becomes ["does", "not"], "I'd"
    ["i", "would"]."""
    low = norm(surface)
    if low.endswith("n't") and len(low) > 3:
        head = low[:-3]
        return [{"wo": "will", "ca": "can", "sha": "shall"}.get(head, head), "not"]
    # "I'd like" is "I would like", "we'll" "we will": the same modality as spelled out.
    if low.endswith("'ll") and len(low) > 3:
        return [low[:-3], "will"]
    if low.endswith("'d") and len(low) > 2 and low[:-2] in PRONOUNS:
        return [low[:-2], "would"]
    return [low]


def words(text: str) -> list[str]:
    """Normalised word tokens of ``text``."""
    return [w for surface, _, _ in tokens(text) for w in expand(surface)]


def stem(word: str) -> str:
    """A crude stem so "strikes"/"strike" and "wages"/"wage" meet; good enough for overlap."""
    w = word.casefold().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in ("ing", "ies", "es", "ed", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return w


def content_words(text: str) -> set[str]:
    """Stems of the words that carry content (stopwords, pronouns and modals left out)."""
    return {
        stem(w)
        for w in words(text)
        if w not in STOPWORDS and w not in MODALITY and w not in NEGATION and len(w) > 2
    }


def negation_count(ws: Iterable[str]) -> int:
    """Number of negation markers among normalised words."""
    return sum(1 for w in ws if w in NEGATION)


def modality_grades(surfaces: Sequence[str]) -> set[int]:
    """Modality grades of the surface tokens (1 possible, 2 likely, 3 certain).

    The month "May" (capitalised) is not the modal "may".
    """
    return {
        MODALITY[w]
        for s in surfaces
        if not (s[:1].isupper() and norm(s) in _AMBIGUOUS_DATES)
        for w in expand(s)
        if w in MODALITY
    }


def modality_grade(surfaces: Sequence[str]) -> int | None:
    """Lowest modality grade among surface tokens (see :func:`modality_grades`), or None."""
    grades = modality_grades(surfaces)
    return min(grades) if grades else None


def hedges(ws: Sequence[str]) -> list[str]:
    """Hedge markers among normalised words, phrases joined with spaces."""
    found = [w for w in ws if w in HEDGE_WORDS]
    for phrase in HEDGE_PHRASES:
        n = len(phrase)
        for i in range(len(ws) - n + 1):
            if tuple(ws[i : i + n]) == phrase:
                found.append(" ".join(phrase))
    return found


def numbers_and_dates(surfaces: Sequence[str]) -> list[str]:
    """Normalised numbers and date words among surface tokens ("three" -> "3", "March")."""
    out: list[str] = []
    for s in surfaces:
        low = norm(s)
        if any(c.isdigit() for c in low):
            out.append(low.replace(",", ""))
        elif low in NUMBER_WORDS:
            out.append(NUMBER_WORDS[low])
        elif low in DATE_WORDS and (low not in _AMBIGUOUS_DATES or s[:1].isupper()):
            out.append(low)
    return out
