"""The reply text, in the citizen's language, built from the cited record's structured fields only.

The section the question asks about comes first (documents, fee, time, where, online, steps, form,
eligibility), then a short summary of the rest, then the citation (code and portal link). Every fee,
time, document and form printed is a value of the record; a field the record does not give is said to
be "not stated in the catalogue". Procedure and document names stay in Vietnamese (the catalogue's
language); English and Thai replies add a short gloss of the procedure name when one is known
(``assistant/data/glosses.json``).
"""

from __future__ import annotations

from assistant.glosses import glosses
from assistant.schema import Citation, Intent, Language
from knowledge.schema import Channel, FeeKind, Procedure, ProcessingTime, TimeUnit

PORTAL_URL = "https://dichvucong.gov.vn"
MAX_DOCUMENTS = 8
MAX_STEPS = 6
MAX_ITEM_CHARS = 220
MAX_FEE_CHARS = 140

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "documents": "Hồ sơ cần chuẩn bị",
        "fee": "Phí, lệ phí",
        "time": "Thời hạn giải quyết",
        "where": "Nơi nộp hồ sơ",
        "online": "Nộp trực tuyến",
        "steps": "Trình tự thực hiện",
        "form": "Mẫu đơn, tờ khai",
        "eligibility": "Đối tượng thực hiện",
        "conditions": "Yêu cầu, điều kiện",
        "unknown": "danh mục thủ tục không ghi thông tin này",
        "original": "bản chính",
        "copy": "bản sao",
        "free": "miễn phí",
        "fee_unstated": "có thu phí, danh mục không ghi mức phí",
        "more_documents": "và {n} giấy tờ khác (xem chi tiết trên Cổng Dịch vụ công)",
        "fully_online": "Có thể nộp hồ sơ trực tuyến toàn trình tại {url}",
        "online_yes": "Có thể nộp hồ sơ trực tuyến tại {url}",
        "online_no": "Danh mục không ghi cách nộp trực tuyến cho thủ tục này; nộp trực tiếp hoặc theo các cách được nêu",
        "address": "Địa chỉ tiếp nhận",
        "agency": "Cơ quan thực hiện",
        "summary": "Tóm tắt",
        "documents_count": "{n} loại giấy tờ",
        "citation": "Nguồn: thủ tục {code} trong Cơ sở dữ liệu quốc gia về thủ tục hành chính",
        "clarify": "Câu hỏi của bạn có thể thuộc một trong các thủ tục sau. Bạn hỏi về thủ tục nào? "
        "(trả lời bằng số thứ tự)",
        "handoff": "Xin lỗi, tôi chưa tìm được thủ tục hành chính phù hợp với câu hỏi này trong danh mục. "
        "Vui lòng hỏi cán bộ tại quầy tiếp nhận của Trung tâm Phục vụ hành chính công, "
        "hoặc diễn đạt lại câu hỏi (ví dụ: tên giấy tờ bạn cần làm).",
    },
    "en": {
        "documents": "Documents to prepare",
        "fee": "Fees",
        "time": "Processing time",
        "where": "Where to submit",
        "online": "Online submission",
        "steps": "Steps",
        "form": "Forms",
        "eligibility": "Who can apply",
        "conditions": "Requirements",
        "unknown": "not stated in the catalogue",
        "original": "original",
        "copy": "copy",
        "free": "free of charge",
        "fee_unstated": "a fee is charged; the amount is not stated in the catalogue",
        "more_documents": "and {n} more documents (see the National Public Service Portal)",
        "fully_online": "The whole procedure can be done online at {url}",
        "online_yes": "You can submit online at {url}",
        "online_no": "The catalogue lists no online submission for this procedure; submit in person or as listed",
        "address": "Receiving address",
        "agency": "Handled by",
        "summary": "In short",
        "documents_count": "{n} documents",
        "citation": "Source: procedure {code} in the national catalogue of administrative procedures",
        "clarify": "Your question may be about one of these procedures. Which one do you mean? "
        "(reply with its number)",
        "handoff": "Sorry, I could not find an administrative procedure in the catalogue that matches "
        "your question. Please ask the staff at the reception desk of the Public Administration Service "
        "Center, or rephrase your question (for example, name the paper you need).",
        "names_note": "Names are given in Vietnamese, as in the catalogue.",
    },
    "th": {
        "documents": "เอกสารที่ต้องเตรียม",
        "fee": "ค่าธรรมเนียม",
        "time": "ระยะเวลาดำเนินการ",
        "where": "สถานที่ยื่นเอกสาร",
        "online": "การยื่นออนไลน์",
        "steps": "ขั้นตอน",
        "form": "แบบฟอร์ม",
        "eligibility": "ผู้มีสิทธิ์ยื่น",
        "conditions": "เงื่อนไข",
        "unknown": "ไม่ได้ระบุไว้ในฐานข้อมูลขั้นตอน",
        "original": "ฉบับจริง",
        "copy": "สำเนา",
        "free": "ไม่มีค่าธรรมเนียม",
        "fee_unstated": "มีค่าธรรมเนียม แต่ไม่ได้ระบุจำนวนไว้ในฐานข้อมูล",
        "more_documents": "และเอกสารอื่นอีก {n} รายการ (ดูรายละเอียดในพอร์ทัลบริการสาธารณะแห่งชาติ)",
        "fully_online": "ดำเนินการออนไลน์ได้ทั้งหมดที่ {url}",
        "online_yes": "ยื่นออนไลน์ได้ที่ {url}",
        "online_no": "ฐานข้อมูลไม่ได้ระบุช่องทางออนไลน์สำหรับขั้นตอนนี้ กรุณายื่นด้วยตนเองหรือตามช่องทางที่ระบุ",
        "address": "ที่อยู่รับเอกสาร",
        "agency": "หน่วยงานที่ดำเนินการ",
        "summary": "สรุป",
        "documents_count": "เอกสาร {n} รายการ",
        "citation": "ที่มา: ขั้นตอน {code} ในฐานข้อมูลขั้นตอนการบริหารราชการแห่งชาติ",
        "clarify": "คำถามของคุณอาจเกี่ยวกับขั้นตอนใดขั้นตอนหนึ่งต่อไปนี้ คุณหมายถึงขั้นตอนใด (ตอบด้วยหมายเลข)",
        "handoff": "ขออภัย ไม่พบขั้นตอนการบริหารราชการที่ตรงกับคำถามของคุณในฐานข้อมูล "
        "กรุณาสอบถามเจ้าหน้าที่ที่เคาน์เตอร์ของศูนย์บริการราชการ หรือถามใหม่อีกครั้ง (เช่น ระบุชื่อเอกสารที่ต้องการ)",
        "names_note": "ชื่อขั้นตอนและเอกสารเป็นภาษาเวียดนามตามฐานข้อมูล",
    },
}

CHANNELS = {
    "vi": {Channel.DIRECT: "Trực tiếp", Channel.ONLINE: "Trực tuyến", Channel.POSTAL: "Qua bưu chính"},
    "en": {Channel.DIRECT: "In person", Channel.ONLINE: "Online", Channel.POSTAL: "By post"},
    "th": {Channel.DIRECT: "ยื่นด้วยตนเอง", Channel.ONLINE: "ออนไลน์", Channel.POSTAL: "ทางไปรษณีย์"},
}

UNITS = {
    "vi": {
        TimeUnit.WORKING_DAY: "ngày làm việc",
        TimeUnit.DAY: "ngày",
        TimeUnit.HOUR: "giờ",
        TimeUnit.MONTH: "tháng",
        TimeUnit.YEAR: "năm",
    },
    "en": {
        TimeUnit.WORKING_DAY: "working days",
        TimeUnit.DAY: "days",
        TimeUnit.HOUR: "hours",
        TimeUnit.MONTH: "months",
        TimeUnit.YEAR: "years",
    },
    "th": {
        TimeUnit.WORKING_DAY: "วันทำการ",
        TimeUnit.DAY: "วัน",
        TimeUnit.HOUR: "ชั่วโมง",
        TimeUnit.MONTH: "เดือน",
        TimeUnit.YEAR: "ปี",
    },
}


def display_name(procedure: Procedure, language: Language) -> str:
    """The Vietnamese name, with a gloss in the reply's language when one is known."""
    gloss = glosses().get(procedure.code, {}).get(language) if language != "vi" else None
    return f"{procedure.name} — {gloss}" if gloss else procedure.name


def citation(procedure: Procedure) -> Citation:
    return Citation(code=procedure.code, name=procedure.name, url=procedure.url or PORTAL_URL)


def format_vnd(amount: int, language: Language) -> str:
    if language == "vi":
        return f"{amount:,}".replace(",", ".") + " đồng"
    return f"{amount:,} VND"


def format_time(time: ProcessingTime, language: Language) -> str | None:
    if time.value is None or time.unit is None:
        return None
    value = int(time.value) if float(time.value).is_integer() else time.value
    return f"{value} {UNITS[language][time.unit]}"


def _clip(text: str, limit: int = MAX_ITEM_CHARS) -> str:
    """Shorten at a word boundary: a cut inside "19/2021" would quote a number ("19/20") the record
    does not hold."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:") + "…"


# -- sections: each returns its lines, or None when the record does not state the field -----------


def documents_section(p: Procedure, lang: Language) -> list[str] | None:
    if not p.documents:
        return None
    t = LABELS[lang]
    lines = []
    for document in p.documents[:MAX_DOCUMENTS]:
        counts = []
        if document.originals:
            counts.append(f"{document.originals} {t['original']}")
        if document.copies:
            counts.append(f"{document.copies} {t['copy']}")
        suffix = f" ({', '.join(counts)})" if counts else ""
        lines.append(f"- {_clip(document.name)}{suffix}")
    if len(p.documents) > MAX_DOCUMENTS:
        lines.append("- " + t["more_documents"].format(n=len(p.documents) - MAX_DOCUMENTS))
    return lines


def fee_section(p: Procedure, lang: Language, detailed: bool = True) -> list[str] | None:
    """One line per channel; ``detailed`` adds each fee's description as published (clipped)."""
    t = LABELS[lang]
    lines = []
    for channel in p.channels:
        if not channel.fees:
            continue
        parts = []
        for fee in channel.fees:
            if fee.kind == FeeKind.FREE:
                part = t["free"]
            elif fee.amount_vnd is not None:
                part = format_vnd(fee.amount_vnd, lang)
            else:
                part = t["fee_unstated"] if not (detailed and fee.description) else ""
            if detailed and fee.description:
                part = f"{part} ({_clip(fee.description, MAX_FEE_CHARS)})" if part else _clip(fee.description)
            parts.append(part)
        lines.append(f"- {CHANNELS[lang][channel.channel]}: {'; '.join(dict.fromkeys(parts))}")
    return lines or None


def time_section(p: Procedure, lang: Language) -> list[str] | None:
    lines = []
    for channel in p.channels:
        formatted = format_time(channel.time, lang)
        if formatted:
            lines.append(f"- {CHANNELS[lang][channel.channel]}: {formatted}")
    return lines or None


def where_section(p: Procedure, lang: Language) -> list[str] | None:
    t = LABELS[lang]
    lines = []
    if p.agencies.receiving_address:
        lines.append(f"- {t['address']}: {_clip(p.agencies.receiving_address)}")
    agencies = p.agencies.executing or p.agencies.authority
    if agencies:
        lines.append(f"- {t['agency']}: {', '.join(agencies)}")
    return lines or None


def online_section(p: Procedure, lang: Language) -> list[str]:
    t = LABELS[lang]
    url = p.url or PORTAL_URL
    if p.fully_online:
        return [t["fully_online"].format(url=url)]
    if p.channel(Channel.ONLINE) is not None:
        return [t["online_yes"].format(url=url)]
    return [t["online_no"]]


def steps_section(p: Procedure, lang: Language) -> list[str] | None:
    if not p.steps:
        return None
    return [f"- {_clip(step)}" for step in p.steps[:MAX_STEPS]]


def form_section(p: Procedure, lang: Language) -> list[str] | None:
    forms = {}
    for document in p.documents:
        for form in document.forms:
            label = f"{form.code} ({form.file_name})" if form.code else form.file_name
            forms.setdefault(label, None)
    return [f"- {label}" for label in forms] or None


def eligibility_section(p: Procedure, lang: Language) -> list[str] | None:
    t = LABELS[lang]
    lines = [f"- {', '.join(p.applicants)}"] if p.applicants else []
    if p.conditions:
        lines.append(f"- {t['conditions']}: {_clip(p.conditions)}")
    return lines or None


SECTIONS = {
    "documents": documents_section,
    "fee": fee_section,
    "time": time_section,
    "where": where_section,
    "online": online_section,
    "steps": steps_section,
    "form": form_section,
    "eligibility": eligibility_section,
}


def summary_lines(p: Procedure, lang: Language, skip: str) -> list[str]:
    """One line per essential field the answer did not already show."""
    t = LABELS[lang]
    lines = []
    if skip != "documents":
        count = t["documents_count"].format(n=len(p.documents)) if p.documents else t["unknown"]
        lines.append(f"- {t['documents']}: {count}")
    if skip != "fee":
        fees = fee_section(p, lang, detailed=False)
        lines.append(f"- {t['fee']}: " + ("; ".join(f[2:] for f in fees) if fees else t["unknown"]))
    if skip != "time":
        times = time_section(p, lang)
        lines.append(f"- {t['time']}: " + ("; ".join(x[2:] for x in times) if times else t["unknown"]))
    if skip != "where":
        agencies = p.agencies.executing or p.agencies.authority
        lines.append(f"- {t['where']}: " + (", ".join(agencies) if agencies else t["unknown"]))
    if skip != "online":
        lines.append(f"- {t['online']}: {online_section(p, lang)[0]}")
    return lines


def compose_answer(procedure: Procedure, intent: Intent, lang: Language) -> str:
    t = LABELS[lang]
    out = [display_name(procedure, lang), ""]
    if intent in SECTIONS:
        lines = SECTIONS[intent](procedure, lang)
        out.append(f"{t[intent]}:")
        out.extend(lines if lines else [f"- {t['unknown']}"])
        out.append("")
    out.append(f"{t['summary']}:")
    out.extend(summary_lines(procedure, lang, skip=intent))
    out.append("")
    if lang != "vi":
        out.append(t["names_note"])
    out.append(f"{t['citation'].format(code=procedure.code)} — {procedure.url or PORTAL_URL}")
    return "\n".join(out)


def compose_clarify(procedures: tuple[Procedure, ...], lang: Language) -> str:
    lines = [LABELS[lang]["clarify"]]
    lines += [f"{i}. {display_name(p, lang)} ({p.code})" for i, p in enumerate(procedures, start=1)]
    return "\n".join(lines)


def compose_handoff(lang: Language) -> str:
    return LABELS[lang]["handoff"]
