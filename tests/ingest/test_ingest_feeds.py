"""RSS and Atom feeds: each item an article from its content or summary, read as a stream."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rashomon.article import Article
from rashomon.errors import InputError
from rashomon.ingest import load_sources, read_source
from rashomon.ingest.feeds import articles_from_feed

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Bergvik Herald</title>
  <link>https://herald.example/</link>
  <image><title>Herald logo</title><url>https://herald.example/logo.png</url></image>
  <item>
    <title>Dockers end nine-day strike</title>
    <link>https://herald.example/news/strike-ends</link>
    <pubDate>Tue, 12 May 2024 09:30:00 +0200</pubDate>
    <description>Short teaser only.</description>
    <content:encoded><![CDATA[<p>Dock workers in Bergvik voted on Tuesday to end a
      nine-day strike.</p><p>&#8220;This is a fair result,&#8221; said union leader
      Ingrid Dahl.<script>track()</script></p>]]></content:encoded>
  </item>
  <item>
    <title>Ferry timetable changes &amp; delays</title>
    <link>https://herald.example/news/ferry</link>
    <dc:date>2024-05-13T07:00:00Z</dc:date>
    <description>&lt;p&gt;The ferry to Nordøy will run late all week, the operator
      said on Monday.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Photo gallery</title>
    <link>https://herald.example/gallery</link>
  </item>
  <item>
    <title>Wire: talks resume</title>
    <description>OSLO, May 14 (NPA) - Talks between the port authority and the union
      resumed on Wednesday, the agency said.</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Coastal Times</title>
  <entry>
    <title type="html">Port reopens &lt;em&gt;today&lt;/em&gt;</title>
    <link rel="alternate" href="https://coastal.example/port-reopens"/>
    <link rel="enclosure" href="https://coastal.example/photo.jpg"/>
    <published>2024-05-12T10:00:00Z</published>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>The port of Bergvik reopened on Tuesday after dockers voted to return.</p>
      <p>"We never wanted to stop the ships," Ingrid Dahl said.</p></div></content>
  </entry>
  <entry>
    <title>Fish market moves</title>
    <updated>2024-05-13T10:00:00Z</updated>
    <summary>The fish market moves to the east quay next month, the city said.</summary>
  </entry>
</feed>
"""


def test_rss_items_become_articles_with_feed_metadata(write: Callable[..., Path]) -> None:
    path = write("herald.rss", RSS)
    items = list(read_source(str(path)))
    assert len(items) == 4
    strike, ferry, gallery, wire = items
    assert isinstance(strike, Article), strike
    assert strike.source == f"{path}#1"
    assert strike.title == "Dockers end nine-day strike"
    assert strike.outlet == "The Bergvik Herald"
    assert strike.published == "2024-05-12"
    assert strike.url == "https://herald.example/news/strike-ends"
    # The full content wins over the teaser; markup and scripts are gone, paragraphs kept.
    assert strike.text == (
        "Dockers end nine-day strike\n\n"
        "Dock workers in Bergvik voted on Tuesday to end a nine-day strike.\n\n"
        "“This is a fair result,” said union leader Ingrid Dahl."
    )
    assert isinstance(ferry, Article), ferry
    assert ferry.title == "Ferry timetable changes & delays"
    assert ferry.published == "2024-05-13"
    assert ferry.text.endswith(
        "The ferry to Nordøy will run late all week, the operator said on Monday."
    )
    assert isinstance(gallery, InputError)
    assert str(gallery) == f"{path}#3: feed item has no content or summary"
    assert isinstance(wire, Article), wire
    assert wire.outlet == "NPA"  # an agency's dateline beats the feed's title


def test_atom_entries_read_xhtml_content_and_summaries(write: Callable[..., Path]) -> None:
    path = write("coastal.atom", ATOM)
    port, market = list(read_source(str(path)))
    assert isinstance(port, Article) and isinstance(market, Article)
    assert port.title == "Port reopens today"
    assert port.url == "https://coastal.example/port-reopens"
    assert port.outlet == "Coastal Times"
    assert port.published == "2024-05-12"
    assert '\n\n"We never wanted to stop the ships," Ingrid Dahl said.' in port.text
    assert market.published == "2024-05-13"
    assert market.text.startswith("Fish market moves\n\nThe fish market moves")


def test_xml_that_is_not_a_feed_is_one_clear_error(write: Callable[..., Path]) -> None:
    path = write("sitemap.xml", '<?xml version="1.0"?><urlset><url/></urlset>')
    (error,) = list(read_source(str(path)))
    assert str(error) == f"{path}: XML is not an RSS or Atom feed (root element <urlset>)"


def test_a_feed_cut_short_keeps_the_items_before_the_break(write: Callable[..., Path]) -> None:
    cut = RSS[: RSS.index("<item>", RSS.index("Ferry timetable")) + 20]
    path = write("cut.rss", cut)
    items = list(read_source(str(path)))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "InputError"]
    assert str(items[-1]).startswith(f"{path}#3: feed is not valid XML: ")


def test_a_feed_without_items_says_so(write: Callable[..., Path]) -> None:
    path = write("empty.rss", "<rss><channel><title>Quiet</title></channel></rss>")
    assert [str(e) for e in read_source(str(path))] == [f"{path}: feed has no items"]


def test_a_feed_url_is_read_by_its_content_type(http_server: Any) -> None:
    http_server.add("/feed", ATOM.encode(), content_type="application/atom+xml")
    http_server.add("/plain-xml", RSS.encode(), content_type="text/xml; charset=utf-8")
    http_server.add("/unlabelled", RSS.encode(), content_type="application/octet-stream")
    articles, errors = load_sources(
        [http_server.url("/feed"), http_server.url("/plain-xml"), http_server.url("/unlabelled")]
    )
    assert len(articles) == 2 + 3 + 3
    assert [str(e) for e in errors] == [
        f"{http_server.url(path)}#3: feed item has no content or summary"
        for path in ("/plain-xml", "/unlabelled")
    ]
    assert articles[0].source == http_server.url("/feed") + "#1"


def test_items_come_out_while_the_feed_is_still_arriving() -> None:
    # A pipe whose writer holds back the end of the feed: the first item must be readable
    # before the rest exists, so a feed of any size is read in constant memory.
    read_fd, write_fd = os.pipe()
    head, tail = RSS.split("</item>", 1)
    with open(write_fd, "wb") as writer, open(read_fd, "rb", buffering=0) as stream:
        writer.write((head + "</item>").encode())
        writer.flush()
        items = articles_from_feed(stream, "pipe")
        done = threading.Event()
        first: list[object] = []

        def read_first() -> None:
            first.append(next(items))
            done.set()

        thread = threading.Thread(target=read_first, daemon=True)
        thread.start()
        assert done.wait(5), "the first item waited for the whole feed"
        writer.write(tail.encode())
        writer.close()
        thread.join()
        rest = list(items)
    assert isinstance(first[0], Article) and first[0].source == "pipe#1"
    assert len(rest) == 3


def test_a_folder_reads_its_feeds_and_passes_over_other_xml(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    write("news/herald.xml", RSS)
    write("news/sitemap.xml", '<?xml version="1.0"?><urlset><url/></urlset>')
    articles, errors = load_sources([str(tmp_path / "news")])
    assert len(articles) == 3
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'news' / 'herald.xml'}#3: feed item has no content or summary"
    ]


@pytest.mark.parametrize("name", ["empty.rss", "empty.csv", "empty.warc.gz", "empty.jsonl"])
def test_an_empty_dump_feed_or_crawl_says_so(write: Callable[..., Path], name: str) -> None:
    path = write(name, b"")
    assert [str(e) for e in read_source(str(path))] == [f"{path}: empty file"]
