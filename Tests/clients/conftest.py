"""Runs `etl` once per output flavour; the tests load the files with real clients."""
import csv
import io
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ETL = Path(os.environ.get("ETL_BIN", REPO / ".build" / "debug" / "etl"))
SAMPLES = REPO / "data" / "samples"


def run_etl(out: Path, config: dict, *extra: str, input: Path = SAMPLES) -> Path:
    cfg = out.parent / (out.name + ".json")
    cfg.write_text(json.dumps({"input": str(input), "output": str(out), **config}))
    subprocess.run([str(ETL), "run", "--config", str(cfg), "--quiet", "--full", *extra], check=True)
    return out


@pytest.fixture(scope="session")
def workdir():
    path = Path(tempfile.mkdtemp(prefix="etl-clients-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def outputs(workdir):
    """Output folders by flavour: zstd, gzip, plain csv with an Excel BOM, dataset layout."""
    return {
        "zstd": run_etl(workdir / "zstd", {"compression": "zstd"}),
        "gzip": run_etl(workdir / "gzip", {"compression": "gzip"}),
        "bom": run_etl(workdir / "bom", {"compression": "none", "excel_bom": True}),
        "dataset": run_etl(workdir / "dataset", {"compression": "zstd", "layout": "dataset"}),
    }


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
