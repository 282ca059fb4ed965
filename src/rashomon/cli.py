"""The ``rashomon`` command line: thin commands over the library functions.

Each command parses its options, calls one library function, and turns library errors into
one-line messages. Exit codes: 0 ok, 1 bad input (one line per bad input on stderr, the other
inputs still analysed), 2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from rashomon.article import Article
    from rashomon.errors import InputError
    from rashomon.scale import BatchSummary
    from rashomon.store import IngestSummary
    from rashomon.story.model import StoryReport

app = typer.Typer(
    name="rashomon",
    help="Reconstruct a news event from many reports of it: who said what, how each outlet "
    "rendered it, what some left out, and who disputes whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
#: Exit code after Ctrl-C, as shells report a process ended by SIGINT.
EXIT_INTERRUPTED = 130

#: The example story shipped in the package, in the order its documents are shown.
EXAMPLE_STORY = "rail-talks"
EXAMPLE_FILES = ("cpa.txt", "orient-news.txt", "lyon-courier.html", "meridian-wire.json")


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"


class QuotesFormat(StrEnum):
    text = "text"
    json = "json"


SourcesArg = Annotated[
    list[str],
    typer.Argument(
        help="Files, folders, JSON/JSONL files or http(s) URLs of reports of one event.",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the report to FILE instead of stdout.")
]
#: The sources of a store-filling command (ingest, batch): every reader's formats.
StreamSourcesArg = Annotated[
    list[str],
    typer.Argument(
        help="Folders, files (text, HTML, JSON, JSONL, CSV, RSS/Atom feeds, WARC) or http(s) URLs.",
        show_default=False,
    ),
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file or SQLAlchemy URL (postgresql://user@host/name) "
        "(default: RASHOMON_DB, rashomon.db).",
        show_default=False,
    ),
]
WindowDaysOpt = Annotated[
    int | None,
    typer.Option(
        "--window-days",
        min=0,
        help="Days around a story's articles within which an article may join it "
        "(default: RASHOMON_CLUSTER_WINDOW_DAYS).",
    ),
]


def _version(value: bool) -> None:
    if value:
        from rashomon import __version__

        typer.echo(f"rashomon {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Reconstruct a news event from many reports of it."""


@app.command()
def compare(
    sources: SourcesArg,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReportFormat.text,
    output: OutputOpt = None,
) -> None:
    """Analyse the given reports as one story: quotes, aligned statements, coverage, variants."""
    articles, errors = _load(sources)
    if len(articles) == 1:
        errors.append(_single_document_error(articles[0]))
    if not articles:
        raise typer.Exit(EXIT_BAD_INPUT)
    report = _run(lambda: _compare(articles), f"Analysing {len(articles)} reports")
    report.problems.extend(str(e) for e in errors)
    _emit(report, fmt.value, output)
    raise typer.Exit(EXIT_BAD_INPUT if errors else EXIT_OK)


@app.command()
def quotes(
    sources: SourcesArg,
    fmt: Annotated[
        QuotesFormat, typer.Option("--format", "-f", help="Output format.")
    ] = QuotesFormat.text,
    output: OutputOpt = None,
) -> None:
    """Quotes and their speakers, article by article (no cross-article step)."""
    from rashomon.story import quotes_report

    articles, errors = _load(sources)
    if not articles:
        raise typer.Exit(EXIT_BAD_INPUT)
    report = _run(lambda: quotes_report(articles), f"Finding quotes in {len(articles)} articles")
    report.problems.extend(str(e) for e in errors)
    if fmt is QuotesFormat.json:
        _emit(report, "json", output)
    else:
        from rashomon.render import render_quotes

        _write(render_quotes(report), output)
    raise typer.Exit(EXIT_BAD_INPUT if errors else EXIT_OK)


@app.command()
def demo(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the HTML report.")
    ] = Path("rashomon-demo.html"),
) -> None:
    """Compare the example story bundled with rashomon and write an HTML report."""
    from importlib.resources import as_file, files

    from rashomon.ingest import load_sources
    from rashomon.render import print_summary, render_report

    folder = files("rashomon") / "examples" / EXAMPLE_STORY
    with as_file(folder) as path:
        articles, errors = load_sources([str(path / name) for name in EXAMPLE_FILES])
    for error in errors:  # the bundled files are ours: any error here is a bug, say it loudly
        typer.echo(f"error: {error}", err=True)
    report = _run(
        lambda: _compare(articles), f"Analysing the example story ({len(articles)} reports)"
    )
    print_summary(report, _console())
    output.write_text(render_report(report, "html"), encoding="utf-8")
    typer.echo(f"\nHTML report written to {output.resolve()}")
    raise typer.Exit(EXIT_BAD_INPUT if errors else EXIT_OK)


@app.command()
def ingest(
    sources: StreamSourcesArg,
    db: DbOpt = None,
) -> None:
    """Store the articles of many sources; what is stored already is skipped, so re-running
    after an interruption resumes where it stopped."""
    from rashomon.errors import StoreError
    from rashomon.settings import get_settings
    from rashomon.store import IngestSummary, ingest_sources, open_store

    settings = get_settings()
    try:
        store = open_store(db, settings=settings)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    progress = _IngestProgress(enabled=sys.stderr.isatty())
    summary = IngestSummary()

    def keep(latest: IngestSummary) -> None:
        nonlocal summary
        summary = latest
        progress.update(latest)

    code = EXIT_OK
    try:
        with store, progress:
            summary = ingest_sources(
                store, sources, settings=settings, on_error=progress.error, on_progress=keep
            )
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        code = EXIT_BAD_INPUT
    except KeyboardInterrupt:
        code = _interrupted()
    _exit_after_stream(f"{summary.line()} (store: {store.where})", code, summary.errors)


@app.command()
def stories(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders, JSON/JSONL files or http(s) URLs of articles to group; "
            "none: list the stories stored in --db (by `rashomon batch`).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="Output format (md and html: with --story)."),
    ] = ReportFormat.text,
    db: DbOpt = None,
    story: Annotated[
        int | None,
        typer.Option("--story", help="Show the stored report of this story of --db.", min=1),
    ] = None,
    limit: Annotated[
        int, typer.Option(min=1, help="Stored stories listed, the most recently updated first.")
    ] = 50,
    window_days: WindowDaysOpt = None,
    output: OutputOpt = None,
) -> None:
    """Group articles into stories (and topics) and list them, with wire copies; or list
    and inspect the stories a store holds."""
    if story is None and fmt in (ReportFormat.md, ReportFormat.html):
        _usage_error(f"--format {fmt.value} shows a stored story's report: use it with --story")
    if not sources:
        _stored_stories(db, story, fmt, limit, output)
    if db is not None or story is not None:
        _usage_error("give SOURCE... to group articles, or --db/--story to read a store, not both")
    from rashomon.clustering import cluster_stories, render_stories, stories_to_dict
    from rashomon.errors import RashomonError
    from rashomon.settings import get_settings

    articles, errors = _load(sources)
    if not articles:
        raise typer.Exit(EXIT_BAD_INPUT)
    settings = get_settings()
    if window_days is not None:
        settings = settings.replace(cluster_window_days=window_days)
    try:
        clustering = cluster_stories(articles, settings=settings)
    except RashomonError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    if fmt is ReportFormat.json:
        import json

        data = stories_to_dict(articles, clustering, problems=[str(e) for e in errors])
        _write(json.dumps(data, ensure_ascii=False, indent=2), output)
    else:
        _write(render_stories(articles, clustering), output)
    raise typer.Exit(EXIT_BAD_INPUT if errors else EXIT_OK)


def _stored_stories(
    db: str | None, story: int | None, fmt: ReportFormat, limit: int, output: Path | None
) -> NoReturn:
    """``rashomon stories --db``: the store's stories listed, or one story's stored report."""
    from rashomon.errors import StoreError
    from rashomon.store import open_store
    from rashomon.store.listing import list_stored_stories, listing_to_dict, render_listing

    try:
        with open_store(db, read_only=True) as store:
            if story is None:
                listings = list_stored_stories(store, limit=limit)
                if fmt is ReportFormat.json:
                    import json

                    data = listing_to_dict(listings, where=store.where)
                    _write(json.dumps(data, ensure_ascii=False, indent=2), output)
                else:
                    _write(render_listing(listings, where=store.where), output)
                raise typer.Exit(EXIT_OK)
            found = store.get_story(story)
            report = store.latest_report(story) if found is not None else None
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    if found is None:
        typer.echo(f"error: story {story}: not in {store.where}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    if report is None:
        why = "one article is not compared" if len(found.article_ids) < 2 else "not compared yet"
        typer.echo(f"error: story {story}: no report stored ({why})", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    _emit(report, fmt.value, output)
    raise typer.Exit(EXIT_OK)


def _usage_error(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


@app.command()
def serve(
    host: Annotated[
        str | None,
        typer.Option(
            help="Address to bind (default: RASHOMON_HOST, 127.0.0.1); any other than "
            "loopback requires RASHOMON_TOKEN.",
            show_default=False,
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(help="Port (default: RASHOMON_PORT, 8000).", show_default=False),
    ] = None,
    db: DbOpt = None,
) -> None:
    """Run the web app: analyse stories from uploads or URLs, browse them, search quotes."""
    from rashomon.errors import StoreError
    from rashomon.settings import get_settings
    from rashomon.store import open_store
    from rashomon.web.auth import is_loopback_address

    settings = get_settings()
    host = host if host is not None else settings.host
    port = port if port is not None else settings.port
    if not is_loopback_address(host) and not settings.token:
        typer.echo(
            f"error: --host {host} serves other machines: set RASHOMON_TOKEN to a secret first",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE)
    try:
        open_store(db, settings=settings).close()  # created and migrated here, errors as lines
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    import uvicorn

    from rashomon.web import create_app

    where = db if db is not None else settings.db
    shown = "localhost" if is_loopback_address(host) else host
    typer.echo(f"rashomon on http://{shown}:{port}/ (store: {where}; Ctrl-C stops)", err=True)
    uvicorn.run(create_app(settings=settings, db=where), host=host, port=port, log_level="warning")


@app.command()
def batch(
    sources: StreamSourcesArg,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Address of a Dask scheduler (tcp://host:8786). Default: a local cluster of "
            "RASHOMON_DASK_WORKERS worker processes.",
            show_default=False,
        ),
    ] = None,
    db: DbOpt = None,
    window_days: WindowDaysOpt = None,
) -> None:
    """Ingest, analyse, group into stories and compare every story on Dask, storing it all;
    re-running skips what is stored, so it resumes after an interruption."""
    from rashomon.errors import RashomonError
    from rashomon.scale import BatchSummary, dask_client, run_batch
    from rashomon.settings import get_settings
    from rashomon.store import open_store

    settings = get_settings()
    if window_days is not None:
        settings = settings.replace(cluster_window_days=window_days)
    summary = BatchSummary()
    progress = _IngestProgress(enabled=sys.stderr.isatty(), label="batch")

    def keep(latest: BatchSummary) -> None:
        nonlocal summary
        summary = latest
        progress.update_batch(latest)

    code, where = EXIT_OK, db or settings.db
    try:
        with open_store(db, settings=settings) as store:
            where = store.where
            with dask_client(scheduler, settings=settings) as client, progress:
                summary = run_batch(
                    store,
                    sources,
                    client,
                    settings=settings,
                    on_error=progress.error,
                    on_progress=keep,
                )
    except RashomonError as exc:
        typer.echo(f"error: {exc}", err=True)
        code = EXIT_BAD_INPUT
    except KeyboardInterrupt:
        code = _interrupted()
    _exit_after_stream(f"{summary.line()} (store: {where})", code, summary.errors)


eval_app = typer.Typer(
    help="Measure rashomon against gold datasets (see RASHOMON_DATA_DIR).", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")


@eval_app.command("polnear")
def eval_polnear(
    split: Annotated[str, typer.Option(help="PolNeAR split: train, dev or test.")] = "dev",
    data: Annotated[
        Path | None,
        typer.Option(help="The PolNeAR folder (default: RASHOMON_DATA_DIR/polnear)."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Score only the first N articles.", min=1)
    ] = None,
    baseline: Annotated[bool, typer.Option(help="Score textacy on the same split.")] = True,
    errors: Annotated[
        int, typer.Option(help="Also print N sample errors per category.", min=0)
    ] = 0,
) -> None:
    """Direct-quote P/R/F1, speaker accuracy and attribution recall on PolNeAR."""
    from rashomon.evaluation import evaluate_polnear, format_polnear, sample_errors
    from rashomon.settings import get_settings

    settings = get_settings()
    folder = data if data is not None else Path(settings.data_dir) / "polnear"
    if not folder.is_dir():
        typer.echo(f"error: {folder}: PolNeAR folder not found (use --data)", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        evaluation = evaluate_polnear(
            folder, split=split, settings=settings, limit=limit, baseline=baseline
        )
    except FileNotFoundError as exc:
        typer.echo(f"error: {folder}: {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    typer.echo(format_polnear(evaluation))
    if errors:
        typer.echo("")
        typer.echo(sample_errors(evaluation, errors))


@eval_app.command("clustering")
def eval_clustering(
    data: Annotated[
        Path | None,
        typer.Option(help="The ECB+ folder (default: RASHOMON_DATA_DIR/ecbplus)."),
    ] = None,
    seed: Annotated[
        int, typer.Option(help="Seed of the first order articles are streamed in.")
    ] = 0,
    orders: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Stream orders to score (seeds SEED, SEED+1, ...); shows their means "
            "(default: 10).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Story clustering on ECB+: B-cubed P/R/F1 and ARI for topics and sub-topics."""
    from rashomon.clustering import evaluate_clustering, format_scores, read_ecbplus
    from rashomon.clustering.ecbplus import STREAM_ORDERS
    from rashomon.errors import RashomonError
    from rashomon.settings import get_settings

    settings = get_settings()
    folder = data if data is not None else Path(settings.data_dir) / "ecbplus"
    if not folder.is_dir():
        typer.echo(f"error: {folder}: ECB+ folder not found (use --data)", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        documents = read_ecbplus(folder)
        results = evaluate_clustering(
            documents, settings=settings, seed=seed, orders=orders or STREAM_ORDERS
        )
    except FileNotFoundError as exc:
        typer.echo(f"error: {folder}: {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    except RashomonError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    typer.echo(format_scores(results))


@eval_app.command("alignment")
def eval_alignment(
    data: Annotated[
        Path | None,
        typer.Option(help="The BASIL folder (default: RASHOMON_DATA_DIR/basil)."),
    ] = None,
    gold: Annotated[
        Path | None,
        typer.Option(help="Alignment gold file (default: the BASIL gold shipped with rashomon)."),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N events.", min=1)] = None,
    meantime: Annotated[
        bool,
        typer.Option(
            help="Also align MEANTIME translations with their English articles "
            "(RASHOMON_DATA_DIR/meantime)."
        ),
    ] = False,
    errors: Annotated[int, typer.Option(help="Also print N errors of each kind.", min=0)] = 0,
) -> None:
    """Statement alignment on the BASIL gold: pair P/R/F1, units, single-source, variants,
    disputes; with --meantime, cross-language sentence alignment."""
    from rashomon.evaluation.alignment_eval import (
        evaluate_alignment,
        evaluate_meantime,
        format_alignment,
        format_meantime,
    )
    from rashomon.settings import get_settings

    settings = get_settings()
    folder = data if data is not None else Path(settings.data_dir) / "basil"
    if not folder.is_dir():
        typer.echo(f"error: {folder}: BASIL folder not found (use --data)", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    if gold is not None and not gold.is_file():
        typer.echo(f"error: {gold}: gold file not found", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        evaluation = evaluate_alignment(folder, gold, settings=settings, limit=limit)
    except (FileNotFoundError, ValueError, KeyError) as exc:
        typer.echo(f"error: {gold or folder}: {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    typer.echo(format_alignment(evaluation, errors=errors))
    if meantime:
        mt = Path(settings.data_dir) / "meantime"
        try:
            scores = evaluate_meantime(mt, settings=settings)
        except FileNotFoundError as exc:
            typer.echo(f"error: {mt}: {exc}", err=True)
            raise typer.Exit(EXIT_BAD_INPUT) from exc
        typer.echo("")
        typer.echo(format_meantime(scores))


# -- helpers shared by the commands -------------------------------------------------------------


def _load(sources: list[str]) -> tuple[list[Article], list[InputError]]:
    from rashomon.ingest import load_sources

    articles, errors = load_sources(sources)
    for error in errors:
        typer.echo(f"error: {error}", err=True)
    for article in articles:
        for warning in article.warnings:
            typer.echo(f"warning: {article.source}: {warning}", err=True)
    return list(articles), list(errors)


def _single_document_error(article: Article) -> InputError:
    from rashomon.errors import InputError

    error = InputError(
        article.source, "only one document given to compare: quotes reported, nothing to align"
    )
    typer.echo(f"error: {error}", err=True)
    return error


def _compare(articles: list[Article]) -> StoryReport:
    from rashomon.story import compare as compare_articles

    return compare_articles(articles)


def _run(job: Callable[[], StoryReport], message: str) -> StoryReport:
    """Run ``job`` with a spinner on stderr when it is a terminal; model errors exit cleanly."""
    from rashomon.errors import RashomonError

    try:
        if sys.stderr.isatty():
            from rich.console import Console

            with Console(stderr=True).status(message):
                return job()
        return job()
    except RashomonError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from exc


def _emit(report: StoryReport, fmt: str, output: Path | None) -> None:
    from rashomon.render import print_summary, render_report

    if fmt == "text" and output is None and sys.stdout.isatty():
        print_summary(report, _console())
        return
    _write(render_report(report, fmt), output)


def _write(content: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        return
    output.write_text(content, encoding="utf-8")
    typer.echo(f"Report written to {output}", err=True)


def _interrupted() -> int:
    typer.echo(
        "interrupted: everything committed so far is kept; run the same command again to resume",
        err=True,
    )
    return EXIT_INTERRUPTED


def _exit_after_stream(line: str, code: int, errors: int) -> NoReturn:
    """Print a streamed command's summary line and exit: 1 when any item failed."""
    typer.echo(line)
    raise typer.Exit(EXIT_BAD_INPUT if code == EXIT_OK and errors else code)


def _console() -> Console:
    from rich.console import Console

    return Console()


class _IngestProgress:
    """A live line on stderr (when it is a terminal) with the counts of a running ingest;
    error lines print above it. Without a terminal, errors are plain lines on stderr."""

    def __init__(self, *, enabled: bool, label: str = "ingesting") -> None:
        self._progress: Any = None
        self._task: Any = None
        if enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn(label),
                BarColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )
            self._task = self._progress.add_task("starting", total=None)

    def __enter__(self) -> _IngestProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, summary: IngestSummary) -> None:
        self._show(
            f"{summary.read} read, {summary.added} added, "
            f"{summary.already_stored} already stored, {summary.errors} errors, "
            f"{self._rate(summary.read):.0f} articles/s"
        )

    def update_batch(self, summary: BatchSummary) -> None:
        self._show(
            f"{summary.read} read, {summary.analysed} analysed, "
            f"{summary.stories} stories, {summary.reports} reports, {summary.errors} errors, "
            f"{self._rate(summary.read):.1f} articles/s"
        )

    def _rate(self, read: int) -> float:
        elapsed = (self._progress.tasks[0].elapsed or 0.0) if self._progress is not None else 0.0
        return read / elapsed if elapsed > 0 else 0.0

    def _show(self, description: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, description=description)

    def error(self, error: InputError) -> None:
        if self._progress is not None:
            self._progress.console.print(
                f"error: {error}", markup=False, highlight=False, soft_wrap=True
            )
        else:
            typer.echo(f"error: {error}", err=True)


def main() -> None:
    """Entry point of the ``rashomon`` script."""
    app()
