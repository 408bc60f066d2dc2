#!/usr/bin/env python3
"""The checks a person makes on a generated Party document, automated.

Usage: check.py REPORT.docx [--pdf OUT.pdf] [--png OUT.png]
       check.py ANNEX.xlsx

For a DOCX:
  (a) python-docx opens it with every warning turned into an error; the first table is the Party header (left:
      superior body, issuing body, "*", "Số …"; right: "ĐẢNG CỘNG SẢN VIỆT NAM", place and date) and its text,
      weight, slant and size are checked against the rules of Hướng dẫn 36-HD/VPTW; every run's font, resolved
      through the document defaults, is Times New Roman.
  (b) LibreOffice (soffice --headless) converts it to PDF, with a private profile so that runs in parallel do not
      share one; the PDF's fonts are Times New Roman or its metric twin Liberation Serif (Arial or Liberation Sans
      in the charts), never a fallback.
  (c) pdftotext -bbox gives the first page's words and their boxes: "ĐẢNG CỘNG SẢN VIỆT NAM" in the right half near
      the top; the issuing body and "Số …" in the left half above the document type; the document type centred on
      the text block (within 3 mm); the place and date right of centre, below the party's name.
  (d) pdftoppm renders the first page to PNG (--png), for a person to look at.
For an XLSX: openpyxl reads every sheet and cell with warnings as errors.

Prints what it measured; exits 1 with the failed checks listed, 2 when a tool is missing.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
import xml.etree.ElementTree as ElementTree

MM_PER_POINT = 25.4 / 72
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
FONT = "Times New Roman"
# Fonts a PDF made from the DOCX may carry: the font itself or its metric-compatible twin, and the charts' sans-serif
# (Arial or its twin Liberation Sans). Anything else is a fallback that changes where lines break.
ACCEPTED_PDF_FONTS = ("TimesNewRoman", "Times-Roman", "Times-Bold", "Times-Italic", "LiberationSerif",
                      "Arial", "LiberationSans")
DATE_LINE = re.compile(r"^.+, ngày (0[1-9]|[12]\d|3[01]) tháng ([3-9]|0[12]|1[0-2]) năm \d{4}$")

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def require_tool(name, hint):
    if shutil.which(name) is None:
        print(f"check.py: {name} is missing ({hint})", file=sys.stderr)
        sys.exit(2)


# (a) python-docx

def effective(document, run, paragraph, attribute):
    """A run's font name or size (in points) as Word resolves it: the run, its paragraph's style, the defaults."""
    value = getattr(run.font, attribute)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.font, attribute)
        style = style.base_style
    if value is None:
        defaults = document.styles.element.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults")
        namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        if attribute == "name":
            fonts = defaults.find(f"{namespace}rPrDefault/{namespace}rPr/{namespace}rFonts")
            value = None if fonts is None else fonts.get(f"{namespace}ascii")
        else:
            size = defaults.find(f"{namespace}rPrDefault/{namespace}rPr/{namespace}sz")
            value = None if size is None else int(size.get(f"{namespace}val")) / 2
    elif attribute == "size":
        value = value.pt
    return value


def looks(document, paragraph):
    """The paragraph's text, and (bold, italic, size) when all its runs agree."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    kinds = {(bool(run.bold), bool(run.italic), effective(document, run, paragraph, "size")) for run in runs}
    return paragraph.text, (kinds.pop() if len(kinds) == 1 else None)


def check_docx(path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        document = docx.Document(path)
        paragraphs = list(document.paragraphs)
        tables = list(document.tables)
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    paragraphs.extend(cell.paragraphs)
    section = document.sections[0]
    page = {
        "width": section.page_width.mm, "left": section.left_margin.mm, "right": section.right_margin.mm,
        "top": section.top_margin.mm,
    }
    check(abs(page["width"] - 210) < 0.5 and abs(section.page_height.mm - 297) < 0.5,
          f"page is not A4: {page['width']:.1f} × {section.page_height.mm:.1f} mm")

    fonts = {effective(document, run, paragraph, "name") for paragraph in paragraphs for run in paragraph.runs}
    check(fonts == {FONT}, f"fonts other than {FONT}: {sorted(str(f) for f in fonts)}")

    check(bool(tables), "no header table")
    left, right = tables[0].rows[0].cells[0], tables[0].rows[0].cells[1]
    left_lines = [looks(document, p) for p in left.paragraphs]
    right_lines = [looks(document, p) for p in right.paragraphs]
    header = {}
    if check(len(left_lines) == 4, f"the header's left column has {len(left_lines)} lines, not 4"):
        (superior, superior_look), (issuing, issuing_look), (mark, _), (number, number_look) = left_lines
        check(superior == superior.upper() and superior_look and not superior_look[0] and superior_look[2] == 14,
              f"superior body not 14 pt capitals, regular: {superior!r} {superior_look}")
        check(issuing == issuing.upper() and issuing_look and issuing_look[0] and issuing_look[2] == 14,
              f"issuing body not 14 pt bold capitals: {issuing!r} {issuing_look}")
        check(mark == "*", f"no asterisk beneath the issuing body: {mark!r}")
        check(re.match(r"^Số \d", number) is not None and number_look and number_look[2] == 14,
              f"number not 'Số N…' in 14 pt (no colon): {number!r} {number_look}")
        header.update(issuing=issuing, number=number)
    if check(len(right_lines) == 2, f"the header's right column has {len(right_lines)} lines, not 2"):
        (party, party_look), (place_date, place_date_look) = right_lines
        check(party == PARTY_NAME and party_look == (True, False, 15),
              f"party name not '{PARTY_NAME}' 15 pt bold: {party!r} {party_look}")
        border = right.paragraphs[0]._p.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bottom")
        check(border is not None, "no line beneath the party's name")
        check(DATE_LINE.match(place_date) is not None and place_date_look == (False, True, 14),
              f"place and date not '…, ngày DD tháng M năm YYYY' 14 pt italic: {place_date!r} {place_date_look}")
        header.update(place_date=place_date)

    body = list(document.paragraphs)
    titled = [p for p in body if p.text.strip()]
    document_type, document_type_look = looks(document, titled[0]) if titled else ("", None)
    check(document_type == document_type.upper() and document_type_look and document_type_look[0]
          and 15 <= document_type_look[2] <= 16 and titled[0].alignment == WD_ALIGN_PARAGRAPH.CENTER,
          f"document type not centred 15–16 pt bold capitals: {document_type!r} {document_type_look}")
    header["document_type"] = document_type
    justified = [p for p in body if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and p.text.strip()]
    check(bool(justified), "no justified body paragraph")
    sizes = {effective(document, run, p, "size") for p in justified for run in p.runs}
    check(sizes <= {14, 15}, f"body text not 14–15 pt: {sorted(sizes)}")
    check(any(p.text.strip() == "Nơi nhận:" for p in paragraphs), "no 'Nơi nhận:' block")
    print(f"docx: {len(paragraphs)} paragraphs, {len(tables)} tables, fonts {sorted(fonts)}, "
          f"header {header}")
    return page, header


# (b) LibreOffice

def convert(path, pdf):
    require_tool("soffice", "apt-get install libreoffice-writer-nogui fonts-liberation2")
    with tempfile.TemporaryDirectory() as work:
        started = time.monotonic()
        result = subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
             "--outdir", work, path], capture_output=True, text=True, timeout=300)
        seconds = time.monotonic() - started
        made = os.path.join(work, os.path.splitext(os.path.basename(path))[0] + ".pdf")
        if not check(result.returncode == 0 and os.path.exists(made),
                     f"LibreOffice did not convert: {result.returncode} {result.stdout} {result.stderr}"):
            return None
        shutil.move(made, pdf)
    print(f"pdf: converted by LibreOffice in {seconds:.1f} s")
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    names = sorted({line.split()[0].split("+")[-1] for line in fonts if line.strip()})
    check(names and all(name.startswith(ACCEPTED_PDF_FONTS) for name in names),
          f"the PDF uses fonts other than Times New Roman, Arial or their Liberation twins: {names}")
    print(f"pdf: fonts {names}")
    return pdf


# (c) positions on the first page

def first_page_words(pdf):
    output = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-"],
                            capture_output=True, text=True, check=True).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", output).replace(' xmlns="http://www.w3.org/1999/xhtml"', ""))
    page = root.find(".//page")
    words = [(word.text or "", float(word.get("xMin")), float(word.get("yMin")), float(word.get("xMax")),
              float(word.get("yMax"))) for word in page.iter("word")]
    return float(page.get("width")), words


def locate(words, text):
    """The box (mm) of the first line of `text` on the page: the first run of consecutive words spelling it, or, for
    a line that LibreOffice wrapped, the longest beginning of it (two words at least, so that "ĐẢNG" alone does not
    find another line); None when absent."""
    wanted = text.split("\n")[0].split()
    if not wanted:
        return None
    for length in range(len(wanted), min(2, len(wanted)) - 1, -1):
        for start in range(len(words) - length + 1):
            if [w[0] for w in words[start:start + length]] == wanted[:length]:
                found = words[start:start + length]
                return tuple(v * MM_PER_POINT for v in (min(w[1] for w in found), min(w[2] for w in found),
                                                         max(w[3] for w in found), max(w[4] for w in found)))
    return None


def check_positions(pdf, page, header):
    require_tool("pdftotext", "apt-get install poppler-utils")
    width_points, words = first_page_words(pdf)
    page_width = width_points * MM_PER_POINT
    text_left, text_right = page["left"], page_width - page["right"]
    text_centre = (text_left + text_right) / 2
    boxes = {name: locate(words, text) for name, text in
             [("party", PARTY_NAME), ("issuing", header.get("issuing", "")), ("number", header.get("number", "")),
              ("document_type", header.get("document_type", "")), ("place_date", header.get("place_date", ""))]}
    missing = [name for name, box in boxes.items() if box is None]
    if not check(not missing, f"not found on the first page: {missing}"):
        return
    party, issuing, number = boxes["party"], boxes["issuing"], boxes["number"]
    document_type, place_date = boxes["document_type"], boxes["place_date"]

    def centre(box):
        return (box[0] + box[2]) / 2

    check(party[0] >= page_width / 2 - 5 and centre(party) > text_centre and party[1] < page["top"] + 15,
          f"'{PARTY_NAME}' not in the right half near the top: {party}")
    check(centre(issuing) < text_centre and centre(number) < text_centre,
          f"issuing body or number not in the left half: {issuing} {number}")
    check(issuing[3] <= document_type[1] and number[3] <= document_type[1],
          f"issuing body or number not above the document type: {issuing} {number} {document_type}")
    check(abs(centre(document_type) - text_centre) <= 3,
          f"document type not centred: its centre {centre(document_type):.1f} mm, the text block's {text_centre:.1f}")
    check(centre(place_date) > text_centre and place_date[1] > party[3],
          f"place and date not right of centre below the party's name: {place_date} {party}")
    print("positions (mm from the top left): " + ", ".join(
        f"{name} x {box[0]:.1f}–{box[2]:.1f} y {box[1]:.1f}" for name, box in boxes.items())
        + f"; text block {text_left:.1f}–{text_right:.1f}, centre {text_centre:.1f}")


def render(pdf, png):
    require_tool("pdftoppm", "apt-get install poppler-utils")
    stem = os.path.splitext(png)[0]
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, stem], check=True)
    print(f"png: {png}")


def check_xlsx(path):
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        workbook = openpyxl.load_workbook(path)
        cells = sum(1 for sheet in workbook.worksheets for row in sheet.iter_rows() for _ in row)
    print(f"xlsx: {len(workbook.worksheets)} sheets, {cells} cells")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--pdf", help="where to keep the PDF (default: a temporary file)")
    parser.add_argument("--png", help="where to render the PDF's first page")
    arguments = parser.parse_args()
    if arguments.file.endswith(".xlsx"):
        check_xlsx(arguments.file)
    else:
        page, header = check_docx(arguments.file)
        with tempfile.TemporaryDirectory() as work:
            pdf = convert(arguments.file, arguments.pdf or os.path.join(work, "report.pdf"))
            if pdf:
                check_positions(pdf, page, header)
                if arguments.png:
                    render(pdf, arguments.png)
    if failures:
        print("check.py: FAILED\n" + "\n".join(f"- {failure}" for failure in failures), file=sys.stderr)
        sys.exit(1)
    print("check.py: OK")


if __name__ == "__main__":
    main()
