"""The web app against a real SQLite file: three fictional reports of a bridge reopening
(written for these tests, in three formats), a hand-built report for tests without models,
and a TestClient that talks to the app as a local browser or program would."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from rashomon.article import Article
from rashomon.settings import Settings
from rashomon.store import open_store
from rashomon.story.model import Actor, Document, Member, QuoteRecord, StoryReport, Unit

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

HERALD = (
    "Old bridge to reopen on Saturday, mayor says\n"
    "\n"
    "MILLBROOK, April 4 (Valley Herald) - The Millbrook river bridge will reopen to traffic on "
    "Saturday, Mayor Rosa Lind said on Friday.\n"
    "\n"
    '"The repairs are finished and the bridge is safe," Lind told reporters at the town hall. '
    '"We expect the first buses to cross it on Monday."\n'
    "\n"
    "Engineer Tomas Berg, who led the inspection, said the new steel cables should last forty "
    "years.\n"
    "\n"
    'Shop owners were less pleased. "We lost half our customers this winter," said Ida Quist, '
    "who runs a bakery on the east bank."
)
POST_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Millbrook bridge reopens after winter repairs | Northbank Post</title>
<meta property="og:site_name" content="Northbank Post">
<meta property="article:published_time" content="2025-04-04T17:00:00Z">
</head><body><article>
<h1>Millbrook bridge reopens after winter repairs</h1>
<p>MILLBROOK - The river bridge in Millbrook will open again to traffic on Saturday, the
town's mayor announced on Friday.</p>
<p>"The repairs are finished and the bridge is safe," Mayor Rosa Lind said. She added that
buses could probably use the bridge from Monday.</p>
<p>Tomas Berg, the engineer in charge of the inspection, said the new cables should last
about forty years.</p>
<p>The repairs cost the town 2.4 million euros, more than planned.</p>
</article></body></html>
"""
WIRE = {
    "title": "Millbrook to reopen river bridge",
    "outlet": "Coast Wire",
    "published": "2025-04-04",
    "text": (
        "MILLBROOK, April 4 - Millbrook will reopen its river bridge on Saturday after four "
        "months of repairs, the mayor said.\n\n"
        '"The repairs are finished and the bridge is safe," Rosa Lind said on Friday. "We may '
        'see the first buses cross it on Monday."\n\n'
        "Local traders said the closure had cost them dearly."
    ),
}
#: The three reports as uploaded: name -> bytes.
BRIDGE_FILES = {
    "valley-herald.txt": HERALD.encode(),
    "northbank-post.html": POST_HTML.encode(),
    "coast-wire.json": json.dumps(WIRE, ensure_ascii=False).encode(),
}
#: An article that carries markup: it must show as text wherever it appears.
HOSTILE = (
    "<script>window.__pwned = 1</script> Ferry strike called off\n"
    'Union leader Eva <b>Holm</b> said the strike was over. "We have a deal," Holm said.'
)
CALM = 'Ferry strike ends\nThe ferry strike is over, union leader Eva Holm said. "We have a deal."'
LOCAL = "http://127.0.0.1"


@pytest.fixture
def bridge_dir(tmp_path: Path) -> Path:
    """The three bridge reports as files in a folder."""
    folder = tmp_path / "bridge"
    folder.mkdir()
    for name, data in BRIDGE_FILES.items():
        (folder / name).write_bytes(data)
    return folder


def hostile_report(hostile: Article, calm: Article) -> StoryReport:
    """A small report of the ferry story, built by hand (no models): one shared statement."""
    said = "We have a deal"
    h, c = hostile.text.index(said), calm.text.index(said)
    documents = [
        Document("d1", hostile.source, hostile.text, title=hostile.title, outlet=hostile.outlet),
        Document("d2", calm.source, calm.text, title=calm.title, outlet=calm.outlet),
    ]
    actor = Actor("a1", "Eva <b>Holm</b>", aliases=["Holm"], kind="person")
    quotes = [
        QuoteRecord("q1", "d1", "direct", said, h, h + len(said), speaker="a1"),
        QuoteRecord("q2", "d2", "direct", said, c, c + len(said), speaker="a1"),
    ]
    unit = Unit(
        "u1",
        "a1",
        [
            Member("d1", said, h, h + len(said), quote="q1", speaker="a1"),
            Member("d2", said, c, c + len(said), quote="q2", speaker="a1"),
        ],
    )
    return StoryReport(
        documents=documents,
        actors=[actor],
        quotes=quotes,
        units=[unit],
        problems=["photo.jpg: no article text found"],
    )


@pytest.fixture
def seeded_db(tmp_path: Path) -> Iterator[tuple[str, int, list[int]]]:
    """A store file holding the ferry story (articles, story, hand-built report):
    ``(path, story id, article ids)``."""
    path = str(tmp_path / "web.db")
    hostile = Article(
        source="ferry-daily.txt",
        text=HOSTILE,
        title=HOSTILE.splitlines()[0],
        outlet="Ferry <i>Daily</i>",
        published="2025-06-01",
    )
    calm = Article(
        source="harbour.txt", text=CALM, title="Ferry strike ends", outlet="Harbour Times"
    )
    with open_store(path) as store:
        ids = [r.id for r in store.add_articles([hostile, calm])]
        story = store.save_story(ids, title="Ferry strike called off", window=("2025-06-01", None))
        store.save_report(hostile_report(hostile, calm), story_id=story)
    yield path, story, ids


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    """``make_client(db=None, **settings)``: a started app (TestClient) on a store file."""
    from fastapi.testclient import TestClient

    from rashomon.web import create_app

    clients: list[TestClient] = []

    def make(db: str | None = None, **changes: object) -> TestClient:
        settings = Settings().replace(**changes)
        app = create_app(settings=settings, db=db or str(tmp_path / "app.db"))
        client = TestClient(app, base_url=LOCAL)
        client.__enter__()  # runs the app's start-up: store opened, worker started
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def wait_for(client: TestClient, job_id: str, timeout: float = 30.0) -> dict[str, Any]:
    """The job's status once it is done or failed (or when ``timeout`` seconds are up)."""
    deadline = time.monotonic() + timeout
    while True:
        status: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if status["state"] in ("done", "failed") or time.monotonic() > deadline:
            return status
        time.sleep(0.1)


@pytest.fixture
def wait_job() -> Callable[..., dict[str, Any]]:
    """``wait_job(client, job_id, timeout=30)``: poll a job until it is done or failed."""
    return wait_for


@pytest.fixture
def bridge_files() -> dict[str, bytes]:
    """The three bridge reports as uploaded: file name -> bytes."""
    return dict(BRIDGE_FILES)
