"""``GET /api/procedures?q=``: a plain lexical search over procedure names and codes.

Diacritic-folded (citizens type without marks), ranked by the share of query words a name contains,
an exact phrase first, then shorter names; a whole code matches its procedure. The helpdesk's
retrieval may replace this later behind the same ``search``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from knowledge.text import fold

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


class LexicalIndex:
    def __init__(self, procedures: Iterable[Any]) -> None:
        self._procedures = list(procedures)
        self._names = [(fold(p.name), set(tokens(p.name))) for p in self._procedures]
        self._by_code = {p.code: p for p in self._procedures}

    def search(self, query: str, limit: int = 20) -> list[Any]:
        """The best ``limit`` procedures for ``query``, best first; none for a query without words."""
        if (exact := self._by_code.get(query.strip())) is not None:
            return [exact]
        query_tokens = tokens(query)
        if not query_tokens:
            return []
        phrase = " ".join(query_tokens)
        scored = []
        for index, (name, name_tokens) in enumerate(self._names):
            hits = sum(1 for t in query_tokens if t in name_tokens)
            if hits:
                score = hits / len(query_tokens) + (1.0 if phrase in name else 0.0) - len(name_tokens) * 1e-3
                scored.append((-score, index))
        scored.sort()
        return [self._procedures[i] for _, i in scored[:limit]]
