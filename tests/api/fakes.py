"""Stand-ins for the helpdesk and the OCR pipeline, used only while the real ones have not landed
(the fixtures in conftest.py prefer the real ones), and for the job failure paths."""

from __future__ import annotations

from assistant.normalize import normalize
from assistant.schema import Answer, Candidate, Citation
from ocr.load import ScanError, load_pages
from ocr.schema import Document, ExtractedField, FilledItem, PrefilledForm


class LexicalHelpdesk:
    """Answers with the best lexical match of the catalogue, hands off when nothing matches."""

    def __init__(self, index) -> None:
        self._index = index

    def ask(self, question: str, session: str) -> Answer:
        text = normalize(question)
        found = self._index.search(text, limit=5)
        if not found:
            return Answer(status="handoff", language="vi", intent="general", text="Xin hỏi cán bộ.", session=session)
        best = found[0]
        return Answer(
            status="answer",
            language="vi",
            intent="general",
            text=f"Thủ tục {best.code}: {best.name}",
            citations=[Citation(code=best.code, name=best.name, url=best.url)],
            candidates=[Candidate(code=p.code, name=p.name, score=1.0 / (i + 1)) for i, p in enumerate(found)],
            session=session,
        )


ID_NUMBER = "001090123456"


def extract(data: bytes, name: str) -> list[Document]:
    """Decodes the file like the real pipeline, then 'reads' fixed fields from every page."""
    pages = load_pages(name, data)
    fields = {
        "id_number": ExtractedField(value=ID_NUMBER, confidence=0.99, source="qr"),
        "full_name": ExtractedField(value="NGUYỄN VĂN AN", confidence=0.9, source="ocr"),
    }
    return [
        Document(file=name, page=i + 1, document_type="cccd_2021_front", fields=fields) for i in range(len(pages))
    ]


def prefill(form: str, documents: list[Document]) -> PrefilledForm:
    if form not in FORMS:
        raise KeyError(form)
    fields = documents[0].fields if documents else {}
    filled = {
        "1": FilledItem(value=fields["full_name"].value, confidence=0.9, source="cccd_2021_front.full_name/ocr", agreed=True),
        "4": FilledItem(value=fields["id_number"].value, confidence=0.99, source="cccd_2021_front.id_number/qr", agreed=True),
    }
    return PrefilledForm(form=form, fields=filled, missing=["7"], warnings=[])


def failing_extract(data: bytes, name: str) -> list[Document]:
    raise ScanError(f"{name}: no identity document found")


FORMS = ("CT01", "TK01")
