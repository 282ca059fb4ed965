"""spaCy's attribute ruler, as far as quote extraction reads it, on whole arrays at once.

The English pipelines' ``attribute_ruler`` maps fine-grained tags to parts of speech and
fixes a few dozen exceptions ("but" as an adverb, auxiliaries, "there is"), token by token
through spaCy's Matcher: about a tenth of the analysis time. The selective parse keeps only
the tag, the part of speech and the dependency label of the parsed runs (lemmas come from
the rules' own lexicon, morphology is not read), so here the ruler's own patterns are
compiled, at load time, into comparisons over the columns of ``Doc.to_array`` and applied in
the ruler's order, the later rule winning, as the ruler does. Rules that set nothing but
lemmas or morphology are left out; a pattern this module cannot read keeps the real ruler
in use (:func:`compile_rules` returns ``None``), so the result never silently differs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

#: Attributes the rules may test, in the column order of ``Doc.to_array``.
_COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")
#: Attributes the selective parse keeps from the ruler.
_KEPT = ("POS", "TAG", "DEP")

Test = Callable[["numpy.ndarray", Sequence[str]], "numpy.ndarray"]


@dataclass(frozen=True)
class AttributeRule:
    """One pattern of the ruler: a test per token, the token to change, what it becomes."""

    tokens: tuple[tuple[Test, ...], ...]
    index: int
    #: attribute name ("POS", "TAG", "DEP") -> the value as ``Doc.from_array`` takes it
    values: tuple[tuple[str, int], ...]


def compile_rules(ruler: Any, vocab: Vocab) -> list[AttributeRule] | None:
    """The ruler's patterns that set a part of speech, tag or dependency label, compiled;
    ``None`` when one uses a feature this module does not implement."""
    from spacy.parts_of_speech import IDS as POS_IDS

    rules = []
    for entry in ruler.patterns:
        values = []
        for name, value in entry["attrs"].items():
            if name in _KEPT:
                values.append((name, POS_IDS[value] if name == "POS" else _hash(vocab, value)))
        if not values:
            continue  # lemma or morphology only: not kept by the selective parse
        for pattern in entry["patterns"]:
            tokens = []
            for spec in pattern:
                tests = [_test(name, cond, vocab) for name, cond in spec.items()]
                if any(t is None for t in tests):
                    return None
                tokens.append(tuple(t for t in tests if t is not None))
            rules.append(AttributeRule(tuple(tokens), entry.get("index", 0), tuple(values)))
    return rules


def apply_rules(rules: Sequence[AttributeRule], doc: Doc) -> Doc:
    """Set ``doc``'s parts of speech, tags and dependency labels as the ruler would."""
    import numpy as np
    from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG

    n = len(doc)
    if n == 0:
        return doc
    columns = doc.to_array([TAG, LOWER, DEP, IS_SPACE])
    lowers = [t.lower_ for t in doc]
    out = {"POS": doc.to_array([POS]).reshape(-1), "TAG": columns[:, 0].copy()}
    out["DEP"] = columns[:, 2].copy()
    changed: set[str] = set()
    for rule in rules:
        width = len(rule.tokens)
        if width > n:
            continue
        starts = np.ones(n - width + 1, dtype=bool)
        for offset, tests in enumerate(rule.tokens):
            window = columns[offset : offset + n - width + 1]
            words = lowers[offset : offset + n - width + 1]
            for test in tests:
                starts &= test(window, words)
        if not starts.any():
            continue
        target = np.flatnonzero(starts) + (rule.index if rule.index >= 0 else width + rule.index)
        for name, value in rule.values:
            out[name][target] = value
            changed.add(name)
    if changed:
        names = sorted(changed)
        attrs = {"POS": POS, "TAG": TAG, "DEP": DEP}
        doc.from_array(
            [attrs[name] for name in names],
            np.stack([out[name] for name in names], axis=1).astype("uint64"),  # type: ignore[arg-type]  # numpy, typed as Ints2d
        )
    return doc


def _hash(vocab: Vocab, value: str) -> int:
    # the empty string is spaCy's "not set" (0), never a stored string
    return int(vocab.strings.add(value)) if value else 0


def _test(name: str, cond: Any, vocab: Vocab) -> Test | None:
    """A vectorised test of one token attribute; ``None`` if it cannot be read here."""
    import numpy as np

    if name not in _COLUMNS:
        return None
    col = _COLUMNS.index(name)
    if name == "IS_SPACE":
        if not isinstance(cond, bool):
            return None
        want = int(cond)
        return lambda a, _w: a[:, col] == want
    if isinstance(cond, str):
        key = _hash(vocab, cond)
        return lambda a, _w: a[:, col] == key
    if isinstance(cond, dict) and len(cond) == 1:
        ((op, arg),) = cond.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list):
            keys = np.array([_hash(vocab, v) for v in arg], dtype="uint64")
            if op == "IN":
                return lambda a, _w: np.isin(a[:, col], keys)
            return lambda a, _w: ~np.isin(a[:, col], keys)
        if op == "REGEX" and name == "LOWER" and isinstance(arg, str):
            pattern = re.compile(arg)
            return lambda _a, words: np.fromiter(
                (pattern.search(w) is not None for w in words), dtype=bool, count=len(words)
            )
    return None
