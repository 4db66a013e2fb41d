"""PDF and Word reports as offices publish them, with known answers: generated reports drawn as
PDF (reportlab: grid tables, wrapped labels, tables split over pages, page numbers, running
headers) and as Word files (merged cells), read by etl and scored cell by cell."""
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import sys

import pytest

from conftest import ETL

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "scripts"))
from score_generated import score  # noqa: E402
ETL_GEN = Path(os.environ.get("ETL_GEN_BIN", ETL.parent / "etl-gen"))


@pytest.fixture(scope="module")
def office_run(workdir):
    corpus, office, out = workdir / "office-corpus", workdir / "office", workdir / "office-out"
    # Quoted cells are a text page's form (cells copied from a spreadsheet); drawn into a PDF they
    # have a corpus of their own (below), where fewer of the cells can be read.
    subprocess.run([str(ETL_GEN), "--output", str(corpus), "--count", "400", "--seed", "11", "--mix", "uniform",
                    "--per-folder", "0", "--without-form", "quoted_cells"], check=True, capture_output=True)
    subprocess.run(["python3", str(HERE / "render_pdf.py"), str(corpus), str(office), "--docx"], check=True)
    config = workdir / "office.json"
    config.write_text(json.dumps({"input": str(office), "output": str(out), "patterns": ["*.pdf", "*.docx"], "jobs": 1}))
    started = time.monotonic()
    subprocess.run([str(ETL), "run", "--config", str(config), "--quiet", "--full"], check=True)
    seconds = time.monotonic() - started
    answers = (office / "answers.jsonl").read_text().splitlines()
    by_format = {}
    for fmt in ["pdf", "docx"]:
        part = workdir / f"office-{fmt}"
        part.mkdir(exist_ok=True)
        (part / "answers.jsonl").write_text("".join(l + "\n" for l in answers if json.loads(l)["format"] == fmt))
        by_format[fmt] = score(part, out)
    print(f"office formats: {len(answers)} files in {seconds:.1f} s (--jobs 1)")
    return by_format


@pytest.mark.parametrize("fmt,least", [("pdf", 0.995), ("docx", 0.995)])
def test_every_value_read_is_in_its_cell(office_run, fmt, least):
    right, missing, wrong, examples = office_run[fmt]
    total = right + missing + wrong
    print(f"{fmt}: {right}/{total} right ({right / total:.4f}), {missing} missing, {wrong} wrong")
    assert total > 5_000  # about 45 files of each form
    assert wrong == 0, examples[:10]
    assert right / total >= least


@pytest.fixture(scope="module")
def quoted_pdf_run(workdir):
    """Cells copied from a spreadsheet with their quotes, drawn into PDFs: the quotes wrap labels
    and numbers over three lines in table 四's narrow columns (`"1` over `13` over `"`)."""
    corpus, office, out = workdir / "quoted-corpus", workdir / "quoted", workdir / "quoted-out"
    subprocess.run([str(ETL_GEN), "--output", str(corpus), "--count", "120", "--seed", "11", "--mix", "uniform",
                    "--per-folder", "0", "--form", "quoted_cells"], check=True, capture_output=True)
    subprocess.run(["python3", str(HERE / "render_pdf.py"), str(corpus), str(office)], check=True)
    config = workdir / "quoted.json"
    config.write_text(json.dumps({"input": str(office), "output": str(out), "patterns": ["*.pdf"], "jobs": 2}))
    subprocess.run([str(ETL), "run", "--config", str(config), "--quiet", "--full"], check=True)
    part = workdir / "quoted-pdf"
    part.mkdir(exist_ok=True)
    answers = (office / "answers.jsonl").read_text().splitlines()
    (part / "answers.jsonl").write_text("".join(l + "\n" for l in answers if json.loads(l)["format"] == "pdf"))
    return score(part, out)


def test_quoted_cells_in_pdfs_are_right_or_missing(quoted_pdf_run):
    """Precision first: a quoted number wrapped out of its row is read whole or not at all. (Labels
    split by their quotes leave about 12 % of the cells missing: the coverage bound below.)"""
    right, missing, wrong, examples = quoted_pdf_run
    total = right + missing + wrong
    print(f"quoted pdf: {right}/{total} right ({right / total:.4f}), {missing} missing, {wrong} wrong")
    assert total > 3_000
    assert wrong == 0, examples[:10]
    assert right / total >= 0.85
