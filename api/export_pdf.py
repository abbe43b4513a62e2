"""The approved form as a printable PDF (A4, DejaVu Sans for Vietnamese glyphs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


class FontMissing(RuntimeError):
    pass


def _font(file_name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / file_name).is_file():
            return folder / file_name
    raise FontMissing(f"{file_name} not found: install the Debian package fonts-dejavu-core")


def render(export: dict[str, Any], form_title: str = "", labels: dict[str, str] | None = None) -> bytes:
    """``export`` is api.store.drafts.export's result; ``labels`` names the form's items."""
    labels = labels or {}
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("DejaVu", "", str(_font("DejaVuSans.ttf")))
    pdf.add_font("DejaVu", "B", str(_font("DejaVuSans-Bold.ttf")))
    pdf.add_page()
    pdf.set_font("DejaVu", size=14)
    pdf.multi_cell(0, 8, f"{export['form']} {form_title}".strip(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", size=9)
    pdf.cell(
        0,
        6,
        f"Hồ sơ nháp #{export['draft']} — duyệt bởi {export['approved_by']} lúc {export['approved_at']}",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(3)
    pdf.set_font("DejaVu", size=11)
    with pdf.table(col_widths=(70, 110), first_row_as_headings=True) as table:
        table.row(("Mục", "Nội dung"))
        for item, value in export["fields"].items():
            label = f"{item}. {labels[item]}" if item in labels else str(item)
            table.row((label, "" if value is None else str(value)))
    return bytes(pdf.output())
