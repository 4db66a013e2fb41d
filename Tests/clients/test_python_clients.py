"""DuckDB, pyarrow and pandas read every output file of a 500-report corpus, zstd and gzip, with the
right types and the Chinese text, quotes and newlines intact. The snippets here are the README's."""
import csv
import math
import subprocess

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

from conftest import FILES, TEXT_COLUMNS, manifest, reference_rows

# Integer columns that can be empty: pandas would make them float.
INTEGER_COLUMNS = {"report_year": "Int64"}
EXT = {"zstd": ".csv.zst", "gzip": ".csv.gz"}
# DuckDB's sniffer looks at the first ~20,000 rows: when no field there is quoted it settles on
# "no quote character", and a quoted `1,234` further down fails the load. Our files are RFC 4180.
DIALECT = "quote = '\"', escape = '\"'"


def same_text(value, expected: str) -> bool:
    if expected == "":
        return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""
    return str(value) == expected


@pytest.mark.parametrize("flavour", ["zstd", "gzip"])
@pytest.mark.parametrize("name", FILES)
def test_duckdb(outputs, flavour, name):
    folder = outputs[flavour]
    path = folder / f"{name}{EXT[flavour]}"
    expected = reference_rows(folder, name, EXT[flavour])
    # README: SELECT * FROM read_csv('out/applications.csv.zst', quote = '"', escape = '"', types = {'raw': 'VARCHAR'})
    header = list(expected[0].keys()) if expected else []
    text = ", ".join(f"'{c}': 'VARCHAR'" for c in header if c in TEXT_COLUMNS)
    rel = duckdb.sql(f"SELECT * FROM read_csv('{path}', {DIALECT}" + (f", types = {{{text}}}" if text else "") + ")")
    rows = rel.fetchall()
    columns = rel.columns
    assert len(rows) == len(expected) == {m["file"]: m["rows"] for m in manifest(folder)["outputs"]}[path.name]
    if not expected:
        return
    assert columns == list(expected[0].keys())
    types = dict(zip(columns, [str(t) for t in rel.types]))
    for column in columns:
        if column in TEXT_COLUMNS:
            assert types[column] == "VARCHAR", column
    if "report_year" in types:
        assert types["report_year"] == "BIGINT"
    if "value" in types:
        assert types["value"] in ("BIGINT", "DOUBLE"), types["value"]
    if "passed" in types:
        assert types["passed"] == "BOOLEAN"
    if "publish_date" in types:
        assert types["publish_date"] == "DATE"
    for row, want in zip(rows, expected):
        for column, value in zip(columns, row):
            if column in TEXT_COLUMNS or types[column] == "VARCHAR":
                assert same_text(value, want[column]), (column, value, want[column])


def test_duckdb_sniffer_needs_the_quote_past_20000_rows(outputs, workdir):
    """Regression: the first quoted field after 20,000 unquoted rows. The sniffer alone picks no
    quote character and the load fails; with the README's dialect it reads every row."""
    rows = [r for r in reference_rows(outputs["zstd"], "applications", ".csv.zst")
            if not any(c in v for v in r.values() for c in ',"\n')]
    header = list(rows[0].keys())
    path = workdir / "late-quote.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        n = 0
        while n < 30_000:
            for r in rows:
                writer.writerow(r.values())
                n += 1
        late = dict(rows[0], raw="1,234", value="1234")
        writer.writerow(late.values())
    with pytest.raises(duckdb.Error):
        duckdb.sql(f"SELECT * FROM read_csv('{path}', types = {{'raw': 'VARCHAR'}})").fetchall()
    got = duckdb.sql(f"SELECT raw, value FROM read_csv('{path}', {DIALECT}, types = {{'raw': 'VARCHAR'}})").fetchall()
    assert len(got) == n + 1 and got[-1] == ("1,234", 1234)


def test_duckdb_values_and_text(seeds):
    apps, reports = seeds / "applications.csv.zst", seeds / "reports.csv.zst"
    total = duckdb.sql(f"""SELECT a.value FROM read_csv('{apps}', {DIALECT}) a JOIN read_csv('{reports}', {DIALECT}) r
                           USING (report_id) WHERE r.agency = '江夏区人民政府' AND a.row_label LIKE '一、本年新收%'
                           AND a.column_key = 'total'""").fetchall()
    assert total == [(160,)]  # seed 001: 江夏区 received 160 applications
    sections = seeds / "sections.csv.zst"
    text = duckdb.sql(f"SELECT text FROM read_csv('{sections}') WHERE text LIKE '%“三审三校”%'").fetchall()[0][0]
    assert "\n" in text and "“三审三校”制度" in text  # multi-line text with quotes survives
    reports = seeds / "reports.csv.zst"
    agencies = {r[0] for r in duckdb.sql(f"SELECT agency FROM read_csv('{reports}')").fetchall()}
    assert "江夏区人民政府" in agencies


def test_duckdb_new_applications_by_province_and_year(seeds):
    apps, reports = seeds / "applications.csv.zst", seeds / "reports.csv.zst"
    # README: new applications by province and year
    rows = duckdb.sql(f"""
        SELECT r.province, r.report_year, sum(a.value) AS new_applications
        FROM read_csv('{apps}', types = {{'raw': 'VARCHAR'}}) a
        JOIN read_csv('{reports}', types = {{'flags': 'VARCHAR', 'adcode': 'VARCHAR', 'township_code': 'VARCHAR'}}) r
          USING (report_id)
        WHERE a.row_key = 'new_received' AND a.column_key = 'total' AND r.province IS NOT NULL
        GROUP BY ALL ORDER BY ALL""").fetchall()
    # (the sample PDF, 淮安市 2024, is read when the patterns take *.pdf)
    assert [r for r in rows if r[0] != "江苏省"] == [("内蒙古自治区", 2023, 0), ("四川省", 2021, 0), ("新疆维吾尔自治区", 2021, 0),
                                                  ("新疆维吾尔自治区", 2023, 0), ("湖北省", 2021, 160)]
    assert [r for r in rows if r[0] == "江苏省"] in ([], [("江苏省", 2024, 3119)])
    adcodes = dict(duckdb.sql(f"SELECT agency, adcode FROM read_csv('{reports}', types = {{'adcode': 'VARCHAR'}})").fetchall())
    adcodes.pop("淮安市人民政府", None)
    assert adcodes == {"托里县人民政府": "654224", "江夏区人民政府": "420115", "蘑菇气镇人民政府": "150783",
                       "伊宁县人民政府": "654021", "达州市通川区经济和信息化局": "511702"}


def test_duckdb_reads_the_dataset_layout_as_one_table(outputs):
    root = outputs["dataset"]
    # README: read_csv('out/applications/*/*.csv.zst', hive_partitioning = true, quote = '"', escape = '"')
    rel = duckdb.sql(f"""SELECT report_year, count(*) FROM read_csv('{root}/applications/*/*.csv.zst',
                         hive_partitioning = true, {DIALECT}, types = {{'report_id': 'VARCHAR', 'raw': 'VARCHAR'}})
                         GROUP BY report_year ORDER BY report_year""").fetchall()
    flat = reference_rows(outputs["zstd"], "applications", ".csv.zst")
    assert sum(n for _, n in rel) == len(flat)
    by_year = {}
    for row in flat:
        by_year[row["report_id"]] = None
    years = {r["report_year"] or None for r in reference_rows(outputs["zstd"], "reports", ".csv.zst")
             if r["report_id"] in by_year}
    assert {None if y is None else str(y) for y, _ in rel} == {y for y in years}


@pytest.mark.parametrize("flavour", ["zstd", "gzip"])
@pytest.mark.parametrize("name", FILES)
def test_pyarrow(outputs, flavour, name):
    folder = outputs[flavour]
    expected = reference_rows(folder, name, EXT[flavour])
    # README: pyarrow.csv.read_csv(path, parse_options=ParseOptions(newlines_in_values=True), convert_options=...)
    # — compression from the extension, streamed. Without newlines_in_values a section's text that
    # spans lines fails the parse ("Expected 6 columns, got 1").
    table = pacsv.read_csv(folder / f"{name}{EXT[flavour]}",
                           parse_options=pacsv.ParseOptions(newlines_in_values=True),
                           convert_options=pacsv.ConvertOptions(
                               column_types={c: pa.string() for c in TEXT_COLUMNS}, strings_can_be_null=True))
    assert table.num_rows == len(expected)
    if not expected:
        return
    assert table.column_names == list(expected[0].keys())
    if "value" in table.column_names:
        assert pa.types.is_integer(table.schema.field("value").type) or pa.types.is_floating(table.schema.field("value").type)
    if "passed" in table.column_names:
        assert pa.types.is_boolean(table.schema.field("passed").type)
    data = table.to_pylist()
    for row, want in zip(data, expected):
        for column in TEXT_COLUMNS & set(table.column_names):
            assert same_text(row[column], want[column]), (column, row[column], want[column])


@pytest.mark.parametrize("flavour", ["zstd", "gzip"])
@pytest.mark.parametrize("name", FILES)
def test_pandas(outputs, flavour, name):
    folder = outputs[flavour]
    expected = reference_rows(folder, name, EXT[flavour])
    # README: pd.read_csv(path, dtype={"report_id": "string", "raw": "string", "report_year": "Int64"})
    # — zstd needs the zstandard package; Int64 keeps the years integers when one is missing.
    frame = pd.read_csv(folder / f"{name}{EXT[flavour]}", dtype={c: "string" for c in TEXT_COLUMNS} | INTEGER_COLUMNS,
                        keep_default_na=False, na_values=[""])
    assert len(frame) == len(expected)
    if not expected:
        return
    assert list(frame.columns) == list(expected[0].keys())
    if "value" in frame.columns:
        assert frame["value"].dtype.kind in "if"
    if "report_year" in frame.columns:
        assert frame["report_year"].dtype == "Int64"
    for i, want in enumerate(expected):
        for column in TEXT_COLUMNS & set(frame.columns):
            value = frame.at[i, column]
            assert same_text(None if pd.isna(value) else value, want[column]), (column, value, want[column])


def test_excel_bom(outputs):
    """With excel_bom the first bytes are a BOM. Which readers take it into the first column name:
    Python's csv module with encoding='utf-8' does (use 'utf-8-sig'); pandas and DuckDB strip it."""
    import csv
    path = outputs["bom"] / "reports.csv"
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"
    with open(path, encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh))[0] == "\ufeffreport_id"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh))[0] == "report_id"
    assert pd.read_csv(path).columns[0] == "report_id"
    assert duckdb.sql(f"SELECT * FROM read_csv('{path}')").columns[0] == "report_id"


def test_duckdb_join_counts_each_report_once(outputs):
    """The README's join: one reports row per report_id, so no application is counted twice."""
    out = outputs["zstd"]
    apps, reports, inputs = (out / f"{n}.csv.zst" for n in ("applications", "reports", "inputs"))
    joined = duckdb.sql(f"""SELECT r.agency, r.report_year, a.value
        FROM read_csv('{apps}', quote = '"', escape = '"', types = {{'raw': 'VARCHAR'}}) a
        JOIN read_csv('{reports}', quote = '"', escape = '"', types = {{'flags': 'VARCHAR'}}) r USING (report_id)
        WHERE a.row_key = 'new_received' AND a.column_key = 'total'""").fetchall()
    alone = duckdb.sql(f"""SELECT count(*) FROM read_csv('{apps}', {DIALECT}, types = {{'raw': 'VARCHAR'}})
        WHERE row_key = 'new_received' AND column_key = 'total'""").fetchall()[0][0]
    assert len(joined) == alone > 500
    assert ("江夏区人民政府", 2021, 160) in joined and ("江夏区人民政府", 2021, 170) in joined
    ids = duckdb.sql(f"SELECT report_id, count(*) FROM read_csv('{reports}', {DIALECT}) GROUP BY report_id").fetchall()
    assert all(n == 1 for _, n in ids)
    copies = duckdb.sql(f"""SELECT report_id, list(source_path) FROM read_csv('{inputs}', quote = '"', escape = '"')
        GROUP BY report_id HAVING count(*) > 1""").fetchall()
    assert [sorted(paths) for _, paths in copies] == [["=SUM(1,2).txt", "seeds/002_5b011f5e8cebd16c.txt"]]
    listed = duckdb.sql(f"SELECT source_path, report_id, status FROM read_csv('{inputs}', {DIALECT})").fetchall()
    assert sorted({i for _, i, _ in listed}) == sorted(i for i, _ in ids)
    assert {p: s for p, _, s in listed if s != "ok"} == {"extra/not-found.html": "failed", "extra/checks-fail.txt": "partial"}


def test_pandas_year_is_an_integer_with_a_missing_one(outputs):
    """Regression: one report without a year made pandas read report_year as float (2021.0)."""
    path = outputs["zstd"] / "reports.csv.zst"
    plain = pd.read_csv(path)
    assert plain["report_year"].isna().any() and plain["report_year"].dtype.kind == "f"
    frame = pd.read_csv(path, dtype={"report_id": "string", "flags": "string", "report_year": "Int64"})
    assert frame["report_year"].dtype == "Int64" and 2021 in set(frame["report_year"].dropna())


def test_formula_text_is_inert_only_for_spreadsheets(formula_outputs):
    """excel_bom files prefix formula-like text with ' (OWASP); the analysis files keep it verbatim."""
    def overview(folder):
        rows = reference_rows(folder, "sections", ".csv")
        return next(r["text"] for r in rows if r["section_key"] == "overview")
    formula = '=HYPERLINK("http://evil.example","点击")'
    assert overview(formula_outputs["plain"]).startswith(formula)
    assert overview(formula_outputs["bom"]).startswith("'" + formula)
    frame = pd.read_csv(formula_outputs["bom"] / "sections.csv", dtype=str, keep_default_na=False)
    assert frame.loc[frame["section_key"] == "overview", "text"].iloc[0].startswith("'=")
    # Numbers stay numbers in both flavours.
    for flavour in ("bom", "plain"):
        checks = reference_rows(formula_outputs[flavour], "checks", ".csv")
        assert checks and all(not r["lhs"].startswith("'") for r in checks)


def test_zstd_frames_stream(outputs):
    """Streaming readers decode our files, sequences of frames, whole (the frames carry no
    content size, so one-shot `ZstdDecompressor().decompress` refuses them rather than return
    the first frame alone: use stream_reader, as pandas does)."""
    import zstandard
    path = outputs["zstd"] / "sections.csv.zst"
    with open(path, "rb") as fh, zstandard.ZstdDecompressor().stream_reader(fh) as reader:
        text = reader.read().decode("utf-8")
    assert text.startswith("report_id,section_no")
    assert text == subprocess.run(["zstd", "-dc", str(path)], check=True, capture_output=True).stdout.decode("utf-8")
    assert text.count("\n") > 1000
    with pytest.raises(zstandard.ZstdError):
        zstandard.ZstdDecompressor().decompress(path.read_bytes())
