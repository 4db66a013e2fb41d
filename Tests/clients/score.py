"""Scores an etl run against a generated corpus's answers: per file, every table cell right,
missing or wrong (a value where the answer has another, or none)."""
import csv
import io
import json
import subprocess
from decimal import Decimal
from pathlib import Path


def rows(out: Path, name: str):
    raw = subprocess.run(["zstd", "-dc", str(out / f"{name}.csv.zst")], check=True, capture_output=True).stdout
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def score(corpus: Path, out: Path):
    """(right, missing, wrong, wrong_examples) over every answered cell of every file."""
    answers = [json.loads(l) for l in (corpus / "answers.jsonl").read_text().splitlines()]
    ids = {r["source_path"]: r["report_id"] for r in rows(out, "inputs")}
    found = {}
    for table, key, column in [("active_disclosure", "item_key", "measure_key"), ("applications", "row_key", "column_key"),
                               ("review_litigation", "proceeding_key", "outcome_key")]:
        for r in rows(out, table):
            found[(r["report_id"], table, r[key], r[column])] = r["value"]
    right = missing = wrong = 0
    examples = []
    for a in answers:
        rid = ids.get(a["file"])
        for table in ["active_disclosure", "applications", "review_litigation"]:
            for c in a.get(table, []):
                want = c.get("value")
                got = found.get((rid, table, c["key"], c["column"]), "") if rid else ""
                if want is None:
                    if got == "":
                        right += 1
                    else:
                        wrong += 1
                        examples.append((a["file"], table, c["key"], c["column"], got, want))
                elif got == "":
                    missing += 1
                elif Decimal(got) == Decimal(want):
                    right += 1
                else:
                    wrong += 1
                    examples.append((a["file"], table, c["key"], c["column"], got, want))
    return right, missing, wrong, examples
