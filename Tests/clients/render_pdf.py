"""Renders generated reports (text with `| a | b |` table rows) as PDF files the way offices
publish them: tables drawn on a grid whose narrow label column wraps long labels over two or three
lines, tables split across pages, a page number in the footer and a running header. Uses
reportlab with the Adobe CID font STSong-Light (no font file needed; poppler reads it through
poppler-data's CMaps).

    python3 render_pdf.py CORPUS OUT   # every text report of CORPUS/answers.jsonl with table rows
Writes OUT/NAME.pdf and OUT/answers.jsonl (the same answers, file and format changed).
"""
import json
import random
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.lib import colors
from xml.sax.saxutils import escape

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
FONT = "STSong-Light"
NUMBER = __import__("re").compile(r"^[\s?\u00a0\u2002]*[-+]?[0-9０-９][0-9０-９,.，．]*\s*(万元|元|件|个|個|萬元)?$")


def table_rows(lines):
    """Groups the lines into prose lines and tables (lists of rows of cells)."""
    blocks, rows = [], []
    for line in lines:
        t = line.strip()
        if t.startswith("|"):
            cells = [c.strip() for c in t.strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue
            rows.append(cells)
            continue
        if rows:
            blocks.append(("table", rows))
            rows = []
        if t:
            blocks.append(("text", t))
    if rows:
        blocks.append(("table", rows))
    return blocks


def render(text, out, seed, header):
    rng = random.Random(seed)
    body = ParagraphStyle("body", fontName=FONT, fontSize=rng.choice([10.5, 11, 12]), leading=18)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=24, alignment=1)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=rng.choice([7.5, 8, 9]), leading=11)
    number_style = rng.choice(["dash", "page", "plain"])
    label_share = rng.choice([0.22, 0.3, 0.4])

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 9)
        n = doc.page
        footer = {"dash": f"- {n} -", "page": f"第 {n} 页", "plain": str(n)}[number_style]
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, footer)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 1.2 * cm, header)
        canvas.restoreState()

    width = A4[0] - 5 * cm
    story = []
    blocks = table_rows(text.splitlines())
    for i, (kind, content) in enumerate(blocks):
        if kind == "text":
            story.append(Paragraph(escape(content), title if i == 0 else body))
            continue
        columns = max(len(r) for r in content)
        # A row's numbers stand in the table's last columns, as a drawn table has them: a row with
        # fewer label cells gets empty cells after its labels (Word and the sites merge them).
        def placed(r):
            while len(r) > 1 and r[-1] == "":
                r = r[:-1]  # the flattening's padding, not cells of the drawn table
            first = next((i for i, c in enumerate(r) if NUMBER.match(c)), None)
            if first is None:
                return r + [""] * (columns - len(r))
            return r[:first] + [""] * (columns - len(r)) + r[first:]
        data = [[Paragraph(escape(c), cell) for c in placed(r)] for r in content]
        # The label columns (the cells before a row's first number) share the label width.
        labels = max([next((i for i, c in enumerate(r) if NUMBER.match(c)), 0) for r in content] + [1])
        labels = min(max(1, labels), columns - 1) if columns > 1 else 1
        label = width * (label_share + 0.12 * (labels - 1)) / labels
        rest = (width - label * labels) / max(1, columns - labels)
        table = Table(data, colWidths=[label] * labels + [rest] * (columns - labels), splitByRow=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story += [table, Spacer(1, 8)]
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm,
                            topMargin=2.5 * cm, bottomMargin=2.5 * cm, title="政府信息公开工作年度报告")
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)


def main(corpus, out):
    corpus, out = Path(corpus), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    answers = []
    for line in (corpus / "answers.jsonl").read_text().splitlines():
        a = json.loads(line)
        if a["format"] != "text":
            continue
        raw = (corpus / a["file"]).read_bytes()
        text = raw.decode({"utf-8": "utf-8-sig", "gb18030": "gb18030", "big5": "big5"}[a["encoding"]], errors="replace")
        if text.count("\n|") < 10:
            continue  # no table rows to draw
        name = Path(a["file"]).stem + ".pdf"
        render(text, out / name, seed=name, header=a["agency"] + "政府信息公开工作年度报告")
        a.update(file=name, format="pdf", encoding="pdf")
        answers.append(json.dumps(a, ensure_ascii=False))
    (out / "answers.jsonl").write_text("".join(l + "\n" for l in answers))
    print(f"render_pdf: {len(answers)} PDF reports in {out}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
