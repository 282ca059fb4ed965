"""Comparing person names as outlets write them: accents, nicknames, suffixes, title
abbreviations and one-letter misspellings. Pure string functions, shared by the per-article
resolver and the story's actor merging."""

from __future__ import annotations

import unicodedata

#: Generational suffixes after a surname ("Robert S. Mueller III"): not the surname.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: Suffixes that tell a father from his son: "Donald Trump Jr." is not "Donald Trump".
FAMILY_SUFFIXES = frozenset({"jr", "sr"})

#: Common short forms of given names, each with its full form. A short form that belongs to
#: several full names ("Chris": Christopher, Christine; "Ben": Benjamin, Bernard) is left
#: out: it would join people. So are two given names in their own right ("Stephen", "Steven").
_NICKNAMES: dict[str, str] = {
    "bill": "william",
    "billy": "william",
    "bob": "robert",
    "bobby": "robert",
    "rob": "robert",
    "chuck": "charles",
    "charlie": "charles",
    "dick": "richard",
    "rich": "richard",
    "jim": "james",
    "jimmy": "james",
    "mike": "michael",
    "tom": "thomas",
    "tommy": "thomas",
    "joe": "joseph",
    "dave": "david",
    "dan": "daniel",
    "danny": "daniel",
    "nick": "nicholas",
    "tony": "anthony",
    "johnny": "john",
    "liz": "elizabeth",
    "betsy": "elizabeth",
    "peggy": "margaret",
    "maggie": "margaret",
    "jenny": "jennifer",
    "jen": "jennifer",
    "greg": "gregory",
    "jeff": "jeffrey",
    "andy": "andrew",
    "matt": "matthew",
    "pete": "peter",
    "tim": "timothy",
    "ron": "ronald",
    "don": "donald",
    "hank": "henry",
}

#: Abbreviated titles and the role noun they stand for ("Texas Gov." is a governor).
TITLE_ABBREVIATIONS: dict[str, str] = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "pres": "president",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "adm": "admiral",
    "cmdr": "commander",
    "atty": "attorney",
    "amb": "ambassador",
    "sec": "secretary",
    "supt": "superintendent",
}

#: Words that make a role another position: the lieutenant governor is not the governor.
RANKS = frozenset({"vice", "deputy", "lieutenant", "assistant", "associate", "under"})

#: Shortest word a misspelling may be forgiven in: "Vincente" for "Vicente", never "Jon"/"Jan".
MIN_MISSPELT = 5


def fold(text: str) -> str:
    """Lower case without accents or a trailing dot ("Peña" -> "pena", "Sen." -> "sen")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return plain.removesuffix("'s").strip(".,")


def given(word: str) -> str:
    """A given name in its full form, folded: "Chuck" -> "charles"."""
    key = fold(word)
    return _NICKNAMES.get(key, key)


def title(word: str) -> str:
    """A role word with its abbreviation written out, folded: "Gov." -> "governor"."""
    key = fold(word)
    return TITLE_ABBREVIATIONS.get(key, key)


def role_keys(words: list[str]) -> list[str]:
    """The role each word of a role phrase can head, abbreviations written out and a rank
    kept with its noun: ["Lieutenant", "Gov."] -> ["lieutenant", "lieutenant governor"]."""
    keys = []
    for i, word in enumerate(words):
        key = title(word)
        if i and fold(words[i - 1]) in RANKS and key not in RANKS:
            key = f"{fold(words[i - 1])} {key}"
        keys.append(key)
    return keys


#: Prepositions that end the head part of a role phrase ("spokesman for the ministry").
HEAD_PREPOSITIONS = frozenset({"of", "to", "for", "with", "from", "at", "in", "on"})


def role_head(words: list[str]) -> str | None:
    """The role a role phrase names, folded, abbreviation written out and rank kept: "head
    of the Federation" -> "head", "adviser to the president" -> "adviser" (a preposition's
    object is not the head), "the vice president" -> "vice president"."""
    cut = next((n for n, w in enumerate(words) if n and fold(w) in HEAD_PREPOSITIONS), None)
    kept = [w for w in (words if cut is None else words[:cut]) if fold(w)]
    return role_keys(kept)[-1] if kept else None


def split_suffix(tokens: list[str]) -> tuple[list[str], str | None]:
    """Name tokens without a generational suffix at the end, and the suffix that tells a
    father from his son, if any: "Donald Trump Jr." -> (["Donald", "Trump"], "jr");
    "Robert S. Mueller III" -> (["Robert", "S.", "Mueller"], None)."""
    family = None
    while len(tokens) > 1 and fold(tokens[-1]) in NAME_SUFFIXES:
        if fold(tokens[-1]) in FAMILY_SUFFIXES:
            family = fold(tokens[-1])
        tokens = tokens[:-1]
    return tokens, family


def misspelt(a: str, b: str) -> bool:
    """Whether two different folded words are one slip apart (a letter added, dropped,
    changed, or two neighbours swapped), both long enough for that to be a slip.

    A difference in the last letter is no slip: it tells relatives apart ("Roberto" and
    "Roberta", "Brown" and "Browne")."""
    if a == b or min(len(a), len(b)) < MIN_MISSPELT or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if diff[-1] == len(a) - 1:
            return False
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((n for n in range(len(short)) if short[n] != long_[n]), len(short))
    return i < len(short) and short[i:] == long_[i + 1 :]
