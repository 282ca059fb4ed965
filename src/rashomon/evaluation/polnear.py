"""Loading a PolNeAR split as :class:`~rashomon.article.Article`\\ s with their gold.

Layout (as extracted from github.com/networkdynamics/PolNeAR)::

    polnear/data/<split>/text/<name>.txt
    polnear/data/<split>/attributions/<name>_<annotator>.ann

Some articles were annotated by several annotators (one ``.ann`` per annotator). Exactly one
is used per article, deterministically: the first file name in sorted order. Articles with
no ``.ann`` file are skipped (they have no gold to score against).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rashomon.article import Article
from rashomon.evaluation.brat import BratAttribution, read_attributions

_ANN_NAME = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")


@dataclass(frozen=True)
class GoldArticle:
    """One PolNeAR article and the gold attributions of the annotator chosen for it."""

    article: Article
    attributions: tuple[BratAttribution, ...]
    annotator: str
    #: How many annotators' files exist for this article (only the first is used).
    annotator_files: int


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
        article = Article(
            source=str(txt),
            text=read_text(txt),
            # File names start with the publisher code ("wash-post_2016-09-26_...").
            outlet=txt.stem.split("_", 1)[0],
            published=_date(txt.stem),
        )
        out.append(
            GoldArticle(
                article=article,
                attributions=tuple(read_attributions(read_text(chosen))),
                annotator=m["annotator"] if m else "",
                annotator_files=len(files),
            )
        )
    return out


def _date(stem: str) -> str | None:
    parts = stem.split("_")
    if len(parts) > 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", parts[1]):
        return parts[1]
    return None
