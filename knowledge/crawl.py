"""Parser of the crawl (``crawl-2026/procedures.jsonl``): structure back from flattened page tables.

The portal's HTML tables were flattened with no cell separator, so each parser here knows the shape of
one table: the header it starts with, how a row starts or ends, and the words a cell is made of. What
cannot be recovered with certainty stays unknown (None); a number is never guessed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from knowledge.schema import (
    Agencies,
    Channel,
    Fee,
    FormTemplate,
    LegalBasis,
    Procedure,
    ProcessingTime,
    Provenance,
    RequiredDocument,
    Source,
    SubmissionChannel,
)
from knowledge.text import clean, nfc
from knowledge.values import (
    MINISTRIES,
    NO_INFORMATION,
    TIME_UNIT_WORDS,
    VI_UPPER,
    MalformedRecord,
    fee,
    form_code,
    scrub,
    split_list,
    split_steps,
    text_or_empty,
)

# --- submission channels: "Hình thức nộpThời gianPhí, lệ phíMô tả" then rows ---------------------

CHANNEL_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
CHANNEL_WORDS = {
    "Trực tiếp": Channel.DIRECT,
    "Trực tuyến": Channel.ONLINE,
    "Dịch vụ bưu chính": Channel.POSTAL,
}
_UNIT_PATTERN = "|".join(re.escape(w) for w in TIME_UNIT_WORDS)  # longest first
# A row starts with a channel name glued to its time cell: a number, "Không có thông tin", a free fee
# (the time left empty), or, right after the header or glued to the previous row, a time in words
# ("Trực tuyếnKhông phải trả kết quả ...Miễn phí").
_CHANNEL_NAMES = "|".join(map(re.escape, CHANNEL_WORDS))
_ROW_START = re.compile(
    rf"({_CHANNEL_NAMES})(?=\d|{re.escape(NO_INFORMATION)}|Miễn phí)|(?:^|(?<=\S))({_CHANNEL_NAMES})(?=Không|[A-ZĐ])"
)
_TIME_WITH_UNIT = re.compile(rf"(\d+(?:[.,]\d+)?)\s*({_UNIT_PATTERN})", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_CURRENCY = r"\s*(Việt Nam Đồng|VNĐ|VND|Đồng|đồng|USD)"
_AMOUNT = re.compile(rf"(\d{{1,3}}(?:[.,]\d{{3}})+|\d+){_CURRENCY}")
# A time whose unit was lost runs into the amount that follows: "Trực tuyến1100 VNĐ" is 1 + 100 VNĐ.
_GLUED_TIME_AND_AMOUNT = re.compile(rf"(\d[\d.,]*){_CURRENCY}")
_WELL_FORMED_AMOUNT = re.compile(r"[1-9]\d{0,2}(?:([.,])\d{3}(?:\1\d{3})*)?|[1-9]\d*")
_FREE = re.compile(r"Miễn phí|Không thu(?: phí)?")
# A time in words runs until the fee cell that follows it.
_FEE_START = re.compile(rf"Miễn phí|{re.escape(NO_INFORMATION)}|\d[\d.,]*{_CURRENCY}")
_LONGEST_TIME_TEXT = 300


def parse_channels(text: str | None) -> tuple[SubmissionChannel, ...]:
    """The submission table: one SubmissionChannel per row, in page order."""
    return tuple(_channel_row(channel, cells) for channel, cells in channel_rows(text))


def channel_rows(text: str | None) -> list[tuple[Channel, str]]:
    """The submission table's rows: (channel, the row's cells after the channel name, unsplit)."""
    body = nfc(text or "").strip()
    if body.startswith(CHANNEL_HEADER):
        body = body[len(CHANNEL_HEADER) :]
    starts = list(_ROW_START.finditer(body))
    ends = [m.start() for m in starts[1:]] + [len(body)]
    return [
        (CHANNEL_WORDS[start.group(1) or start.group(2)], body[start.end() : end])
        for start, end in zip(starts, ends, strict=False)
    ]


def _channel_row(channel: Channel, cells: str) -> SubmissionChannel:
    time, cells = _time_cell(cells)
    fees, cells = _fee_cells(cells)
    return SubmissionChannel(channel=channel, time=time, fees=fees, description=text_or_empty(cells))


def _time_cell(cells: str) -> tuple[ProcessingTime, str]:
    """The time at the start of a row: a number and its unit, a number alone (unit lost), or
    "Không có thông tin"; the rest of the cells follows."""
    if cells.startswith(NO_INFORMATION):
        return ProcessingTime(), cells[len(NO_INFORMATION) :]
    if match := _TIME_WITH_UNIT.match(cells):
        unit = TIME_UNIT_WORDS[match.group(2).lower()]
        return ProcessingTime(value=_number(match.group(1)), unit=unit), cells[match.end() :]
    if match := _GLUED_TIME_AND_AMOUNT.match(cells):
        description, _ = _parenthesized(cells[match.end() :].lstrip())
        split = split_time_and_amount(match.group(1), description)
        if split is None:  # ambiguous: neither number is known
            return ProcessingTime(), f"{NO_INFORMATION}{match.group(2)}{cells[match.end() :]}"
        time, amount = split
        return ProcessingTime(value=_number(time)), f"{amount} {match.group(2)}{cells[match.end() :]}"
    if match := _BARE_NUMBER.match(cells):
        return ProcessingTime(value=_number(match.group())), cells[match.end() :]
    if fee_cell := _FEE_START.search(cells, 0, _LONGEST_TIME_TEXT):
        return ProcessingTime(text=clean(cells[: fee_cell.start()])), cells[fee_cell.start() :]
    return ProcessingTime(), cells


def split_time_and_amount(digits: str, fee_description: str) -> tuple[str, str] | None:
    """Cut "1100" into a time (1 to 3 digits) and a well-formed amount ("1" + "100").

    When more than one cut is well formed ("125": 1 + 25 or 12 + 5), the amount that the fee's
    description mentions decides; without such evidence the cut is unknown (None), never guessed.
    """
    cuts = [
        (digits[:i], digits[i:])
        for i in range(1, min(3, len(digits) - 1) + 1)
        if digits[i - 1].isdigit() and digits[0] != "0" and _WELL_FORMED_AMOUNT.fullmatch(digits[i:])
    ]
    if len(cuts) <= 1:
        return cuts[0] if cuts else None
    mentioned = {int(re.sub(r"[.,]", "", n)) for n in re.findall(r"\d[\d.,]*\d|\d", fee_description)}
    evidenced = [c for c in cuts if {_amount(c[1]), _amount(c[1]) * 1000} & mentioned]
    return evidenced[0] if len(evidenced) == 1 else None


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _amount(text: str) -> int:
    return int(re.sub(r"[.,]", "", text))


def _fee_cells(cells: str) -> tuple[tuple[Fee, ...], str]:
    """Fees at the start of the cells: an amount or "Miễn phí", each with its description in
    parentheses; the rest is the channel's description."""
    fees: list[Fee] = []
    while True:
        cells = cells.lstrip()
        currency = "VND"
        if match := _AMOUNT.match(cells):
            amount: int | None = _amount(match.group(1))
            currency = "USD" if match.group(2) == "USD" else "VND"
        elif match := _FREE.match(cells):
            amount = 0
        elif match := re.match(rf"{re.escape(NO_INFORMATION)}{_CURRENCY}", cells):
            amount = None  # an amount was shown but cannot be read (see _time_cell)
        elif cells.startswith(NO_INFORMATION):
            cells = cells[len(NO_INFORMATION) :]
            break
        else:
            break
        description, cells = _parenthesized(cells[match.end() :].lstrip())
        fees.append(fee(amount, description, currency))
    return tuple(fees), cells


def _parenthesized(text: str) -> tuple[str, str]:
    """Split "(…(…)…)rest" into the inside of its balanced parentheses and the rest."""
    if not text.startswith("("):
        return "", text
    depth = 0
    for i, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth == 0:
            return text[1:i], text[i + 1 :]
    return text[1:], ""


# --- required documents: case headers, then rows ending with counts -------------------------------

DOCUMENT_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
# The counts cell ends a row: "1 bản chính" or "1 bản chính,1 bản sao". Counts are single digits (0
# to 3 in every structured record), so digits before one belong to the name ("năm 2026" + "1 bản
# chính" reads "20261 bản chính"). The same words inside a name go on in lower case after a space
# ("nộp 01 bản chính để đối chiếu") or after punctuation ("giấy phép: 01 bản chính;1 bản chính",
# "01 bản chính; bản fax"), and end no row; a next row may start with punctuation and a bullet
# (".+ Đề án", ";- Văn bản").
_COUNT = re.compile(r"(\d) ?bản chính(?:\s*,\s*(\d) ?bản sao)?")
_AFTER_COUNT = re.compile(r"(\s*)([;.,:]?)\s*(\S)")
_EXTENSION = r"\.(?i:docx?|xlsx?|pdf|odt|rtf|rar|zip)"
_FILE_END = re.compile(rf"{_EXTENSION}(?![a-z])")


# Words a template file name often starts with, glued even to a capital ("TT-BTPMẫu TP-CC-08.docx")
# or to a lower-case letter ("theo mẫumaudondenghi.doc", "NĐ-CPMau38.docx").
_FILE_STARTERS = re.compile(r"(?<=[\w.;:)\]])(?=[Mm]ẫu|[Mm]au|Phụ lục|Phu luc|PHỤ LỤC|Tờ khai|To khai)")
# File names are short: the start is looked for this far before the first extension only.
_LONGEST_FILE_NAME = 120
_LIST_MARKER = re.compile(r"(?:^|[\s(])\(?(?:[a-zđ]|[ivx]+|\d{1,2})\)$")


def _file_name_start(cell: str, before: int) -> int | None:
    """Where the template file names glued after a document name start (before index ``before``).

    Signs, strongest first: a word that starts file names glued to the name; closing punctuation
    glued to the next word ("ký tên.m01a.pdf"), not a decimal ("20.033") nor a list marker
    ("(d)Danh mục"); a lower-case letter glued to a capital or a digit ("sinh họcDu án.docx"), which
    also occurs inside flattened file names ("MuCT01banh"). The first position of the strongest sign
    found wins.
    """
    window = range(max(1, before - _LONGEST_FILE_NAME), before)
    starters = [m.start() for m in _FILE_STARTERS.finditer(cell, window.start, before)]
    punctuation = (
        i
        for i in window
        if cell[i - 1] in ".;:)]"
        and cell[i].isalnum()
        and not (cell[i - 1] == "." and cell[i - 2 : i - 1].isdigit() and cell[i].isdigit())
        and not _LIST_MARKER.search(cell, max(0, i - 6), i)
    )
    case_change = (i for i in window if cell[i - 1].islower() and (cell[i].isupper() or cell[i].isdigit()))
    return starters[0] if starters else next(punctuation, None) or next(case_change, None)


def parse_documents(text: str | None) -> tuple[RequiredDocument, ...]:
    """The documents table, per case: each row is a name, inline template file names, and counts."""
    body = nfc(text or "")
    blocks = body.split(DOCUMENT_HEADER)
    documents: list[RequiredDocument] = []
    case = _case_name(blocks[0])
    for block in blocks[1:]:
        rows, tail = _document_rows(block)
        documents.extend(RequiredDocument(**row, case=case) for row in rows)
        case = _case_name(tail)
    return tuple(documents)


def _case_name(text: str) -> str:
    return clean(text).strip("-: ").strip()


def _document_rows(block: str) -> tuple[list[dict[str, Any]], str]:
    rows, position = [], 0
    for count in _COUNT.finditer(block):
        if _inside_a_name(_AFTER_COUNT.match(block, count.end())):
            continue
        name, forms = _name_and_forms(block[position : count.start()])
        position = count.end()
        if name:
            originals, copies = int(count.group(1)), int(count.group(2) or 0)
            rows.append({"name": name, "originals": originals, "copies": copies, "forms": forms})
    return rows, block[position:]


def _inside_a_name(after: re.Match | None) -> bool:
    """Do the words after a count go on with the same sentence (lower case after a space or
    punctuation, or a digit after punctuation) rather than start the next row?"""
    if after is None:
        return False
    space, punctuation, next_char = after.groups()
    return (next_char.islower() and bool(space or punctuation)) or (next_char.isdigit() and bool(punctuation))


def _name_and_forms(cell: str) -> tuple[str, tuple[FormTemplate, ...]]:
    """Split a document cell into its name and the template file names glued after it."""
    cell = cell.strip()
    if not _FILE_END.search(cell):
        return clean(cell), ()
    start = _file_name_start(cell, _FILE_END.search(cell).start())
    if start is None:
        return clean(cell), ()
    name, files = clean(cell[:start]), cell[start:]
    ends = [m.end() for m in _FILE_END.finditer(files)]
    file_names = [clean(files[a:b]) for a, b in zip([0, *ends], ends, strict=False) if clean(files[a:b])]
    return name, tuple(FormTemplate(code=form_code(f, name), file_name=f) for f in file_names)


# --- legal basis: "Tên văn bản pháp lýMã văn bản" then title, code, title, code ... -------------

LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"
# A document code: number/year/kind ("25/2021/TT-BTC") or number/kind ("5568/QĐ-BCA"), closing an
# entry. The next title or the end follows it directly: a word titles start with, in any case
# ("TT-BTCThông tư", "NĐ-CPLUẬT", "NĐ-CPquy định"), or an all-capital word after a code ending in
# digits ("QH15QUY ĐỊNH"). A code cited inside a title is followed by a space, punctuation or other
# words instead ("53/2025/TT-BCAngày 01/7/2025").
_TITLE_WORDS = (
    "nghị|thông|luật|bộ luật|quy|sửa|thực|hướng|về|ban|quyết|pháp|hiến|văn bản|công văn|chỉ thị|lệnh|"
    "kế hoạch|thí|đính|sắc|điều|danh|v/v|vv"
)
_TITLE_START = rf"$|(?i:{_TITLE_WORDS})|(?<=\d)[{VI_UPPER}]{{2,}}\s"
_LEGAL_CODE = re.compile(
    rf"(\d+)/(?:(\d{{4}})/)?((?:[A-ZĐ]+(?:\d+|g)?)(?:-[A-ZĐ]+(?:\d+|g)?)*)(?={_TITLE_START})"
)


def parse_legal_basis(text: str | None) -> tuple[LegalBasis, ...]:
    body = clean(text)
    if body.startswith(LEGAL_HEADER):
        body = body[len(LEGAL_HEADER) :]
    entries: list[LegalBasis] = []
    position = 0
    for match in _LEGAL_CODE.finditer(body):
        title, number = body[position : match.start()], match.group(1)
        number, title = _split_glued_number(title, number, match.group(2))
        code = (
            f"{number}/{match.group(2)}/{match.group(3)}" if match.group(2) else f"{number}/{match.group(3)}"
        )
        entries.append(LegalBasis(code=code, title=clean(title)))
        position = match.end()
    return tuple(entries)


def _split_glued_number(title: str, number: str, year: str | None) -> tuple[str, str]:
    """The code's number is glued to the digits that may end its title ("sửa đổi 2023" + "23/2023/QH15"
    reads "202323/2023/QH15"). Prefer a cut that leaves the title ending in a year or citing the code."""
    title = title + number
    digits = re.search(r"\d+$", title).group()
    candidates = [digits[i:] for i in range(len(digits))]  # longest first; "08/2025" keeps its zero
    head = title[: len(title) - len(digits)]
    for candidate in candidates:
        rest = digits[: len(digits) - len(candidate)]
        cited = year and f"{candidate}/{year}" in head
        if cited or re.fullmatch(r"(?:19|20)\d\d", rest):
            return candidate, head + rest
    return digits, head


# --- result: the page boilerplate starts at the first "Mã: KQ..." or "Từ khóa" -----------------

_RESULT_CODE = re.compile(r"Mã: ?(?:[A-Z0-9]+[.-])*[A-Z]*\d+")  # "KQ.G01.000083", "000.00.00.G01-KQ0001"
_RESULT_END = "Từ khóa"


def parse_results(text: str | None) -> tuple[str, ...]:
    body = clean(text)
    body = body.split(_RESULT_END, 1)[0]
    results = (text_or_empty(part) for part in _RESULT_CODE.split(body))
    return tuple(dict.fromkeys(r for r in results if r))


# --- the record ---------------------------------------------------------------------------------


def iter_crawl_records(path: Path) -> Iterator[tuple[int, dict | MalformedRecord]]:
    """(line number, the decoded record, or why the line cannot be decoded) for each non-blank line."""
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8").strip())
            except UnicodeDecodeError as exc:
                yield number, MalformedRecord(f"not UTF-8: {exc.reason} at byte {exc.start}")
            except json.JSONDecodeError as exc:
                yield number, MalformedRecord(f"invalid JSON: {exc.msg} at character {exc.pos}")
            else:
                yield number, record


PARSED_FIELDS = ("channels", "documents", "legal_basis", "results", "steps", "levels", "applicants")


def procedure_from_crawl(record: Any) -> Procedure:
    """Map one crawl record onto the normalized model; raise MalformedRecord with a reason."""
    record = scrub(record)
    if not isinstance(record, dict):
        raise MalformedRecord("line is not a JSON object")
    code, name = (
        clean(v) if isinstance(v, str) else "" for v in (record.get("ma_thu_tuc"), record.get("ten_thu_tuc"))
    )
    if not code or not name:
        raise MalformedRecord("missing ma_thu_tuc or ten_thu_tuc")
    try:
        values = {
            "levels": split_list(record.get("cap_thuc_hien")),
            "field": text_or_empty(record.get("linh_vuc")),
            "ministry": MINISTRIES.get(clean(record.get("_bo_nganh")), ""),
            "applicants": split_list(record.get("doi_tuong_thuc_hien")),
            "agencies": Agencies(
                executing=split_list(record.get("co_quan_thuc_hien")),
                authority=split_list(record.get("co_quan_co_tham_quyen")),
                receiving_address=text_or_empty(record.get("dia_chi_tiep_nhan")),
                coordinating=split_list(record.get("co_quan_phoi_hop")),
            ),
            "channels": parse_channels(record.get("cach_thuc_thuc_hien")),
            "documents": parse_documents(record.get("thanh_phan_ho_so")),
            "steps": split_steps(record.get("trinh_tu_thuc_hien")),
            "conditions": text_or_empty(record.get("yeu_cau_dieu_kien")),
            "results": parse_results(record.get("ket_qua_xu_ly")),
            "legal_basis": parse_legal_basis(record.get("can_cu_phap_ly")),
            "url": clean(record.get("detail_url")),
        }
    except (TypeError, AttributeError) as exc:
        raise MalformedRecord(f"unexpected structure: {exc}") from exc
    parsed = tuple(f for f in PARSED_FIELDS if values[f])
    given = tuple(f for f, v in values.items() if v and f not in PARSED_FIELDS)
    try:
        return Procedure(
            code=code,
            name=name,
            **values,
            provenance=Provenance(
                source=Source.CRAWL,
                fetched_url=values["url"],
                parsed_fields=parsed,
                given_fields=("code", "name", *given),
            ),
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise MalformedRecord(f"invalid value at {where or 'record'}: {first['msg']}") from exc
