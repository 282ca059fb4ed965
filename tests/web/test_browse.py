"""Browsing a store through the app: stories, a story's report, articles, quote search, and
the same report JSON as the command line. A hand-built report: no models needed."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from rashomon.render import render_report
from rashomon.store import open_store

Client = Callable[..., TestClient]
Seeded = tuple[str, int, list[int]]


def test_story_list_links_each_story_with_its_article_count(
    make_client: Client, seeded_db: Seeded
) -> None:
    db, story, _ = seeded_db
    client = make_client(db)
    page = client.get("/stories")
    assert page.status_code == 200
    assert f'href="/stories/{story}"' in page.text
    assert "Ferry strike called off" in page.text and "2 articles" in page.text
    assert client.get("/").text.count(f'href="/stories/{story}"') == 1  # latest on the home page

    listed = client.get("/api/stories").json()
    assert [(s["id"], s["title"], len(s["article_ids"])) for s in listed] == [
        (story, "Ferry strike called off", 2)
    ]
    assert client.get(f"/api/stories/{story}").json()["window_start"] == "2025-06-01"


def test_a_story_page_is_its_html_report_with_links_back_into_the_app(
    make_client: Client, seeded_db: Seeded
) -> None:
    db, story, _ = seeded_db
    client = make_client(db)
    page = client.get(f"/stories/{story}")
    assert page.status_code == 200
    with open_store(db, read_only=True) as store:
        report = store.latest_report(story)
    assert report is not None
    standalone = render_report(report, "html")
    body = page.text.index("<body>") + len("<body>")
    bar_end = page.text.index("</nav>", body) + len("</nav>")
    bar = page.text[body:bar_end]
    assert 'class="app-bar"' in bar and f'href="/stories/{story}/articles"' in bar
    # Apart from the bar (and its styles), the page is exactly the report --format html writes.
    assert (page.text[:body] + page.text[bar_end:]).replace("\n\n", "\n") == standalone.replace(
        "\n\n", "\n"
    )
    assert "photo.jpg: no article text found" in page.text  # the problems section
    assert "script-src 'unsafe-inline'" in page.headers["content-security-policy"]

    download = client.get(f"/stories/{story}/report.html")
    assert download.text == standalone
    assert "attachment" in download.headers["content-disposition"]


def test_report_json_is_exactly_what_the_command_line_writes(
    make_client: Client, seeded_db: Seeded
) -> None:
    db, story, _ = seeded_db
    client = make_client(db)
    response = client.get(f"/api/stories/{story}/report")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    with open_store(db, read_only=True) as store:
        report = store.latest_report(story)
    assert report is not None
    assert response.text == render_report(report, "json")
    assert response.json()["schema"] == "rashomon.report/1"


def test_article_markup_shows_as_text_on_every_page(make_client: Client, seeded_db: Seeded) -> None:
    db, story, ids = seeded_db
    client = make_client(db)
    pages = {
        "article": client.get(f"/articles/{ids[0]}").text,
        "articles": client.get(f"/stories/{story}/articles").text,
        "report": client.get(f"/stories/{story}").text,
        "quotes": client.get("/quotes", params={"speaker": "holm"}).text,
    }
    for name, html in pages.items():
        assert "<script>window.__pwned" not in html, name
        assert "<b>Holm</b>" not in html and "<i>Daily</i>" not in html, name
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in pages["article"]
    assert "Ferry &lt;i&gt;Daily&lt;/i&gt;" in pages["article"]
    assert "Eva &lt;b&gt;Holm&lt;/b&gt;" in pages["quotes"]
    # The API gives the text as it is (JSON is not HTML).
    assert client.get(f"/api/articles/{ids[0]}").json()["text"].startswith("<script>")


def test_article_pages_show_the_exact_text_and_their_story(
    make_client: Client, seeded_db: Seeded
) -> None:
    db, story, ids = seeded_db
    client = make_client(db)
    listed = client.get(f"/api/stories/{story}/articles").json()
    assert [a["id"] for a in listed] == ids
    assert [a["outlet"] for a in listed] == ["Ferry <i>Daily</i>", "Harbour Times"]
    detail = client.get(f"/api/articles/{ids[1]}").json()
    assert detail["text"].startswith("Ferry strike ends\nThe ferry strike is over")
    assert detail["story_ids"] == [story]
    page = client.get(f"/articles/{ids[1]}").text
    assert f'href="/stories/{story}"' in page
    assert client.get("/articles/999").status_code == 404
    assert client.get("/api/articles/999").json() == {"detail": "no article 999"}


def test_quotes_are_searched_by_speaker_and_words(make_client: Client, seeded_db: Seeded) -> None:
    db, story, ids = seeded_db
    client = make_client(db)
    hits = client.get("/api/quotes", params={"speaker": "HOLM", "q": "deal"}).json()
    assert [(h["text"], h["outlet"], h["article_id"]) for h in hits] == [
        ("We have a deal", "Ferry <i>Daily</i>", ids[0]),
        ("We have a deal", "Harbour Times", ids[1]),
    ]
    assert {h["story_id"] for h in hits} == {story}
    assert client.get("/api/quotes", params={"speaker": "lind"}).json() == []
    assert client.get("/api/quotes", params={"q": "deal", "limit": 1}).json()[0]["doc"] == "d1"

    page = client.get("/quotes", params={"speaker": "holm", "q": "deal"}).text
    assert page.count('<li class="quote">') == 2
    assert f'href="/articles/{ids[0]}"' in page
    assert 'value="holm"' in page  # the form keeps the search
    empty = client.get("/quotes", params={"q": "no such words"}).text
    assert 'id="no-hits"' in empty


def test_unknown_stories_are_404_as_a_page_and_as_json(make_client: Client) -> None:
    client = make_client()
    page = client.get("/stories/7", headers={"accept": "text/html"})
    assert page.status_code == 404 and "no story 7" in page.text and "<html" in page.text
    assert client.get("/api/stories/7/report").json() == {"detail": "no story 7"}
    assert client.get("/api/stories").json() == []


def test_the_api_is_described_and_no_page_loads_assets_from_elsewhere(
    make_client: Client,
) -> None:
    client = make_client()
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/jobs",
        "/api/jobs/{job_id}",
        "/api/stories",
        "/api/stories/{story_id}/report",
        "/api/articles/{article_id}",
        "/api/quotes",
    ):
        assert path in spec["paths"], path
    assert not any(not p.startswith("/api/") for p in spec["paths"])
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    for path in ("/", "/stories", "/quotes", "/login"):
        response = client.get(path)
        for outside in ('src="http', 'href="http', "url(", "@import", "//cdn"):
            assert outside not in response.text, (path, outside)
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert 'src="/static/app.js"' in response.text


def test_a_story_without_a_report_lists_its_articles(
    make_client: Client, seeded_db: Seeded
) -> None:
    db, _, ids = seeded_db
    with open_store(db) as store:  # e.g. grouped by story clustering, not analysed yet
        bare = store.save_story(ids[1:], title="Grouped, not analysed")
    client = make_client(db)
    page = client.get(f"/stories/{bare}")
    assert page.status_code == 200
    assert "no report yet" in page.text and f'href="/articles/{ids[1]}"' in page.text
    missing = client.get(f"/api/stories/{bare}/report")
    assert missing.status_code == 404
    assert missing.json() == {"detail": f"story {bare} has no report yet"}


def test_a_bad_parameter_is_a_page_for_browsers_and_json_for_the_api(make_client: Client) -> None:
    client = make_client()
    page = client.get("/quotes", params={"story": "seven"})
    assert page.status_code == 422 and "<html" in page.text and "story:" in page.text
    api = client.get("/api/quotes", params={"limit": "0"})
    assert api.status_code == 422 and api.json()["detail"][0]["loc"] == ["query", "limit"]
