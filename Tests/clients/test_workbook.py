"""gov-disclosure.xlsx (`format: xlsx`) read back with openpyxl and with LibreOffice: the same
values as the CSV files, typed, nothing a spreadsheet would evaluate, Chinese intact."""
import csv
import datetime
import io
import re
import shutil
import subprocess

import openpyxl
import pytest

from conftest import reference_rows

SHEETS = ["reports", "active_disclosure_wide", "applications_wide", "review_litigation_wide", "checks"]
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def neutralised(text: str) -> str:
    """SpreadsheetText's rule (OWASP): formula-like text gets a leading '."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not NUMBER.match(text) else text


def column_types(folder):
    return {(r["file"].split(".")[0], r["column"]): r["type"] for r in reference_rows(folder, "dictionary", ".csv")}


def expected_rows(folder, sheet):
    rows = reference_rows(folder, sheet, ".csv.zst")
    return [r for r in rows if r["passed"] == "false"] if sheet == "checks" else rows


def as_cell(value: str, kind: str):
    """What the workbook must hold for a CSV value of this dictionary type."""
    if value == "":
        return None
    if kind in ("integer", "number"):
        return float(value)
    if kind == "date":
        return datetime.datetime.fromisoformat(value)
    if kind == "boolean":
        return value == "true"
    return neutralised(value)


@pytest.fixture(scope="module")
def workbook(outputs):
    path = outputs["zstd"] / "gov-disclosure.xlsx"
    assert path.exists()
    return openpyxl.load_workbook(path)


def test_sheets_and_manifest(outputs, workbook):
    assert workbook.sheetnames == SHEETS + ["dictionary", "notes"]
    listed = {o["file"] for o in __import__("json").loads((outputs["zstd"] / "manifest.json").read_text())["outputs"]}
    assert "gov-disclosure.xlsx" in listed


@pytest.mark.parametrize("sheet", SHEETS)
def test_sheet_equals_csv(outputs, workbook, sheet):
    folder = outputs["zstd"]
    types = column_types(folder)
    want = expected_rows(folder, sheet)
    ws = workbook[sheet]
    assert ws.freeze_panes == "A2"
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]]
    assert header == list(reference_rows(folder, sheet, ".csv.zst")[0].keys()) if want else header
    assert len(rows) - 1 == len(want)
    if sheet == "checks":
        assert want, "the corpus has a report whose identities fail"
    for cells, row in zip(rows[1:], want):
        for cell, column in zip(cells, header):
            kind = types[(sheet, column)]
            expected = as_cell(row[column], kind)
            got = cell.value
            if isinstance(expected, datetime.datetime):
                assert cell.is_date and got == expected, (sheet, column, got, row[column])
            elif isinstance(expected, float):
                assert cell.data_type == "n" and got == expected, (sheet, column, got, row[column])
            else:
                assert got == expected, (sheet, column, got, row[column])
                if isinstance(expected, str):
                    assert cell.data_type == "s", (sheet, column)  # text stays text, never a formula


def test_text_that_looks_like_a_number_stays_text(outputs, workbook):
    ids = [c.value for c in workbook["reports"]["A"][1:]]
    assert all(isinstance(v, str) and v.startswith("r") for v in ids)
    assert "江夏区人民政府" in {c.value for c in workbook["reports"]["D"]}
    widths = workbook["reports"].column_dimensions
    assert widths["B"].width > widths["A"].width > 8  # paths are wider than ids


def test_dictionary_sheet(outputs, workbook):
    want = reference_rows(outputs["zstd"], "dictionary", ".csv")
    rows = list(workbook["dictionary"].iter_rows(values_only=True))
    assert len(rows) - 1 == len(want)
    for got, row in zip(rows[1:], want):
        assert [g or "" for g in got] == [neutralised(v) for v in row.values()]


def test_formula_text_is_a_string_cell(outputs, workbook):
    """The corpus has a file named `=SUM(1,2).txt`: its path is a string cell with a leading '."""
    paths = {c.value: c for c in workbook["reports"]["B"][1:]}
    assert "=SUM(1,2).txt" in {r["source_path"] for r in reference_rows(outputs["zstd"], "reports", ".csv.zst")}
    cell = paths["'=SUM(1,2).txt"]
    assert cell.data_type == "s"
    assert not any(c.data_type == "f" for row in workbook["reports"].iter_rows() for c in row)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_reads_the_same_values(outputs, workdir):
    """LibreOffice headless converts every sheet to CSV (the filter's last option, -1: all sheets)."""
    out = workdir / "soffice"
    out.mkdir(exist_ok=True)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{workdir}/lo-profile", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(out), str(outputs["zstd"] / "gov-disclosure.xlsx")],
                   check=True, capture_output=True, timeout=600)
    folder = outputs["zstd"]
    types = column_types(folder)
    for sheet in SHEETS:
        got = list(csv.DictReader(io.StringIO((out / f"gov-disclosure-{sheet}.csv").read_text(encoding="utf-8"))))
        want = expected_rows(folder, sheet)
        assert len(got) == len(want), sheet
        for g, w in zip(got, want):
            for column, value in w.items():
                kind = types[(sheet, column)]
                if kind in ("integer", "number") and value:
                    assert float(g[column]) == float(value), (sheet, column, g[column], value)
                elif kind == "boolean" and value:
                    assert g[column].lower() == value, (sheet, column)
                else:
                    assert g[column] == neutralised(value), (sheet, column, g[column], value)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_reads_the_excel_bom_csv_as_utf8(outputs, workdir):
    """README: LibreOffice needs the CSV filter's UTF-8 option (76) for the excel_bom files; its
    default import takes them for Latin-1 (`ï»¿report_id`, every Chinese string garbled)."""
    out = workdir / "soffice-bom"
    out.mkdir(exist_ok=True)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{workdir}/lo-profile",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(out),
                    str(outputs["bom"] / "reports.csv")], check=True, capture_output=True, timeout=600)
    rows = list(openpyxl.load_workbook(out / "reports.xlsx").active.iter_rows(values_only=True))
    assert rows[0][0] == "report_id"
    assert "江夏区人民政府" in {r[3] for r in rows}
