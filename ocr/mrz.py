"""Machine-readable zones (ICAO 9303): check digits, and reading TD1 (cards) and TD3 (passports)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date as _date_cls

from knowledge.text import edit_distance, fold

_WEIGHTS = (7, 3, 1)


def _char_value(char: str) -> int:
    if char.isdigit():
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    if char == "<":
        return 0
    raise ValueError(f"not an MRZ character: {char!r}")


def check_digit(field: str) -> int:
    """The ICAO 9303 check digit of ``field``: values weighted 7, 3, 1 repeating, summed modulo 10."""
    return sum(_char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field)) % 10


# OCR confusions, repaired by what a position must hold.
_TO_DIGIT = str.maketrans("OQDUIL|SBZGTA", "0000111582674")
_TO_LETTER = str.maketrans("0125864", "OIZSBGA")
_TO_SEX = str.maketrans("HNWEP", "MMMFF")
VIETNAM = "VNM"


@dataclass
class Mrz:
    """The fields of a TD1 or TD3 machine-readable zone, with the result of every check digit."""

    kind: str  # "TD1" | "TD3"
    lines: list[str]
    document_code: str
    issuer: str
    document_number: str
    birth_date: str | None  # ISO; century resolved by ``birth_century`` or as a past date
    sex: str | None  # "M" | "F" | None
    expiry_date: str | None  # ISO; None for "991231" (no expiry) or unreadable
    no_expiry: bool
    nationality: str
    surname: str
    given_names: str
    optional: str
    checks: dict[str, bool] = field(default_factory=dict)
    raw: list[str] = field(default_factory=list)  # the lines as OCR read them
    repaired: bool = False  # a data line had a character added or removed to pass its checks

    @property
    def valid(self) -> bool:
        return bool(self.checks) and all(self.checks.values())

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.given_names) if part)

    @property
    def id_number(self) -> str | None:
        """The 12-digit personal ID of a Vietnamese card: the digits after the 9-digit document number."""
        candidate = self.optional[:12]
        if self.kind == "TD1" and candidate.isdigit() and candidate.endswith(self.document_number):
            return candidate
        return None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _digits(text: str) -> str:
    return text.translate(_TO_DIGIT)


def _letters(text: str) -> str:
    return text.translate(_TO_LETTER)


def _alnum_with_check(text: str, check: str) -> tuple[str, bool]:
    """Repair an alphanumeric field against its check digit, trying each confusable character both ways."""
    check = _digits(check)
    if check.isdigit() and _valid_chars(text) and check_digit(text) == int(check):
        return text, True
    if not check.isdigit():
        return text, False
    for i, char in enumerate(text):
        for swap in {char.translate(_TO_DIGIT), char.translate(_TO_LETTER)} - {char}:
            candidate = text[:i] + swap + text[i + 1 :]
            if _valid_chars(candidate) and check_digit(candidate) == int(check):
                return candidate, True
    return text, False


def _well_formed(number: str) -> bool:
    """A document number is left-aligned and only padded with fillers: a filler before a character
    is a misreading that its check digit let through (1 in 10 do)."""
    return re.fullmatch(r"[A-Z0-9]+<*", number) is not None


def _valid_chars(text: str) -> bool:
    return all(c.isdigit() or "A" <= c <= "Z" or c == "<" for c in text)


def _check(field_text: str, check: str) -> bool:
    return check.isdigit() and _valid_chars(field_text) and check_digit(field_text) == int(check)


def _date(yymmdd: str, past: bool, century: int | None = None) -> str | None:
    if not yymmdd.isdigit():
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    if century is None:
        this_year = _date_cls.today().year
        century = 2000 if not past or 2000 + yy <= this_year else 1900
    try:
        return _date_cls(century + yy, mm, dd).isoformat()
    except ValueError:
        return None


def _birth_year_from_id(line: str, at: int, id_number: str, id_checked: bool) -> str:
    """``line`` with the birth date at ``at`` given the year a checked 12-digit Vietnamese ID carries
    (its 5th-6th digits), when the date's check digit fails as read and passes so."""
    birth, check = line[at : at + 6], line[at + 6]
    candidate = id_number[4:6] + birth[2:]
    if id_checked and not _check(birth, check) and _check(candidate, check):
        return line[:at] + candidate + line[at + 6 :]
    return line


def _country(code: str) -> str:
    """A country code as read, or ``VNM`` when the reading is one letter off it: no other ICAO code
    is within one substitution of ``VNM``, and every document read here is Vietnamese-issued."""
    code = _letters(code)
    return VIETNAM if sum(a != b for a, b in zip(code, VIETNAM, strict=True)) == 1 else code


def _sex_from(char: str, id_number: str | None) -> str:
    """The sex field: M, F or ``<``; a look-alike (H or N for M, E or P for F) is read as the letter
    it resembles, and any other character by the 4th digit (sex and century) of a checked 12-digit
    Vietnamese ID, when there is one (the sex field has no check digit of its own)."""
    char = char.translate(_TO_SEX)
    if char in "MF<":
        return char
    if id_number:
        return "MF"[int(id_number[3]) % 2]
    return char


def _names_text(text: str) -> str:
    """A name field as letters: an ``O`` read twice (``O0``, the second as a digit) is one ``O``."""
    return _letters(re.sub(r"O0|0O", "O", text))


def _name(text: str) -> tuple[str, str]:
    # The name ends at the filler run; specks after it are noise.
    text = re.split(r"<{3,}", _names_text(text))[0]
    surname, _, given = text.partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()


def _name_line(text: str, size: int) -> str:
    """A name field with everything after the name's end (a run of 3+ fillers) made filler again."""
    return re.split(r"<{3,}", _names_text(text))[0].ljust(size, "<")[:size]


def _sex(char: str) -> str | None:
    return char if char in "MF" else None


def parse_td1(lines: Sequence[str], birth_century: int | None = None) -> Mrz:
    """Parse a 3 x 30 TD1 zone (ID cards). ``birth_century`` (e.g. from a Vietnamese ID's 4th digit)
    decides the birth year's century when known."""
    l1, l2, l3 = (line.ljust(30, "<")[:30] for line in lines)
    issuer = _country(l1[2:5])
    l1 = ("ID" if issuer == VIETNAM else _letters(l1[0:2])) + issuer + l1[5:]  # Vietnamese cards: "IDVNM"
    optional = l1[15:30]
    number = l1[5:14]
    if _digits(optional[:12]).isdigit():  # Vietnamese cards: 9 digits, check, 12-digit ID, "<<", check
        optional = _digits(optional[:12]) + optional[12:14].replace("K", "<") + _digits(optional[14])
        number = _digits(number)
    number, number_ok = _alnum_with_check(number, l1[14])
    l1 = l1[:5] + number + _digits(l1[14]) + optional
    optional_2 = "<" * 11 if issuer == VIETNAM else l2[18:29]  # empty on Vietnamese cards
    l2 = _digits(l2[:7]) + l2[7] + _digits(l2[8:15]) + _country(l2[15:18]) + optional_2 + _digits(l2[29])
    id_checked = optional[:12].isdigit() and optional[14].isdigit() and _check(optional[:12], optional[14])
    if optional[:12].isdigit() and optional[14].isdigit():
        l2 = _birth_year_from_id(l2, 0, optional[:12], id_checked)
    l2 = l2[:7] + _sex_from(l2[7], optional[:12] if id_checked else None) + l2[8:]
    checks = {
        "document_number": number_ok and _well_formed(number),
        "birth_date": _check(l2[0:6], l2[6]),
        "expiry_date": _check(l2[8:14], l2[14]),
    }
    if issuer == VIETNAM:  # the 12-digit ID, ending with the document number, and its check digit
        checks["id_number"] = id_checked and optional[:12].endswith(number)
    elif optional[:12].isdigit() and optional[14].isdigit():
        checks["id_number"] = _check(optional[:12], optional[14])
    composite_text = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    if l2[29] == "<" and all(checks.values()) and _valid_chars(composite_text):
        # OCR often swallows the last digit into the filler run; every field it covers checked out.
        l2 = l2[:29] + str(check_digit(composite_text))
    checks["composite"] = _check(composite_text, l2[29])
    surname, given = _name(l3)
    return Mrz(
        kind="TD1",
        lines=[l1, l2, _name_line(l3, 30)],
        document_code=l1[0:2].rstrip("<"),
        issuer=l1[2:5],
        document_number=number.rstrip("<"),
        birth_date=_date(l2[0:6], past=True, century=birth_century),
        sex=_sex(l2[7]),
        expiry_date=None if l2[8:14] == "991231" else _date(l2[8:14], past=False),
        no_expiry=l2[8:14] == "991231",
        nationality=l2[15:18],
        surname=surname,
        given_names=given,
        optional=optional,
        checks=checks,
    )


def parse_td3(lines: Sequence[str], birth_century: int | None = None) -> Mrz:
    """Parse a 2 x 44 TD3 zone (passports)."""
    l1, l2 = (line.ljust(44, "<")[:44] for line in lines)
    l1 = _letters(l1[:5]) + l1[5:]
    issuer = _country(l2[10:13])  # a national passport's issuer is the holder's nationality
    if l1[2:5] != issuer and issuer.isalpha():
        if _country(l1[2:5]) == issuer:
            l1 = l1[:2] + issuer + l1[5:]  # a letter misread (the most common slip)
        elif any(l1[2:4] == issuer[:k] + issuer[k + 1 :] for k in range(3)):
            l1 = (l1[:2] + issuer + l1[4:])[:44]  # a letter of the issuer dropped
        elif any(l1[2:6][:k] + l1[2:6][k + 1 :] == issuer for k in range(4)):
            l1 = (l1[:2] + issuer + l1[6:]).ljust(44, "<")  # a speck read as a letter
    if issuer == VIETNAM:
        l1 = "P<" + l1[2:]  # Vietnamese passports' code: "P" and a filler
    number, number_ok = _alnum_with_check(l2[0:9], l2[9])
    l2 = (
        number + _digits(l2[9]) + issuer + _digits(l2[13:20]) + l2[20]
        + _digits(l2[21:28]) + l2[28:42] + _digits(l2[42:44])
    )  # fmt: skip
    personal = l2[28:42]
    personal_checked = personal[:12].isdigit() and _check(personal, l2[42])
    if personal[:12].isdigit():
        l2 = _birth_year_from_id(l2, 13, personal[:12], personal_checked)
    l2 = l2[:20] + _sex_from(l2[20], personal[:12] if personal_checked else None) + l2[21:]
    checks = {
        "document_number": number_ok and _well_formed(number),
        "birth_date": _check(l2[13:19], l2[19]),
        "expiry_date": _check(l2[21:27], l2[27]),
        "composite": _check(l2[0:10] + l2[13:20] + l2[21:43], l2[43]),
    }
    if personal.strip("<"):
        checks["personal_number"] = _check(personal, l2[42])
    surname, given = _name(l1[5:])
    return Mrz(
        kind="TD3",
        lines=[l1[:5] + _name_line(l1[5:], 39), l2],
        document_code=l1[0:2].rstrip("<"),
        issuer=l1[2:5],
        document_number=number.rstrip("<"),
        birth_date=_date(l2[13:19], past=True, century=birth_century),
        sex=_sex(l2[20]),
        expiry_date=_date(l2[21:27], past=False),
        no_expiry=False,
        nationality=l2[10:13],
        surname=surname,
        given_names=given,
        optional=personal,
        checks=checks,
    )


def with_name(found: Mrz, full_name: str) -> Mrz:
    """``found`` with its name spelled as ``full_name`` (a name known with marks: the QR's) where
    the two differ by at most two letters (changed, added or dropped): OCR slips in the one line no
    check digit protects."""
    surname, *given = fold(full_name).upper().split()
    name = (surname + "<<" + "<".join(given)) if given else surname
    index, start = (2, 0) if found.kind == "TD1" else (0, 5)
    line = found.lines[index]
    size = len(line) - start
    if len(name) > size or not _valid_chars(name):
        return found
    spelled = line[:start] + name.ljust(size, "<")
    if spelled == line or edit_distance(spelled.rstrip("<"), line.rstrip("<")) > 2:
        return found
    lines = [spelled if i == index else text for i, text in enumerate(found.lines)]
    return replace(found, lines=lines, surname=surname, given_names=" ".join(given))


FILLER_LOOKALIKES = "CKSE"  # letters Tesseract reads for a "<" of a name line


def with_fillers(found: Mrz, is_word: Callable[[str, bool], bool]) -> Mrz:
    """``found`` with a filler read as a letter inside its name made a filler again: a word that is
    no word (``is_word(word, first)``, first: the surname) but would be two, or one and a stray
    letter at its end ("XUANKLAM", "TUANK"), at exactly one look-alike letter. Names are words and
    fillers separate them; the name line has no check digit to decide."""
    words = found.full_name.split()
    fixed = []
    for index, word in enumerate(words):
        first = index == 0
        splits = [
            (word[:i], word[i + 1 :])
            for i, char in enumerate(word)
            if char in FILLER_LOOKALIKES
            and is_word(word[:i], first)
            and (i == len(word) - 1 or is_word(word[i + 1 :], False))
        ]
        fixed += (
            [part for part in splits[0] if part] if len(splits) == 1 and not is_word(word, first) else [word]
        )
    return with_name(found, " ".join(fixed)) if fixed != words else found


def fit(line: str, size: int) -> str:
    """Bring an OCR'd line to ``size`` characters: Tesseract drops or adds ``<`` in long filler runs,
    so the longest run absorbs the difference; a line without fillers is padded or cut at the end."""
    if len(line) == size:
        return line
    runs = [(m.end() - m.start(), m.start(), m.end()) for m in re.finditer(r"<+", line)]
    if not runs:
        return line.ljust(size, "<")[:size]
    length, start, end = max(runs)
    new_length = max(length + size - len(line), 0)
    fitted = line[:start] + "<" * new_length + line[end:]
    return fitted.ljust(size, "<")[:size]


def parse(
    lines: Sequence[str],
    birth_century: int | None = None,
    printed_number: str | None = None,
    printed_personal: str | None = None,
) -> Mrz | None:
    """Parse MRZ lines read by OCR, choosing TD3 (2 x 44) or TD1 (3 x 30) by the lines' shape.

    OCR may drop filler ``<`` (most often at the end of the name line), so lines are first fitted to
    their size: TD3 is a line starting "P" followed by a long (36+) line; TD1 a line starting with a
    document code ("I", "A", "C") and a second line of 18+ characters (the data before the fillers).
    ``printed_number`` and ``printed_personal``, a passport's number and personal number (the ID) as
    printed on its data page, are tried in place of those MRZ fields (OCR drops the first character
    of the line most often); the composite check digit decides. A card's ``printed_personal`` (the
    ID its QR carries) rebuilds its first line."""
    cleaned = [line for line in (clean_line(line) for line in lines) if len(line) >= 5]
    for i in range(len(cleaned) - 1):
        first, second = cleaned[i], cleaned[i + 1]
        if _letters(first[:1]) == "P" and len(first) >= 10 and 36 <= len(second) <= 50:
            fixed, repaired = _repair([first, second], 44, parse_td3, (printed_number, printed_personal))
            return _finish(parse_td3, fixed, birth_century, [first, second], repaired)
    for i in range(len(cleaned) - 1):
        first, second = cleaned[i], cleaned[i + 1]
        if (
            (_letters(first[:1]) in ("I", "A", "C") or first[2:5].isalpha())
            and 20 <= len(first) <= 36
            and 18 <= len(second) <= 36
        ):
            name = cleaned[i + 2] if i + 2 < len(cleaned) else ""
            fixed, repaired = _repair([first, second, name], 30, parse_td1, (None, printed_personal))
            return _finish(parse_td1, fixed, birth_century, [first, second, name], repaired)
    return None


def _with_field(line: str, start: int, size: int, value: str | None) -> str:
    """A TD3 second line (fitted to 44) with the field at ``start`` replaced by ``value`` and its
    check digit computed: the composite check digit then decides whether the rest agrees."""
    if not value:
        return line
    field = clean_line(value).ljust(size, "<")[:size]
    return line[:start] + field + str(check_digit(field)) + line[start + size + 1 :]


def _finish(parser, lines: list[str], birth_century: int | None, raw: list[str], repaired: bool) -> Mrz:
    parsed = _with_id_century(parser, lines, birth_century)
    parsed.raw, parsed.repaired = raw, repaired
    return parsed


def _variants(line: str, size: int) -> list[str]:
    """``line`` fitted to ``size``, then (for a line one character off) with each single character
    removed or a ``<`` inserted: OCR adds or drops a character anywhere, not only in filler runs."""
    variants = [fit(line, size)]
    if len(line) == size + 1:
        variants += [line[:i] + line[i + 1 :] for i in range(len(line))]
    elif len(line) == size - 1:
        variants += [line[:i] + "<" + line[i:] for i in range(len(line) + 1)]
    return list(dict.fromkeys(variants))


def _score(parsed: Mrz) -> int:
    """How much of a parse holds together: passing check digits, a header of letters, an issuer
    that is the holder's nationality, as on a national document, and a Vietnamese passport's number
    shaped as they are (a letter and 7 digits)."""
    header = parsed.lines[0][:5].replace("<", "")
    vietnamese_number = parsed.kind == "TD3" and parsed.issuer == VIETNAM
    shaped = vietnamese_number and re.fullmatch(r"[A-Z][0-9]{7}", parsed.document_number) is not None
    return sum(parsed.checks.values()) + header.isalpha() + (parsed.issuer == parsed.nationality) + shaped


def _repair(
    lines: list[str], size: int, parser, printed: tuple[str | None, str | None] = (None, None)
) -> tuple[list[str], bool]:
    """Each data line replaced by its variant that makes the most check digits pass (the first,
    plain fit, on a tie); the name line (no check digit) is only fitted. ``printed``: a passport's
    printed number and personal number, tried in every variant of a TD3's second line (a card's ID:
    ``_card_first_lines``). Also whether a line needed more than the plain fit."""
    data_lines = len(lines) - (size == 30)  # TD1's third line is the name
    raw = list(lines)
    lines = [fit(line, size) if i < data_lines else line for i, line in enumerate(lines)]
    repaired = False
    for index in reversed(range(data_lines)):  # the last data line carries most check digits
        options = _variants(raw[index], size)
        if size == 30 and index == 0:
            options += _card_first_lines(raw[index], printed[1])
        if any(printed) and size == 44 and index == 1:
            number, personal = printed
            options += [
                _with_field(_with_field(option, 0, 9, number if n else None), 28, 14, personal if p else None)
                for option in options
                for n, p in ((1, 0), (0, 1), (1, 1))
            ]
        lines[index] = max(
            options,
            key=lambda v: (_score(parser([*lines[:index], v, *lines[index + 1 :]])), -options.index(v)),
        )
        repaired |= lines[index] != options[0]
    return lines, repaired


def _card_first_lines(line: str, known_id: str | None) -> list[str]:
    """A Vietnamese card's first line rebuilt around its document number, which the line holds twice
    (alone, then as the last 9 digits of the 12-digit ID): OCR drops characters of such repeated
    digit runs. Rebuilt from the start (the number, its check digit, the ID's first 3 digits), from
    the end (the 12 digits before the fillers; the number's check digit computed) and from a
    ``known_id`` (the QR's); the check digits read (the ID's, the composite) decide."""
    if _country(line[2:5]) != VIETNAM:
        return []
    digits = _digits(line[5:])
    id_check = digits[-1:]
    rebuilt = []
    if digits[:13].isdigit() and id_check.isdigit():
        rebuilt.append(digits[:10] + digits[10:13] + digits[:9] + "<<" + id_check)
    at_end = re.search(r"(\d{12})<+\d$", digits)
    for id_number, check in ((at_end and at_end.group(1), id_check), (known_id, None)):
        if id_number and len(id_number) == 12 and id_number.isdigit():
            number = id_number[3:]
            check = check or str(check_digit(id_number))
            rebuilt.append(number + str(check_digit(number)) + id_number + "<<" + check)
    return ["IDVNM" + text for text in rebuilt]


MERGED_DIFFERENCES = 4  # characters of one line mixed from two readings (16 combinations at most)


def merge(first: Mrz, second: Mrz, birth_century: int | None = None) -> Mrz | None:
    """One zone read twice (``first`` the more trusted reading), neither passing every check: each
    data line taken from either reading, or mixed character by character where the two differ in
    at most ``MERGED_DIFFERENCES`` places. A combination is kept only when it is the one whose check
    digits all pass (two combinations that pass and differ: nothing is decided). The name line has
    no check digit: ``first``'s is kept."""
    if first.kind != second.kind:
        return None
    parser = parse_td1 if first.kind == "TD1" else parse_td3
    names = 2 if first.kind == "TD1" else 0
    options = [
        [a] if index == names else _mixes(a, b)
        for index, (a, b) in enumerate(zip(first.lines, second.lines, strict=True))
    ]
    passing = {}
    for lines in itertools.product(*options):
        parsed = _with_id_century(parser, list(lines), birth_century)
        if parsed.valid:
            passing.setdefault(tuple(parsed.lines), parsed)
    if len(passing) != 1:
        return None
    (merged,) = passing.values()
    merged.raw, merged.repaired = list(merged.lines), True
    return merged


def _mixes(a: str, b: str) -> list[str]:
    """``a``, ``b``, and when they differ in few places every mix of their characters there."""
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(differ) > MERGED_DIFFERENCES:
        return [a, b]
    mixes = []
    for taken in itertools.product((a, b), repeat=len(differ)):
        chars = list(a)
        for i, source in zip(differ, taken, strict=True):
            chars[i] = source[i]
        mixes.append("".join(chars))
    return mixes


def _with_id_century(parser, lines: list[str], birth_century: int | None) -> Mrz:
    """Parse; then, if a Vietnamese 12-digit ID is present, again with the birth century its 4th digit
    encodes (two-digit MRZ years are otherwise ambiguous for people born before 1927)."""
    parsed = parser(lines, birth_century)
    id_number = parsed.id_number or (parsed.optional[:12] if parsed.kind == "TD3" else None)
    if birth_century is None and id_number and id_number.isdigit() and len(id_number) == 12:
        return parser(lines, 1900 + 100 * (int(id_number[3]) // 2))
    return parsed


def clean_line(line: str) -> str:
    """Drop spaces and anything outside the MRZ alphabet; OCR often reads ``<`` as ``«`` or ``K``-like glyphs."""
    line = line.upper().replace("«", "<<").replace("‹", "<")
    return "".join(c for c in line if c.isdigit() or "A" <= c <= "Z" or c == "<")
