"""report.html rendered by a real browser (Chromium headless): the numbers on the page equal the CSV files'."""
import collections
import decimal
import json
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import reference_rows

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


class Tables(HTMLParser):
    """Every table of the page by id: {first cell: [the other cells]}."""

    def __init__(self):
        super().__init__()
        self.tables, self.current, self.row, self.cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.current = self.tables.setdefault(attrs.get("id"), {})
        elif tag == "tr" and self.current is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row:
            if self.row[0] or len(self.row) > 1:
                self.current[self.row[0]] = self.row[1:]
            self.row = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


@pytest.fixture(scope="module")
def page(outputs, workdir):
    if BROWSER is None:
        pytest.skip("Chromium not installed")
    path = outputs["zstd"] / "report.html"
    done = subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={workdir}/chromium",
                           "--dump-dom", path.as_uri()], capture_output=True, timeout=300, check=True)
    dom = done.stdout.decode("utf-8")
    assert "<svg" in dom and "<script" not in dom
    parser = Tables()
    parser.feed(dom)
    return parser.tables


def counts(table):
    return {k: int(v[0]) for k, v in table.items() if v and v[0].isdigit()}


def test_listed_in_the_manifest(outputs):
    files = {o["file"] for o in json.loads((outputs["zstd"] / "manifest.json").read_text())["outputs"]}
    assert "report.html" in files


def test_summary_and_reports(outputs, page):
    folder = outputs["zstd"]
    manifest = json.loads((folder / "manifest.json").read_text())["inputs"]
    summary = counts(page["summary"])
    for key in ("files", "ok", "partial", "failed"):
        assert summary[key] == manifest[key], key
    assert summary["error rows"] == manifest["error_rows"]
    reports = reference_rows(folder, "reports", ".csv.zst")
    assert counts(page["status"]) == collections.Counter(r["status"] for r in reports)
    assert counts(page["template"]) == collections.Counter(r["template"] for r in reports)
    assert counts(page["year"]) == collections.Counter(r["report_year"] or "(none)" for r in reports)
    assert counts(page["encoding"]) == collections.Counter(r["source_encoding"] or "(none)" for r in reports)
    flags = collections.Counter(f for r in reports for f in r["flags"].split(";") if f)
    assert counts(page["flag"]) == flags
    assert summary["identities evaluated"] == sum(int(r["checks_evaluated"]) for r in reports)


def test_failed_identities(outputs, page):
    folder = outputs["zstd"]
    years = {r["report_id"]: r["report_year"] or "(none)" for r in reference_rows(folder, "reports", ".csv.zst")}
    failed = [c for c in reference_rows(folder, "checks", ".csv.zst") if c["passed"] == "false"]
    assert failed
    assert counts(page["check-rule"]) == collections.Counter(c["rule"] for c in failed)
    assert counts(page["check-year"]) == collections.Counter(years[c["report_id"]] for c in failed)
    assert counts(page["summary"])["identities failed"] == len(failed)


@pytest.mark.parametrize("table,column", [("applications_wide", "new_received__total"),
                                          ("active_disclosure_wide", "admin_penalty__decisions"),
                                          ("review_litigation_wide", "admin_review__total")])
def test_totals_by_year(outputs, page, table, column):
    rows = [r for r in reference_rows(outputs["zstd"], table, ".csv.zst") if r[column] and r["report_year"]]
    want = collections.defaultdict(lambda: [0, decimal.Decimal(0)])
    for r in rows:
        want[r["report_year"]][0] += 1
        want[r["report_year"]][1] += decimal.Decimal(r[column])
    got = {y: (int(n), decimal.Decimal(s)) for y, (n, s) in page[f"totals-{table}"].items() if y != "report_year"}
    assert got == {y: (n, s) for y, (n, s) in want.items()}
    assert len(got) >= 5


def test_errors_and_forms(outputs, page):
    folder = outputs["zstd"]
    errors = reference_rows(folder, "errors", ".csv.zst")
    assert {(k, v[0]) for k, v in page["failed"].items() if k != "file"} == {(e["source_path"], e["code"]) for e in errors}
    inputs = reference_rows(folder, "inputs", ".csv.zst")
    forms = collections.Counter(i["source_path"].rsplit(".", 1)[-1].lower() for i in inputs
                                if i["report_id"] and i["status"] != "")
    # Copies of a report are one report: the page counts the reports written plus unreadable files.
    written = {r["report_id"]: r["source_path"] for r in reference_rows(folder, "reports", ".csv.zst")}
    forms = collections.Counter(p.rsplit(".", 1)[-1].lower() for p in written.values())
    assert counts(page["form"]) == forms
    assert len(page["slowest"]) - 1 == 10
