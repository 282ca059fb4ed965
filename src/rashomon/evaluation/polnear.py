"""Loading a PolNeAR split as :class:`~rashomon.article.Article`\\ s with their gold.

Layout (as extracted from github.com/networkdynamics/PolNeAR)::

    polnear/data/<split>/text/<name>.txt
    polnear/data/<split>/attributions/<name>_<annotator>.ann

Some articles were annotated by several annotators (one ``.ann`` per annotator). Exactly one
is used per article, deterministically: the first file name in sorted order. Articles with
no ``.ann`` file are skipped (they have no gold to score against).

A few relations have their source and cue swapped (`“...,” said Hester` annotated with
source "said" and cue "Hester"); :func:`repair_swapped_roles` swaps them back, so that the
speaker is judged against the name and the cue counts as a speech cue. The number repaired
is kept per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from rashomon.article import Article
from rashomon.evaluation.brat import BratAttribution, read_attributions, spans_text
from rashomon.evaluation.quote_scores import SPEECH_FORMS, words

_ANN_NAME = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")


@dataclass(frozen=True)
class GoldArticle:
    """One PolNeAR article and the gold attributions of the annotator chosen for it."""

    article: Article
    attributions: tuple[BratAttribution, ...]
    annotator: str
    #: How many annotators' files exist for this article (only the first is used).
    annotator_files: int
    #: Relations whose swapped source and cue were swapped back (:func:`repair_swapped_roles`).
    swapped_roles: int = 0


def split_dir(data_dir: Path, split: str) -> Path:
    """The folder of ``split``, given the PolNeAR root or its ``data/`` folder."""
    for candidate in (data_dir / "data" / split, data_dir / split):
        if (candidate / "text").is_dir() and (candidate / "attributions").is_dir():
            return candidate
    raise FileNotFoundError(f"no PolNeAR split {split!r} under {data_dir}")


def read_text(path: Path) -> str:
    """A file's content verbatim: UTF-8, no newline translation (brat offsets count ``\\r``)."""
    return path.read_bytes().decode("utf-8")


def load_split(
    data_dir: Path, split: str = "dev", *, limit: int | None = None
) -> list[GoldArticle]:
    """The annotated articles of ``split`` in file-name order, at most ``limit`` of them."""
    folder = split_dir(data_dir, split)
    anns: dict[str, list[Path]] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        m = _ANN_NAME.match(ann.name)
        if m:
            anns.setdefault(m["name"], []).append(ann)
    out: list[GoldArticle] = []
    for txt in sorted((folder / "text").glob("*.txt")):
        files = anns.get(txt.stem)
        if not files:
            continue
        if limit is not None and len(out) >= limit:
            break
        chosen = files[0]
        m = _ANN_NAME.match(chosen.name)
        text = read_text(txt)
        raw = read_attributions(read_text(chosen))
        attributions = tuple(repair_swapped_roles(text, a) for a in raw)
        article = Article(
            source=str(txt),
            text=text,
            # File names start with the publisher code ("wash-post_2016-09-26_...").
            outlet=txt.stem.split("_", 1)[0],
            published=_date(txt.stem),
        )
        out.append(
            GoldArticle(
                article=article,
                attributions=attributions,
                annotator=m["annotator"] if m else "",
                annotator_files=len(files),
                swapped_roles=sum(a is not b for a, b in zip(attributions, raw, strict=True)),
            )
        )
    return out


_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "it"})


def repair_swapped_roles(text: str, attribution: BratAttribution) -> BratAttribution:
    """``attribution`` with source and cue swapped back when the annotator swapped them:
    the source is nothing but verbs of saying ("said") and the cue reads as a speaker (it
    opens with a capital letter or is a personal pronoun, and holds no verb of saying).
    Any other relation is returned as it is (the same object)."""
    source = words(spans_text(text, attribution.source))
    cue_text = spans_text(text, attribution.cue).strip()
    cue = words(cue_text)
    if not source or not all(w in SPEECH_FORMS for w in source):
        return attribution
    if not cue or any(w in SPEECH_FORMS for w in cue):
        return attribution
    if not (cue_text[:1].isupper() or cue_text.lower() in _PRONOUNS):
        return attribution
    return replace(attribution, source=attribution.cue, cue=attribution.source)


def _date(stem: str) -> str | None:
    parts = stem.split("_")
    if len(parts) > 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", parts[1]):
        return parts[1]
    return None
