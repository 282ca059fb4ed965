"""The command line, driven as a user would: through the runner and as a real process."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli import app

runner = CliRunner()


def test_help_lists_the_commands_without_loading_models() -> None:
    code = (
        "import sys, rashomon.cli\n"
        "from typer.testing import CliRunner\n"
        "r = CliRunner().invoke(rashomon.cli.app, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = [m for m in ('spacy', 'torch', 'sentence_transformers', 'trafilatura') "
        "if m in sys.modules]\n"
        "print(r.output)\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "compare" in out.stdout and "quotes" in out.stdout and "demo" in out.stdout
    assert "HEAVY []" in out.stdout


@pytest.mark.parametrize(
    ("command", "setting"),
    [
        ("serve", "RASHOMON_HOST"),
        ("stories", "RASHOMON_CLUSTER_WINDOW_DAYS"),
        ("batch", "RASHOMON_DB"),
    ],
)
def test_option_help_names_the_setting_behind_its_default(command: str, setting: str) -> None:
    # Rich drops "[...]" it takes for markup: the default must survive into the help text.
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    words = " ".join(re.sub("[│╭╮╰╯─]", " ", result.output).split())
    assert f"default: {setting}".casefold() in words.casefold()


def test_version_option_prints_the_version() -> None:
    import rashomon

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert rashomon.__version__ in result.output


def test_unknown_format_is_a_usage_error(example_files: list[Path]) -> None:
    result = runner.invoke(app, ["compare", "--format", "pdf", str(example_files[0])])
    assert result.exit_code == 2


def test_compare_without_inputs_is_a_usage_error() -> None:
    result = runner.invoke(app, ["compare"])
    assert result.exit_code == 2


def test_all_inputs_bad_exits_1_naming_each(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["compare", str(empty), str(missing)])
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 2
    assert any("empty.txt" in ln for ln in lines)
    assert any("missing.txt" in ln for ln in lines)


@pytest.mark.slow
def test_compare_json_follows_the_report_schema(example_files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(
        app, ["compare", *map(str, example_files), "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["schema"] == "rashomon.report/1"
    assert [d["source"] for d in report["documents"]] == [str(p) for p in example_files]
    texts = {d["id"]: d["text"] for d in report["documents"]}
    actor_ids = {a["id"] for a in report["actors"]}
    for quote in report["quotes"]:
        assert texts[quote["doc"]][quote["start"] : quote["end"]] == quote["text"]
        assert quote["speaker"] is None or quote["speaker"] in actor_ids
        mention = quote["speaker_mention"]
        if mention:
            assert texts[quote["doc"]][mention["start"] : mention["end"]] == mention["text"]
    for unit in report["units"]:
        docs = [m["doc"] for m in unit["members"]]
        assert len(docs) == len(set(docs)), "a unit holds at most one member per document"
        for member in unit["members"]:
            assert texts[member["doc"]][member["start"] : member["end"]] == member["text"]
    for dispute in report["disputes"]:
        assert dispute["a"]["actor"] != dispute["b"]["actor"]


@pytest.mark.slow
def test_bad_input_is_reported_and_the_rest_still_analysed(
    example_files: list[Path], tmp_path: Path
) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "report.md"
    result = runner.invoke(
        app,
        [
            "compare",
            str(example_files[0]),
            str(binary),
            str(example_files[1]),
            "-f",
            "md",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and "photo.txt" in errors[0]
    markdown = out.read_text(encoding="utf-8")
    assert "Marchand" in markdown
    assert "photo.txt" in markdown  # the problem is listed in the report too


@pytest.mark.slow
def test_single_document_reports_quotes_and_says_nothing_to_align(
    example_files: list[Path],
) -> None:
    result = runner.invoke(app, ["compare", str(example_files[0]), "--format", "json"])
    assert result.exit_code == 1
    assert "only one document" in result.stderr
    report = json.loads(result.stdout)
    assert report["quotes"], "quotes are still reported for a single document"
    assert all(len(u["members"]) == 1 for u in report["units"])


@pytest.mark.slow
def test_quotes_lists_speakers_per_article(example_files: list[Path]) -> None:
    result = runner.invoke(app, ["quotes", *map(str, example_files), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["units"] == []
    names = {a["id"]: a["name"] for a in report["actors"]}
    speakers = {names.get(q["speaker"]) for q in report["quotes"]}
    assert "Hélène Marchand" in speakers
    assert "Paul Girard" in speakers


@pytest.mark.slow
def test_quotes_text_output_names_speaker_and_quote(example_files: list[Path]) -> None:
    result = runner.invoke(app, ["quotes", str(example_files[2])])
    assert result.exit_code == 0, result.stderr
    assert "Paul Girard" in result.stdout
    assert "There is no way back." in result.stdout


@pytest.mark.slow
def test_demo_writes_a_self_contained_html_report(tmp_path: Path) -> None:
    out = tmp_path / "demo.html"
    result = runner.invoke(app, ["demo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Marchand" in html
    assert "<script src" not in html and "<link" not in html
    assert str(out.resolve()) in result.stdout


@pytest.mark.slow
def test_demo_in_a_fresh_process_prints_no_model_loading_noise(tmp_path: Path) -> None:
    # A new process loads the models itself: their progress bars must not reach the user.
    out = tmp_path / "demo.html"
    result = subprocess.run(
        [sys.executable, "-m", "rashomon", "demo", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""
    assert "Hélène Marchand" in result.stdout


def test_eval_polnear_with_a_missing_folder_says_which(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = runner.invoke(app, ["eval", "polnear", "--data", str(missing)])
    assert result.exit_code == 1
    assert f"{missing}: PolNeAR folder not found" in result.output


@pytest.mark.slow
def test_eval_polnear_prints_ours_beside_textacy() -> None:
    polnear = Path(__file__).resolve().parents[3] / "shared" / "data" / "polnear"
    if not polnear.is_dir():
        pytest.skip("../shared/data/polnear is not beside the repository")
    result = runner.invoke(app, ["eval", "polnear", "--data", str(polnear), "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert "direct F1 @0.3" in result.output and "speaker accuracy" in result.output
    assert "textacy" in result.output
