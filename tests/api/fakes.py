"""Stand-ins: a lexical helpdesk while the real one has not landed (conftest.py prefers the real one),
and an extraction stage that always fails, for the job failure path."""

from __future__ import annotations

from assistant.normalize import normalize
from assistant.schema import Answer, Candidate, Citation
from ocr.load import ScanError
from ocr.schema import Document


class LexicalHelpdesk:
    """Answers with the best lexical match of the catalogue, hands off when nothing matches."""

    def __init__(self, index) -> None:
        self._index = index

    def ask(self, question: str, session: str) -> Answer:
        text = normalize(question)
        found = self._index.search(text, limit=5)
        if not found:
            return Answer(
                status="handoff", language="vi", intent="general", text="Xin hỏi cán bộ.", session=session
            )
        best = found[0]
        return Answer(
            status="answer",
            language="vi",
            intent="general",
            text=f"Thủ tục {best.code}: {best.name}",
            citations=[Citation(code=best.code, name=best.name, url=best.url)],
            candidates=[
                Candidate(code=p.code, name=p.name, score=1.0 / (i + 1)) for i, p in enumerate(found)
            ],
            session=session,
        )


def failing_extract(name: str, data: bytes) -> list[Document]:
    raise ScanError(f"{name}: no identity document found")
