"""Runs `etl` once per output flavour on a realistic corpus; the tests load the files with real clients."""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ETL = Path(os.environ.get("ETL_BIN", REPO / ".build" / "debug" / "etl"))
ETL_GEN = Path(os.environ.get("ETL_GEN_BIN", ETL.parent / "etl-gen"))
SAMPLES = REPO / "data" / "samples"
# At least 500 reports of every layout, encoding and noise (the seeds alone hid reader failures
# that only show at size: a quoted field first seen after 20,000 rows, multi-line text past
# pyarrow's first block, a report without a year).
CORPUS_COUNT = int(os.environ.get("CLIENT_CORPUS_COUNT", "500"))
CORPUS_SEED = int(os.environ.get("CLIENT_CORPUS_SEED", "18"))


def run_etl(out: Path, config: dict, *extra: str, input: Path = SAMPLES) -> Path:
    cfg = out.parent / (out.name + ".json")
    cfg.write_text(json.dumps({"input": str(input), "output": str(out), **config}))
    done = subprocess.run([str(ETL), "run", "--config", str(cfg), "--quiet", "--full", *extra])
    assert done.returncode in (0, 1), done  # 1: some inputs failed (the corpus has a page that is no report)
    assert (out / "manifest.json").exists()
    return out


@pytest.fixture(scope="session")
def workdir():
    path = Path(tempfile.mkdtemp(prefix="etl-clients-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def corpus(workdir):
    """`etl-gen --mix uniform` (every layout, encoding, script and noise), the seeds, a report
    without a year and a page that is no report (an `errors` row)."""
    folder = workdir / "corpus"
    subprocess.run([str(ETL_GEN), "--output", str(folder / "generated"), "--count", str(CORPUS_COUNT),
                    "--seed", str(CORPUS_SEED), "--mix", "uniform"], check=True, capture_output=True)
    shutil.copytree(SAMPLES, folder / "seeds", ignore=shutil.ignore_patterns("*.pdf"))
    extra = folder / "extra"
    extra.mkdir()
    seed = (SAMPLES / "000_072a429792c31737.txt").read_text(encoding="utf-8")
    (extra / "no-year.txt").write_text(re.sub(r"20[12]\d(年度|年)?", "", seed), encoding="utf-8")
    # A failed identity (一、本年新收 总计 160 → 170) and a copy whose path a spreadsheet would run.
    jiangxia = (SAMPLES / "001_cbaa75f9e60907ca.txt").read_text(encoding="utf-8")
    changed = jiangxia.replace("| 2 | 0 | 160 |", "| 2 | 0 | 170 |", 1)
    assert changed != jiangxia
    (extra / "checks-fail.txt").write_text(changed, encoding="utf-8")
    shutil.copy(SAMPLES / "002_5b011f5e8cebd16c.txt", folder / "=SUM(1,2).txt")
    (extra / "not-found.html").write_text(
        "<html><head><title>404 页面不存在</title></head><body><p>您访问的页面不存在</p></body></html>", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def outputs(workdir, corpus):
    """Output folders by flavour, on the corpus: zstd, gzip, plain csv with an Excel BOM, dataset layout."""
    return {
        "zstd": run_etl(workdir / "zstd", {"compression": "zstd", "format": "xlsx"}, input=corpus),
        "gzip": run_etl(workdir / "gzip", {"compression": "gzip"}, input=corpus),
        "bom": run_etl(workdir / "bom", {"compression": "none", "excel_bom": True}, input=corpus),
        "dataset": run_etl(workdir / "dataset", {"compression": "zstd", "layout": "dataset"}, input=corpus),
    }


@pytest.fixture(scope="session")
def seeds(workdir):
    """The five seeds alone, for the tests that assert their known values."""
    return run_etl(workdir / "seeds", {"compression": "zstd"})


@pytest.fixture(scope="session")
def formula_outputs(workdir):
    """A report whose section text starts with a formula, written for spreadsheets and for analysis."""
    folder = workdir / "formula-input"
    folder.mkdir()
    seed = (SAMPLES / "000_072a429792c31737.txt").read_text(encoding="utf-8")
    hostile = seed.replace("一、总体情况\n\n", '一、总体情况\n\n=HYPERLINK("http://evil.example","点击")\n', 1)
    assert hostile != seed
    (folder / "hostile.txt").write_text(hostile, encoding="utf-8")
    return {
        "bom": run_etl(workdir / "formula-bom", {"compression": "none", "excel_bom": True}, input=folder),
        "plain": run_etl(workdir / "formula-plain", {"compression": "none"}, input=folder),
    }


def reference_rows(folder: Path, name: str, ext: str):
    """The ground truth: Python's csv module on the decompressed bytes (zstd CLI, gzip, or plain)."""
    path = folder / f"{name}{ext}"
    if ext.endswith(".zst"):
        raw = subprocess.run(["zstd", "-dc", str(path)], check=True, capture_output=True).stdout
    elif ext.endswith(".gz"):
        import gzip
        raw = gzip.decompress(path.read_bytes())
    else:
        raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def manifest(folder: Path):
    return json.loads((folder / "manifest.json").read_text())


FILES = ["reports", "sections", "active_disclosure", "applications", "review_litigation", "checks", "errors",
         "applications_wide", "active_disclosure_wide", "review_litigation_wide", "inputs", "consistency", "coverage"]

# Columns that hold text even when every value looks like a number: readers must be told.
TEXT_COLUMNS = {"report_id", "raw", "source_path", "source_sha256", "flags", "title", "text", "row_key",
                "agency", "message", "code", "agency_key", "adcode", "township_code", "evidence", "other_report_id"}
