"""Stage 4 of the helpdesk: what the citizen wants to know about the procedure.

Keyword and phrase rules in Vietnamese (matched on folded text, so typed with or without marks), English
and Thai. A phrase is worth more the more specific it is: question phrases ("mất bao lâu", "how much")
weigh ``STRONG``, bare topic words ("hồ sơ", "phí") weigh ``WEAK``. Where phrases overlap the longer one
wins ("how much time" is time, not fee); the intent with the highest total wins, ties going to the
earlier intent in ``PRIORITY``. Phrases of every language are tried whatever the detected language,
because citizens mix them ("nộp online ở đâu", "passport bao nhiêu tiền").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assistant.schema import Intent
from knowledge.text import fold

STRONG = 3
WEAK = 1

PRIORITY: tuple[Intent, ...] = ("documents", "fee", "time", "where", "online", "form", "eligibility", "steps")

# intent -> weight -> phrases. Vietnamese is written with marks and folded when compiled.
INTENT_KEYWORDS: dict[Intent, dict[int, tuple[str, ...]]] = {
    "documents": {
        STRONG: (
            "giấy tờ gì",
            "giấy tờ nào",
            "những giấy tờ",
            "cần giấy tờ",
            "giấy tờ cần",
            "hồ sơ gồm",
            "hồ sơ cần",
            "hồ sơ gì",
            "hồ sơ những gì",
            "thành phần hồ sơ",
            "cần những gì",
            "cần gì",
            "cần có gì",
            "phải có gì",
            "mang theo",
            "mang gì",
            "cần mang",
            "chuẩn bị gì",
            "cần chuẩn bị",
            "chuẩn bị những gì",
            "nộp những gì",
            "cần j",
            "giấy tờ j",
            "hồ sơ j",
            "what documents",
            "which documents",
            "documents",
            "document",
            "papers",
            "paperwork",
            "what do i need",
            "what i need",
            "need to bring",
            "bring",
            "prepare",
            "เอกสาร",
            "หลักฐาน",
            "ต้องใช้อะไร",
            "ใช้อะไรบ้าง",
            "เตรียมอะไร",
        ),
        WEAK: ("giấy tờ", "hồ sơ", "bản sao", "bản chính", "need"),
    },
    "fee": {
        STRONG: (
            "lệ phí",
            "mất phí",
            "tốn phí",
            "chi phí",
            "phí bao nhiêu",
            "bao nhiêu tiền",
            "mấy tiền",
            "nhiêu tiền",
            "hết bao nhiêu",
            "tốn bao nhiêu",
            "mất tiền",
            "có mất tiền",
            "miễn phí",
            "đóng tiền",
            "nộp tiền",
            "phải trả",
            "giá bao nhiêu",
            "giá tiền",
            "bn tiền",
            "fee",
            "fees",
            "cost",
            "costs",
            "how much",
            "price",
            "charge",
            "charges",
            "free of charge",
            "ค่าธรรมเนียม",
            "ค่าใช้จ่าย",
            "กี่บาท",
            "ราคา",
            "เสียเงิน",
            "ฟรี",
        ),
        WEAK: ("phí", "tiền", "bao nhiêu", "mất bao nhiêu", "pay", "free", "vnd", "เท่าไร", "เท่าไหร่", "จ่าย"),
    },
    "time": {
        STRONG: (
            "bao lâu",
            "mất bao lâu",
            "bao nhiêu lâu",
            "mấy ngày",
            "bao nhiêu ngày",
            "mất mấy ngày",
            "bn ngày",
            "mấy tuần",
            "mấy tháng",
            "thời gian",
            "thời hạn",
            "khi nào có",
            "khi nào nhận",
            "bao giờ có",
            "bao giờ nhận",
            "có lâu không",
            "lâu không",
            "nhanh không",
            "trong ngày",
            "how long",
            "how many days",
            "how many weeks",
            "how much time",
            "processing time",
            "how soon",
            "how fast",
            "when will",
            "when can i get",
            "กี่วัน",
            "นานเท่าไร",
            "นานเท่าไหร่",
            "นานไหม",
            "นานแค่ไหน",
            "ใช้เวลา",
            "ระยะเวลา",
            "กี่สัปดาห์",
            "เมื่อไร",
            "เมื่อไหร่",
        ),
        WEAK: ("khi nào", "bao giờ", "ngày", "time", "days", "weeks", "take", "wait", "when"),
    },
    "where": {
        STRONG: (
            "ở đâu",
            "chỗ nào",
            "nơi nào",
            "đến đâu",
            "đi đâu",
            "nộp ở",
            "nộp tại",
            "nơi nộp",
            "cơ quan nào",
            "phòng nào",
            "địa chỉ nộp",
            "xã hay huyện",
            "where",
            "which office",
            "what office",
            "which agency",
            "location",
            "ที่ไหน",
            "ที่ใด",
            "ยื่นที่",
            "หน่วยงานไหน",
            "ติดต่อที่",
        ),
        WEAK: ("địa chỉ", "address", "office", "สำนักงาน"),
    },
    "online": {
        STRONG: (
            "trực tuyến",
            "qua mạng",
            "trên mạng",
            "online",
            "onl",
            "qua internet",
            "dịch vụ công",
            "cổng dịch vụ",
            "tại nhà",
            "không cần đến",
            "không phải đến",
            "internet",
            "website",
            "portal",
            "from home",
            "electronically",
            "ออนไลน์",
            "ทางอินเทอร์เน็ต",
            "เว็บไซต์",
            "ผ่านเว็บ",
        ),
        WEAK: (),
    },
    "steps": {
        STRONG: (
            "thủ tục thế nào",
            "thủ tục như thế nào",
            "thủ tục ra sao",
            "làm thế nào",
            "làm sao",
            "làm như nào",
            "làm ntn",
            "các bước",
            "trình tự",
            "quy trình",
            "cách làm",
            "hướng dẫn",
            "steps",
            "step by step",
            "how do i",
            "how to",
            "how can i",
            "what should i do",
            "ขั้นตอน",
            "ทำอย่างไร",
            "ทำยังไง",
            "วิธี",
            "กระบวนการ",
        ),
        WEAK: ("thế nào", "ra sao", "ntn", "bước", "process", "procedure", "apply", "อย่างไร", "ยังไง"),
    },
    "eligibility": {
        STRONG: (
            "điều kiện",
            "ai được",
            "ai có thể",
            "đối tượng nào",
            "đủ điều kiện",
            "bao nhiêu tuổi",
            "mấy tuổi",
            "độ tuổi",
            "có được phép",
            "eligible",
            "eligibility",
            "who can",
            "qualify",
            "conditions",
            "requirements",
            "allowed",
            "คุณสมบัติ",
            "ใครบ้าง",
            "มีสิทธิ์",
            "มีสิทธิ",
            "เงื่อนไข",
            "ใครสามารถ",
        ),
        WEAK: ("đối tượng", "tuổi", "age"),
    },
    "form": {
        STRONG: (
            "mẫu đơn",
            "tờ khai",
            "biểu mẫu",
            "mẫu tờ khai",
            "mẫu số",
            "tải mẫu",
            "điền mẫu",
            "điền đơn",
            "form",
            "forms",
            "application form",
            "template",
            "fill in",
            "fill out",
            "แบบฟอร์ม",
            "แบบคำร้อง",
            "คำร้อง",
            "ฟอร์ม",
            "กรอก",
        ),
        WEAK: ("mẫu", "đơn", "download"),
    },
}

# Words that carry no topic of their own: a question made only of these and intent phrases is a
# follow-up about the procedure already in play ("còn lệ phí?", "how long does it take?").
_FILLER_WORDS = (
    "còn thì sao vậy thế nữa nhé nhỉ ạ à ơi và với cho hỏi xin em anh chị tôi mình cái đó này kia "
    "là có không ko k được dc mất hết phải cần nộp làm bên nó "
    "and what about how is are it does do the a an for that this there any its also then please i "
    "me my need to of on in can get will would should much"
)
FOLLOWUP_FILLERS: frozenset[str] = frozenset(fold(word) for word in _FILLER_WORDS.split())
_THAI_FILLERS = (
    "แล้ว",
    "ล่ะ",
    "ครับ",
    "ค่ะ",
    "คะ",
    "ละ",
    "ได้ไหม",
    "ไหม",
    "ไหน",
    "อะไร",
    "บ้าง",
    "สมัคร",
    "ยื่น",
    "ทำ",
)

# Form codes printed on templates: TK01, CT01, HK02, ...
_FORM_CODE = re.compile(r"\b[a-z]{2,4}\d{2}[a-z]?\b")
_THAI = re.compile(r"[\u0e00-\u0e7f]")


@dataclass(frozen=True)
class _Rule:
    intent: Intent
    weight: int
    pattern: re.Pattern[str]


def detect_intent(text: str, language: str) -> Intent:
    """The intent of a normalized question; ``general`` when no rule speaks.

    ``language`` is the detected language; the rules of every language are tried anyway (see above).
    """
    scores = dict.fromkeys(PRIORITY, 0)
    for intent, weight, _span in _matches(_prepare(text)):
        scores[intent] += weight
    best = max(PRIORITY, key=lambda intent: (scores[intent], -PRIORITY.index(intent)))
    return best if scores[best] > 0 else "general"


def is_bare_followup(text: str, language: str) -> bool:
    """True when the question names an intent and nothing else: a follow-up about the procedure in play."""
    prepared = _prepare(text)
    matches = _matches(prepared)
    if not matches:
        return False
    rest = list(prepared)
    for _intent, _weight, (start, end) in matches:
        rest[start:end] = " " * (end - start)
    rest_text = "".join(rest)
    for filler in _THAI_FILLERS:
        rest_text = rest_text.replace(filler, " ")
    words = re.findall(r"\w+", rest_text)
    return all(word in FOLLOWUP_FILLERS for word in words)


def _prepare(text: str) -> str:
    """Folded Latin text; Thai is only lower-cased, since folding would drop its tone marks."""
    if _THAI.search(text):
        return " ".join(word.lower() if _THAI.search(word) else fold(word) for word in text.split())
    return fold(text)


def _matches(prepared: str) -> list[tuple[Intent, int, tuple[int, int]]]:
    """Non-overlapping rule matches, longest first."""
    found = [
        (rule.intent, rule.weight, match.span())
        for rule in _rules()
        for match in rule.pattern.finditer(prepared)
    ]
    found.sort(key=lambda item: item[2][0] - item[2][1])  # longest span first
    taken: list[tuple[Intent, int, tuple[int, int]]] = []
    for item in found:
        start, end = item[2]
        if all(end <= s or start >= e for _i, _w, (s, e) in taken):
            taken.append(item)
    return taken


@cache
def _rules() -> tuple[_Rule, ...]:
    rules = [_Rule("form", STRONG, _FORM_CODE)]
    for intent, by_weight in INTENT_KEYWORDS.items():
        for weight, phrases in by_weight.items():
            for phrase in phrases:
                rules.append(_Rule(intent, weight, _phrase_pattern(phrase)))
    return tuple(rules)


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    if _THAI.search(phrase):  # Thai is written without spaces between words
        return re.compile(re.escape(phrase))
    return re.compile(r"\b" + r"\s+".join(re.escape(word) for word in fold(phrase).split()) + r"\b")
