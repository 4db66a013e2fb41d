#!/usr/bin/env python3
"""Cells right on a generated corpus: etl-gen's answers.jsonl against an `etl run` output folder.

    scripts/score_generated.py CORPUS OUT [--by format|layout|forms]

A cell is right when the output has it with the answer's value (a blank answer: the cell absent
or empty); wrong when it holds another value; missing when it is absent. Prints one line per
group (`forms`: a file counts under each unseen form it shows, `none` when it shows none). The
client tests import `score` from here.
"""
import csv
import io
import json
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

TABLES = [("active_disclosure", "item_key", "measure_key"), ("applications", "row_key", "column_key"),
          ("review_litigation", "proceeding_key", "outcome_key")]


def rows(out: Path, name: str):
    raw = subprocess.run(["zstd", "-dc", str(Path(out) / f"{name}.csv.zst")], check=True, capture_output=True).stdout
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def score(corpus: Path, out: Path, by=None):
    """(right, missing, wrong, wrong_examples) over every answered cell; by a field of the answers
    (`format`, `layout`, `forms`), a dict of such tuples."""
    ids = {r["source_path"]: r["report_id"] for r in rows(out, "inputs")}
    found = {}
    for table, key, column in TABLES:
        for r in rows(out, table):
            found[(r["report_id"], table, r[key], r[column])] = r["value"]
    groups = defaultdict(lambda: [0, 0, 0, []])
    for line in (Path(corpus) / "answers.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        if by == "forms":
            targets = [groups[f] for f in a.get("forms") or ["none"]]
        else:
            targets = [groups[a[by] if by else None]]
        rid = ids.get(a["file"]) or next((i for p, i in ids.items() if p.endswith("/" + a["file"])), None)
        for table, _, _ in TABLES:
            for c in a.get(table, []):
                want = c.get("value")
                got = found.get((rid, table, c["key"], c["column"]), "") if rid else ""
                if want is None:
                    ok = got == ""
                elif got == "":
                    for group in targets:
                        group[1] += 1
                    continue
                else:
                    ok = Decimal(got) == Decimal(want)
                for group in targets:
                    if ok:
                        group[0] += 1
                    else:
                        group[2] += 1
                        group[3].append((a["file"], table, c["key"], c["column"], got, want))
    result = {name: tuple(values) for name, values in groups.items()}
    return result if by else result.get(None, (0, 0, 0, []))


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    by = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--by" else "format"
    for name, (right, missing, wrong, _) in sorted(score(Path(corpus), Path(out), by=by).items()):
        total = right + missing + wrong
        print(f"{name:16} cells {total:7}  right {right / max(total, 1):.4f}  wrong {wrong}  missing {missing}")


if __name__ == "__main__":
    main()
