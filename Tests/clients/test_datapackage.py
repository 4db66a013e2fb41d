"""datapackage.json validated by Python's frictionless, and the README's Parquet recipe (DuckDB)."""
import json
import subprocess

import duckdb
import frictionless
import pytest

from conftest import reference_rows


def test_frictionless_validates_the_gzip_outputs(outputs):
    """frictionless 5 reads gzip (and zip, bz2, xz), not zstd: validate a gzip run. Types, the
    missing value "", the primary keys and report_id's foreign key into reports are all checked."""
    path = outputs["gzip"] / "datapackage.json"
    done = subprocess.run(["frictionless", "validate", str(path)], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:]
    package = json.loads(path.read_text())
    assert package["contract_version"] == 2
    names = [r["name"] for r in package["resources"]]
    assert names[0] == "reports" and "inputs" in names
    reports = package["resources"][0]
    fields = {f["name"]: f for f in reports["schema"]["fields"]}
    assert fields["report_year"]["type"] == "integer" and fields["publish_date"]["type"] == "date"
    assert fields["agency"]["title"] == "发布机关（简体）"
    assert reports["schema"]["primaryKey"] == ["report_id"] and reports["compression"] == "gz"


def test_frictionless_reads_typed_rows(outputs):
    package = frictionless.Package(str(outputs["gzip"] / "datapackage.json"))
    rows = package.get_resource("reports").read_rows()
    assert len(rows) == len(reference_rows(outputs["gzip"], "reports", ".csv.gz"))
    years = {r["report_year"] for r in rows}
    assert None in years and 2021 in years  # the report without a year: missing, not 0
    units = {f.name: f.to_dict().get("unit") for f in package.get_resource("active_disclosure_wide").schema.fields}
    assert units["admin_fees__amount"] == "10k_yuan"


def test_frictionless_cannot_read_zstd(outputs):
    """Why the gzip run: the zstd package is described the same, but frictionless cannot open it."""
    report = frictionless.validate(str(outputs["zstd"] / "datapackage.json"))
    assert not report.valid
    assert {e.type for task in report.tasks for e in task.errors} == {"compression-error"}


def test_parquet_recipe(outputs, workdir):
    """README: the outputs to Parquet with DuckDB, typed, for Spark and Arrow."""
    out = outputs["zstd"]
    target = workdir / "parquet"
    target.mkdir(exist_ok=True)
    # README: the Parquet recipe
    duckdb.sql(f"""COPY (SELECT * FROM read_csv('{out}/applications.csv.zst', quote = '"', escape = '"',
                   types = {{'raw': 'VARCHAR'}})) TO '{target}/applications.parquet' (FORMAT parquet, COMPRESSION zstd)""")
    duckdb.sql(f"""COPY (SELECT * FROM read_csv('{out}/reports.csv.zst', quote = '"', escape = '"',
                   types = {{'flags': 'VARCHAR'}})) TO '{target}/reports.parquet' (FORMAT parquet, COMPRESSION zstd)""")
    import pyarrow.parquet as pq
    table = pq.read_table(target / "applications.parquet")
    assert table.num_rows == len(reference_rows(out, "applications", ".csv.zst"))
    assert str(table.schema.field("raw").type) == "string" and str(table.schema.field("value").type) in ("int64", "double")
    reports = pq.read_table(target / "reports.parquet")
    assert str(reports.schema.field("publish_date").type) == "date32[day]"
    assert str(reports.schema.field("report_year").type) == "int64"
