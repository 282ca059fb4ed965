"""The web app in a real browser: uvicorn on loopback, Debian's Chromium through Playwright.

Upload three reports and read the report; a statement carried by all three lights up in every
column; markup in an article stays text; a bad upload is named with its reason; a token is
asked for when set. Screenshots of the main pages go to /tmp/rashomon-web-*.png.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from rashomon.settings import Settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.slow

DESKTOP = {"width": 1366, "height": 860}
PHONE = {"width": 375, "height": 740}
SHOTS = Path("/tmp")
TOKEN = "browser-test-token"


@dataclass
class Served:
    """The app running under uvicorn on a free loopback port."""

    url: str
    db: str
    server: Any
    thread: threading.Thread


@dataclass
class Tab:
    """A page in Chromium, with what it tried that it should not have."""

    page: Page
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """``serve(db=None, **settings)``: start the app with uvicorn in a thread."""
    import uvicorn

    from rashomon.web import create_app

    running: list[Served] = []

    def start(db: str | None = None, **changes: object) -> Served:
        db = db or str(tmp_path / f"browser-{len(running)}.db")
        app = create_app(settings=Settings().replace(**changes), db=db)
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        served = Served(f"http://127.0.0.1:{port}", db, server, thread)
        running.append(served)
        return served

    yield start
    for served in running:
        served.server.should_exit = True
        served.thread.join(10)


@pytest.fixture
def open_tab(browser: Browser) -> Iterator[Callable[..., Tab]]:
    """``open_tab(served, phone=False)``: a fresh context where every request that is not to
    the app is recorded and aborted."""
    contexts = []

    def open_(served: Served, *, phone: bool = False) -> Tab:
        context = browser.new_context(
            viewport=PHONE if phone else DESKTOP,  # type: ignore[arg-type]
            service_workers="block",
            reduced_motion="reduce",
        )
        contexts.append(context)
        tab = Tab(context.new_page())

        def guard(route: Route) -> None:
            if route.request.url.startswith(served.url):
                route.continue_()
            else:
                tab.requests.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        tab.page.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
        tab.page.on(
            "console",
            lambda m: tab.errors.append(m.text) if m.type in ("error", "warning") else None,
        )
        tab.page.on("pageerror", lambda e: tab.errors.append(str(e)))
        return tab

    yield open_
    for context in contexts:
        context.close()


def shot(page: Page, name: str, *, full: bool = True) -> None:
    page.screenshot(path=str(SHOTS / f"rashomon-web-{name}.png"), full_page=full)


def selected_docs(page: Page) -> dict[str, list[str]]:
    """Doc id -> units highlighted in that document's column of the report."""
    marks: list[list[str]] = page.eval_on_selector_all(
        ".doc-text mark.unit.is-selected",
        "ms => ms.map(m => [m.closest('.doc').dataset.doc, m.dataset.unit])",
    )
    out: dict[str, list[str]] = {}
    for doc, unit in marks:
        out.setdefault(doc, []).append(unit)
    return out


def test_upload_three_reports_and_read_the_report(
    serve: Callable[..., Served],
    open_tab: Callable[..., Tab],
    bridge_dir: Path,
    tmp_path: Path,
) -> None:
    served = serve()
    tab = open_tab(served)
    page = tab.page
    page.goto(served.url + "/")
    shot(page, "home-empty")
    empty = tmp_path / "notes.txt"
    empty.write_bytes(b"   ")
    files = [
        bridge_dir / n for n in ("valley-herald.txt", "northbank-post.html", "coast-wire.json")
    ]
    page.set_input_files("#files", [*files, empty])
    assert page.locator("#chosen li").count() == 4
    shot(page, "home-chosen")
    # The job page shows where the analysis is, then opens the stored story. A quick job
    # may leave its page at the first poll, so its steps are read from the page as served.
    with page.expect_response(
        lambda r: "/jobs/" in r.url and r.request.resource_type == "document"
    ) as job_page:
        page.click("button[type=submit]")
    assert job_page.value.text().count("data-step=") >= 5
    page.wait_for_url("**/stories/*", timeout=600_000)
    page.wait_for_load_state("load")
    assert page.title() == "Old bridge to reopen on Saturday, mayor says · rashomon"
    shot(page, "report")

    outlets = page.eval_on_selector_all(".outlets .outlet-name", "os => os.map(o => o.textContent)")
    assert outlets == ["Valley Herald", "Northbank Post", "Coast Wire"]
    assert "notes.txt: empty file" in page.inner_text("#problems")

    # A statement all three carry: selecting its row lights it up in every column.
    rows = page.eval_on_selector_all(
        "tr.unit-row",
        "rs => rs.map(r => [r.dataset.unit, r.querySelectorAll('td.cell.carried').length])",
    )
    everywhere = [unit for unit, carried in rows if carried == 3]
    assert everywhere, rows
    page.click(f'tr.unit-row[data-unit="{everywhere[0]}"]')
    assert selected_docs(page) == {d: [everywhere[0]] for d in ("d1", "d2", "d3")}
    for doc in ("d1", "d2", "d3"):
        mark = page.locator(f'.doc[data-doc="{doc}"] mark.unit.is-selected')
        assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    shot(page, "report-selected", full=False)

    # The bar leads to the story's articles, and an article to its exact text.
    page.click(".app-bar >> text=Articles (3)")
    page.wait_for_url("**/articles")
    shot(page, "articles")
    page.click("text=Millbrook to reopen river bridge")
    assert "four months of repairs" in page.inner_text("#article-text")
    page.click("nav[aria-label=Site] >> text=Stories")
    assert page.locator(".list .title", has_text="Old bridge to reopen").count() == 1
    shot(page, "stories")

    page.click("nav[aria-label=Site] >> text=Quotes")
    page.fill("#speaker", "lind")
    page.fill("#q", "bridge is safe")
    page.keyboard.press("Enter")
    page.wait_for_url("**/quotes?*")
    hits = page.locator("#hits li.quote")
    assert hits.count() == 3
    assert "Rosa Lind" in hits.first.inner_text()
    shot(page, "quotes")
    assert tab.requests == [] and tab.errors == [] and tab.dialogs == []


def test_the_report_and_the_pages_fit_a_phone(
    serve: Callable[..., Served],
    open_tab: Callable[..., Tab],
    seeded_db: tuple[str, int, list[int]],
) -> None:
    db, story, _ = seeded_db
    served = serve(db)
    tab = open_tab(served, phone=True)
    page = tab.page
    for path, name in (
        ("/", "phone-home"),
        (f"/stories/{story}", "phone-report"),
        ("/quotes?speaker=holm", "phone-quotes"),
    ):
        page.goto(served.url + path)
        width = page.evaluate("innerWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        shot(page, name)
    # Keyboard: the first Tab reaches the skip link, then the site links.
    page.goto(served.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "rashomon"
    assert tab.requests == [] and tab.errors == []


def test_article_markup_renders_as_text_and_never_runs(
    serve: Callable[..., Served],
    open_tab: Callable[..., Tab],
    seeded_db: tuple[str, int, list[int]],
) -> None:
    db, story, ids = seeded_db
    served = serve(db)
    tab = open_tab(served)
    page = tab.page
    page.goto(f"{served.url}/articles/{ids[0]}")
    assert page.inner_text("#article-text").startswith("<script>window.__pwned = 1</script>")
    assert page.inner_text("h1") == "<script>window.__pwned = 1</script> Ferry strike called off"
    assert page.get_by_text("Ferry <i>Daily</i>").count() >= 1
    assert page.locator("b, i").count() == 0
    shot(page, "article-markup")
    page.goto(f"{served.url}/stories/{story}")
    assert "<script>window.__pwned = 1</script>" in page.inner_text('.doc[data-doc="d1"] .doc-text')
    page.goto(f"{served.url}/quotes?speaker=holm")
    assert page.get_by_text("Eva <b>Holm</b>").count() == 2
    assert page.evaluate("window.__pwned === undefined")
    assert tab.dialogs == [] and tab.requests == [] and tab.errors == []


def test_a_bad_upload_gets_a_clear_message(
    serve: Callable[..., Served], open_tab: Callable[..., Tab], tmp_path: Path
) -> None:
    served = serve(upload_max_bytes=50)
    tab = open_tab(served)
    page = tab.page
    big, empty = tmp_path / "long-report.txt", tmp_path / "blank.txt"
    big.write_text("A report far longer than this server accepts. " * 3)
    empty.write_text(" ")
    page.goto(served.url + "/")
    page.set_input_files("#files", [big, empty])
    # The form says at once which file will be refused...
    assert "over the 50 bytes limit" in page.inner_text("#chosen li.bad")
    page.click("button[type=submit]")
    # ...and the job page names each file with its reason.
    page.wait_for_selector("#job[data-state=failed]")
    assert page.inner_text("#job-h") == "The analysis failed"
    errors = page.inner_text("#errors")
    size = big.stat().st_size
    assert f"long-report.txt: file is {size} bytes, over the 50 bytes limit" in errors
    assert "blank.txt: empty file" in errors
    assert page.inner_text("#message") == "no article could be read from the inputs"
    shot(page, "job-failed")

    # Nothing chosen: the form comes back saying what is missing.
    page.goto(served.url + "/")
    page.click("button[type=submit]")
    assert page.inner_text("[role=alert]") == "Choose at least one file or paste at least one URL."
    assert tab.requests == []
    assert [e for e in tab.errors if "status of 400" not in e] == []


def test_a_token_is_required_when_set(
    serve: Callable[..., Served],
    open_tab: Callable[..., Tab],
    seeded_db: tuple[str, int, list[int]],
) -> None:
    db, story, _ = seeded_db
    served = serve(db, token=TOKEN)
    tab = open_tab(served)
    page = tab.page
    response = page.goto(f"{served.url}/stories/{story}")
    assert response is not None and response.status == 401
    shot(page, "login")
    page.fill("#token", "wrong")
    page.click("button[type=submit]")
    assert "not this server's token" in page.inner_text("[role=alert]")
    page.fill("#token", TOKEN)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/stories/{story}")
    assert page.locator(".doc-text").count() == 2
    page.click(".app-bar >> text=Stories")
    # The login cookie is out of reach of scripts; the app's own requests carry it.
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("fetch('/api/stories').then(r => r.status)") == 200
    page.click("text=Log out")
    page.goto(f"{served.url}/stories")
    assert page.locator("#token").count() == 1
    # A link carrying the token logs in too, and the address bar loses the token.
    page.goto(f"{served.url}/quotes?speaker=holm&token={TOKEN}")
    assert page.url == f"{served.url}/quotes?speaker=holm"
    assert page.locator("#hits li.quote").count() == 2
    # A program without the token is refused, with the header it needs named.
    import httpx

    api = httpx.get(f"{served.url}/api/stories")
    assert api.status_code == 401 and "Authorization: Bearer" in api.json()["detail"]
    assert tab.requests == []
