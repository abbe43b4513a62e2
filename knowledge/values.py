"""How a published value reads as a normalized one, the same for both sources.

The portal's structured JSON and the crawl's flattened text carry the same values in two shapes
(``processingTimeUnit: "WORKING_DAY"`` vs ``"Ngày làm việc"``, ``value: 0`` vs ``"Miễn phí"``). Both
importers go through these functions so that one published fact always becomes one normalized value.
"""

from __future__ import annotations

import re
from typing import Any

from knowledge.schema import Fee, FeeKind, TimeUnit
from knowledge.text import clean, fold, nfc

NO_INFORMATION = "Không có thông tin"

# Vietnamese letters by case, for patterns (a range like [à-ỹ] also spans capitals such as Đ and Ạ).
VI_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
VI_UPPER = VI_LOWER.upper()

# The ministries of the crawl's ``_bo_nganh`` slugs.
MINISTRIES = {
    "bo-tai-chinh": "Bộ Tài chính",
    "bo-nong-nghiep-mt": "Bộ Nông nghiệp và Môi trường",
    "bo-xay-dung": "Bộ Xây dựng",
    "bo-cong-an": "Bộ Công an",
    "bo-tu-phap": "Bộ Tư pháp",
    "ngan-hang-nha-nuoc": "Ngân hàng Nhà nước Việt Nam",
    "toa-an-nhan-dan": "Tòa án nhân dân tối cao",
}

# Levels as the crawl writes them; the portal's is* flags map onto the same names.
LEVEL_PROVINCE, LEVEL_WARD, LEVEL_MINISTRY, LEVEL_OTHER = "Cấp tỉnh", "Cấp xã", "Cấp bộ", "Cơ quan khác"


class MalformedRecord(ValueError):
    """A source record that cannot become a procedure; the message is the reason."""


# No fee in Vietnam's schedules is below 1,000 đồng; a smaller "VND" amount is a unit slip.
SMALLEST_FEE_VND = 1000

_FREE_WORDING = re.compile(r"^\W*(?:dong\W*)?(?:mien|khong)\b")


# Characters that carry no text: soft hyphen, zero-width and direction marks, BOM, and the private-use
# glyphs that word processors leave for bullets. The crawl and the portal differ in them.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060\ufeff\ue000-\uf8ff]")


def scrub(value: Any) -> Any:
    """Every string in a decoded JSON record in NFC, without invisible characters."""
    if isinstance(value, str):
        return _INVISIBLE.sub("", nfc(value))
    if isinstance(value, dict):
        return {key: scrub(item) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub(item) for item in value]
    return value


def text_or_empty(value: str | None) -> str:
    """Clean text, with the portal's "Không có thông tin" read as empty."""
    text = clean(value)
    return "" if text == NO_INFORMATION else text


def fee(amount: int | None, description: str = "", currency: str = "VND") -> Fee:
    """One fee of a channel.

    A zero amount is free only when the wording says so (or says nothing): the portal also writes 0
    (shown as "Miễn phí") when the amount is left to the province ("Mức lệ phí cụ thể do Hội đồng nhân
    dân tỉnh ... quyết định"), and then the amount is unknown, not zero. An amount in another currency
    (USD) is no VND amount: it stays in the description. So does an amount under SMALLEST_FEE_VND: the
    portal sometimes publishes thousands ("20" for "20.000 vnđ /tờ khai") or dollars ("155" for "155
    USD/thẻ") as VND, and which one it meant is not for us to guess.
    """
    description = clean(description)
    if currency.upper() not in ("VND", "VNĐ", "VIỆT NAM ĐỒNG"):
        if amount is not None and currency.upper() not in description.upper():
            description = clean(f"{amount} {currency.upper()} {description}")
        return Fee(kind=FeeKind.FEE, amount_vnd=None, description=description)
    if amount is None or amount < 0 or 0 < amount < SMALLEST_FEE_VND:
        return Fee(kind=FeeKind.FEE, amount_vnd=None, description=description)
    if amount > 0:
        return Fee(kind=FeeKind.FEE, amount_vnd=amount, description=description)
    if not description or _FREE_WORDING.match(fold(description)):
        return Fee(kind=FeeKind.FREE, amount_vnd=0, description=description)
    return Fee(kind=FeeKind.FEE, amount_vnd=None, description=description)


# Longest first: "Ngày làm việc" before "Ngày".
TIME_UNIT_WORDS: dict[str, TimeUnit] = {
    "ngày làm việc": TimeUnit.WORKING_DAY,
    "ngày": TimeUnit.DAY,
    "giờ": TimeUnit.HOUR,
    "tháng": TimeUnit.MONTH,
    "năm": TimeUnit.YEAR,
}

TIME_UNIT_CODES: dict[str, TimeUnit] = {
    "WORKING_DAY": TimeUnit.WORKING_DAY,
    "DAY": TimeUnit.DAY,
    "HOUR": TimeUnit.HOUR,
    "MONTH": TimeUnit.MONTH,
    "YEAR": TimeUnit.YEAR,
}

# A form code in a template file name or after "mẫu" in a document name: TK01, TK01a, CT01, DC02,
# M01a, NA5, TP-CC-07, TP-TSCC-01b, 14-HSB, 01B-HSB. A lower-case suffix letter counts only when no
# other letter follows it (file names are often flattened: "MuCT01banhnhkm" holds CT01, not CT01b).
_FORM_CODE = re.compile(
    r"(?<![A-ZĐ0-9])"
    r"(TP-[A-Z]{2,5}-\d{1,3}(?:[a-z](?![a-z]))?|\d{2}[A-Z]?-[A-Z]{2,5}\b|[A-ZĐ]{1,4}\d{1,3}(?:[a-z](?![a-z]))?)"
    r"(?![0-9]|\.\d)"
)
# Prefixes that name laws, decrees, articles or procedure codes, not forms (TT05, ND67, G17, D76).
_NOT_FORM_PREFIXES = ("TT", "ND", "NĐ", "QH", "G", "D", "K", "BXD")
_AFTER_MAU = re.compile(r"\bm[ẫa]u\s+(?:số\s+)?", re.IGNORECASE)


def form_codes_in(text: str) -> list[str]:
    """Every form code in a text, in order, once each."""
    found = []
    for match in _FORM_CODE.finditer(clean(text)):
        code = match.group(1)
        letters = re.match(r"[A-ZĐ]*", code).group()
        if letters in _NOT_FORM_PREFIXES and code[len(letters) :][:1].isdigit():
            continue
        if code not in found:
            found.append(code)
    return found


def form_code(file_name: str, document_name: str = "") -> str | None:
    """The code of a form template: from its file name, else the one form the document name cites.

    None when neither names exactly one code (a document naming "mẫu TK01 ... mẫu TK01a" does not say
    which of the two a code-less file is).
    """
    in_file = form_codes_in(file_name)
    if in_file:
        return in_file[0]
    cited = [
        c for m in _AFTER_MAU.finditer(document_name) for c in form_codes_in(document_name[m.end() :])[:1]
    ]
    cited = list(dict.fromkeys(cited))
    return cited[0] if len(cited) == 1 else None


def split_list(text: str | None) -> tuple[str, ...]:
    """A comma-separated list of names, keeping commas inside parentheses ("Tổ chức (không bao gồm
    doanh nghiệp, HTX)")."""
    text = text_or_empty(text)
    items, depth, current = [], 0, []
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == "," and depth <= 0:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return tuple(dict.fromkeys(c for item in items if (c := clean(item))))


_STEP_MARK = re.compile(r"(?=(?<![^\s.;:])Bước\s*\d+\s*[:.)-])", re.IGNORECASE)


def split_steps(text: str | None) -> tuple[str, ...]:
    """Ordered steps: at each "Bước N:" when the text numbers its steps, else one step a line.

    A step keeps its own sub-lines ("+ ...", "* ...") on separate lines.
    """
    if not text_or_empty(text):
        return ()
    raw = nfc(text or "").replace("\r\n", "\n").replace("\r", "\n")
    parts = _STEP_MARK.split(raw) if _STEP_MARK.search(raw) else raw.split("\n")
    steps = ("\n".join(line for line in map(clean, part.split("\n")) if line) for part in parts)
    return tuple(step for step in steps if step)
