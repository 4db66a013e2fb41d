"""Renders generated reports (PDF, and Word with --docx) (text with `| a | b |` table rows) as PDF files the way offices
publish them: tables drawn on a grid whose narrow label column wraps long labels over two or three
lines, tables split across pages, a page number in the footer and a running header. Uses
reportlab with the Adobe CID font STSong-Light (no font file needed; poppler reads it through
poppler-data's CMaps).

    python3 render_pdf.py CORPUS OUT [--docx]   # every text report of CORPUS/answers.jsonl with table rows
Writes OUT/NAME.pdf (and OUT/NAME.docx: a table per table, group labels merged down their rows
with w:vMerge, a label spanning its row's empty label cells with w:gridSpan) and OUT/answers.jsonl
(the same answers, file and format changed).
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


BARS = str.maketrans({"\uff5c": "|", "\u2502": "|", "\u2503": "|", "\u2551": "|"})
RULE = __import__("re").compile(r"^[-=+:|\s\u2500-\u257f]+$")


def table_rows(lines):
    """Groups the lines into prose lines and tables (lists of rows of cells). The table is the one
    the text describes, however it is drawn: full-width and box-drawing bars are pipes, rule
    lines (`+----+`, `├──┼──┤`) are none of its rows, a carriage return is a line end."""
    blocks, rows = [], []
    for line in lines:
        t = line.strip().translate(BARS)
        if RULE.match(t) and any(c == "+" or "\u2500" <= c <= "\u257f" for c in t):
            continue
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


def render(text, out, seed, header, merge=True):
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
        texts, labels = layout(content)
        # Drawn as offices draw them: a group label repeated down its rows is one merged cell, a
        # label followed by the empty cells of a row with fewer labels spans them.
        spans = []
        for col in range(min(labels, columns) if merge else 0):
            row = 0
            while row < len(texts):
                end = row
                while (end + 1 < len(texts) and texts[row][col] and texts[end + 1][col] == texts[row][col]
                       and any(NUMBER.match(c) for c in texts[end + 1])):
                    end += 1
                if end > row:
                    spans.append(("SPAN", (col, row), (col, end)))
                    for r in range(row + 1, end + 1):
                        texts[r][col] = ""
                row = end + 1
        for r, t in enumerate(texts if merge else []):
            first = next((i for i, c in enumerate(t) if NUMBER.match(c)), None)
            if first is None:
                continue
            c = 0
            while c < first:
                end = c
                while end + 1 < min(first, labels) and t[end + 1] == "" and not any(sp[1] == (end + 1, r) for sp in spans):
                    end += 1
                if end > c and t[c] and not any(sp[1][0] <= c <= sp[2][0] and sp[1][1] <= r <= sp[2][1] for sp in spans):
                    spans.append(("SPAN", (c, r), (end, r)))
                c = end + 1
        data = [[Paragraph(escape(c), cell) for c in t] for t in texts]
        # Value columns wide enough for their longest number (offices size them so; a number
        # wrapped inside its cell is out of scope), the labels share what is left.
        widest = max([sum(1.0 if ord(ch) > 0xFF else 0.6 for ch in c) for r in content for c in r if NUMBER.match(c)] + [1])
        rest = max((width * (1 - label_share - 0.12 * (labels - 1))) / max(1, columns - labels), widest * cell.fontSize + 14)
        label = max(width * 0.1, (width - rest * (columns - labels)) / labels)
        widths = [label] * labels + [rest] * (columns - labels)
        if sum(widths) > width:
            # A table wider than the page (table 四's fifteen columns) is drawn smaller to fit, as
            # offices do: every column narrowed, the text set smaller.
            scale = width / sum(widths)
            widths = [w * scale for w in widths]
            small = ParagraphStyle("small", parent=cell, fontSize=cell.fontSize * max(0.6, scale), leading=cell.leading * max(0.6, scale))
            data = [[Paragraph(escape(c), small) for c in t] for t in texts]
        table = Table(data, colWidths=widths, splitByRow=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")] + spans))
        story += [table, Spacer(1, 8)]
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm,
                            topMargin=2.5 * cm, bottomMargin=2.5 * cm, title="政府信息公开工作年度报告")
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)


def layout(content):
    """A table's rows as drawn: each row's values in the last columns, its labels first."""
    columns = max(len(r) for r in content)

    def head(r):
        """The row's label cells: its leading cells that are neither blank nor numbers."""
        n = 0
        while n < len(r) and r[n] != "" and not NUMBER.match(r[n]):
            n += 1
        return n
    labels = max([head(r) for r in content if any(NUMBER.match(c) for c in r)] + [1])
    labels = min(max(1, labels), columns - 1) if columns > 1 else 1

    def split(r):
        first = next((i for i, c in enumerate(r) if NUMBER.match(c)), None)
        if first is None:
            return r, None
        values = r[first:]
        while values and values[-1] == "":
            values = values[:-1]
        return r[:first], (values, len(r[first:]))

    parts = [split(r) for r in content]
    widest = max([len(p[1][0]) for p in parts if p[1]] + [0])

    # When every row with numbers has as many label cells (the cells before its values, a blank
    # value cell counting as a value), the flattening kept the table's columns: drawn as they are.
    heads = {head(r) for r, p in zip(content, parts) if p[1]}
    if len(heads) <= 1:
        return [r + [""] * (columns - len(r)) for r in content], max(1, min(labels, columns - 1))

    def placed(r, part):
        head, rest = part
        if rest is None:
            return r + [""] * (columns - len(r))
        values, had = rest
        # A blank value cell at a row's end is a blank cell of the table (up to the table's
        # width in values); beyond that it is the flattening's padding.
        values = values + [""] * (min(had, widest) - len(values))
        return head + [""] * (columns - len(head) - len(values)) + values
    return [placed(r, p) for r, p in zip(content, parts)], labels


def docx(blocks, out):
    import zipfile
    body = []
    for kind, content in blocks:
        if kind == "text":
            body.append(f'<w:p><w:r><w:t xml:space="preserve">{escape(content)}</w:t></w:r></w:p>')
            continue
        texts, labels = layout(content)
        body.append("<w:tbl>")
        for r, t in enumerate(texts):
            body.append("<w:tr>")
            c = 0
            first = next((i for i, x in enumerate(t) if NUMBER.match(x)), len(t))
            while c < len(t):
                props, text = "", t[c]
                if c < labels and c < first:
                    above = texts[r - 1][c] if r > 0 else None
                    below = texts[r + 1][c] if r + 1 < len(texts) else None
                    if text and above == text and any(NUMBER.match(x) for x in t):
                        props, text = "<w:vMerge/>", ""
                    elif text and below == text and any(NUMBER.match(x) for x in texts[r + 1]):
                        props = '<w:vMerge w:val="restart"/>'
                    span = 1
                    while c + span < min(first, labels) and t[c + span] == "" and not props:
                        span += 1
                    if span > 1:
                        props += f'<w:gridSpan w:val="{span}"/>'
                    body.append(f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:tc>')
                    c += span
                    continue
                body.append(f'<w:tc><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:tc>')
                c += 1
            body.append("</w:tr>")
        body.append("</w:tbl>")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + "".join(body) + "</w:body></w:document>")


def main(corpus, out, *options):
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
        header = a["agency"] + "政府信息公开工作年度报告"
        try:
            render(text, out / name, seed=name, header=header)
        except Exception:  # reportlab cannot split a merged cell over a page: drawn unmerged
            render(text, out / name, seed=name, header=header, merge=False)
        answers.append(json.dumps(dict(a, file=name, format="pdf", encoding="pdf"), ensure_ascii=False))
        if "--docx" in options:
            word = Path(a["file"]).stem + ".docx"
            docx(table_rows(text.splitlines()), out / word)
            answers.append(json.dumps(dict(a, file=word, format="docx", encoding="docx"), ensure_ascii=False))
    (out / "answers.jsonl").write_text("".join(l + "\n" for l in answers))
    print(f"render_pdf: {len(answers)} reports in {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
