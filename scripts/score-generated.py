#!/usr/bin/env python3
"""Cells right on a generated corpus: etl-gen's answers.jsonl against an `etl run` output folder.

    scripts/score-generated.py CORPUS OUT [--by format|layout]

A cell is right when the output has it with the answer's value (a blank answer: the cell absent
or empty); wrong when it has another value; missing when it is absent. Prints one line per group.
"""
import csv, io, json, subprocess, sys
from collections import defaultdict
from decimal import Decimal

def rows(out, name):
    data = subprocess.run(["zstd", "-dc", f"{out}/{name}.csv.zst"], check=True, capture_output=True).stdout
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))

def main():
    corpus, out = sys.argv[1], sys.argv[2]
    by = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--by" else "format"
    ids = {r["source_path"]: r["report_id"] for r in rows(out, "reports")}
    found = defaultdict(dict)
    for table, a, b in [("active_disclosure", "item_key", "measure_key"), ("applications", "row_key", "column_key"),
                        ("review_litigation", "proceeding_key", "outcome_key")]:
        for r in rows(out, table):
            found[r["report_id"]][(table, r[a], r[b])] = r["value"]
    score = defaultdict(lambda: [0, 0, 0, 0])  # right, wrong, missing, reports
    for line in open(f"{corpus}/answers.jsonl", encoding="utf-8"):
        ans = json.loads(line)
        path = next((p for p in ids if p == ans["file"] or p.endswith("/" + ans["file"])), None)
        got = found.get(ids.get(path), {})
        group = score[ans[by]]
        group[3] += 1
        for table in ("active_disclosure", "applications", "review_litigation"):
            for cell in ans[table]:
                value = got.get((table, cell["key"], cell["column"]))
                want = cell.get("value")
                if want is None:
                    group[0 if not value else 1] += 1
                elif value is None or value == "":
                    group[2] += 1
                elif Decimal(value) == Decimal(want):
                    group[0] += 1
                else:
                    group[1] += 1
    for name, (right, wrong, missing, reports) in sorted(score.items()):
        total = right + wrong + missing
        print(f"{name:16} reports {reports:5}  cells {total:7}  right {right / max(total, 1):.4f}  wrong {wrong}  missing {missing}")

main()
