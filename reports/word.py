"""The report as an editable Word file (python-docx), from the same blocks as the page.

Word rather than OpenDocument: the city's offices and the funder exchange .docx, and
LibreOffice opens it as well. Charts are PNG images drawn by :mod:`reports.charts`
(with the chart's title as alternative text), tables are real Word tables, and the
footer of every page carries the "Stand", the data source and the page number.
"""

import io

from django.utils import translation
from django.utils.translation import gettext

from . import charts
from .layout import blocks

HEADING_LEVELS = {2: 1, 3: 2, 4: 3}


def render_docx(*, data: dict, title: str, introduction="", outlook="", public=False) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    with translation.override(data["language"]):
        document = Document()
        document.core_properties.title = title
        document.core_properties.language = data["language"]
        document.core_properties.author = gettext(
            "Koordinationsstelle kommunale Entwicklungspolitik Ludwigsburg"
        )
        section = document.sections[0]
        section.left_margin = section.right_margin = Cm(2.2)
        _footer(section, data)

        document.add_heading(title, level=0)
        for block in blocks(data, introduction=introduction, outlook=outlook, public=public):
            kind = block["type"]
            if kind == "heading":
                document.add_heading(block["text"], level=HEADING_LEVELS[block["level"]])
            elif kind == "paragraphs":
                for text in block["items"]:
                    paragraph = document.add_paragraph()
                    run = paragraph.add_run(text)
                    if block["style"] in ("note", "notice"):
                        run.italic = True
                        run.font.size = Pt(9 if block["style"] == "note" else 11)
            elif kind == "facts":
                table = document.add_table(rows=0, cols=2)
                table.style = "Table Grid"
                for label, value in block["items"]:
                    cells = table.add_row().cells
                    cells[0].paragraphs[0].add_run(str(label)).bold = True
                    cells[1].text = str(value)
                document.add_paragraph()
            elif kind == "table":
                _table(document, block)
            elif kind == "chart":
                document.add_paragraph().add_run(block["title"]).bold = True
                document.add_picture(io.BytesIO(charts.png(block["items"])), width=Cm(16))
                _describe_last_picture(document, block["title"])
            elif kind == "list":
                for item in block["items"]:
                    document.add_paragraph(_text(item), style="List Bullet")
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def _text(cell) -> str:
    return cell["text"] if isinstance(cell, dict) else str(cell)


def _table(document, block) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if block["caption"]:
        document.add_paragraph().add_run(block["caption"]).bold = True
    table = document.add_table(rows=1, cols=len(block["columns"]))
    table.style = "Table Grid"
    header = table.rows[0].cells
    for index, column in enumerate(block["columns"]):
        header[index].paragraphs[0].add_run(str(column)).bold = True
    numeric = set(block["numeric"])
    for row in block["rows"]:
        cells = table.add_row().cells
        for index, cell in enumerate(row):
            cells[index].text = _text(cell)
            if index in numeric:
                cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph()


def _describe_last_picture(document, description: str) -> None:
    """Alternative text of the picture just added (``wp:docPr/@descr``)."""
    from docx.oxml.ns import qn

    properties = document.paragraphs[-1]._p.findall(".//" + qn("wp:docPr"))
    for element in properties:
        element.set("descr", description)


def _footer(section, data) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = section.footer.paragraphs[0]
    run = paragraph.add_run(
        gettext("Stand: %(date)s · Quelle: %(source)s · Seite ")
        % {"date": data["generated_label"], "source": data["source"]}
    )
    run.font.size = Pt(8)
    # A PAGE field: Word and LibreOffice fill in the page number.
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    number.append(text)
    field.append(number)
    paragraph._p.append(field)
