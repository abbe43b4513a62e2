"""Short English and Thai glosses of the procedures citizens ask about most (``data/glosses.json``).

Replies show them beside the Vietnamese name (``assistant.compose``), and the dense index embeds them
with the procedure (``assistant.dense``), so an English or Thai question meets these procedures in its
own words.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

GLOSSES_FILE = Path(__file__).resolve().parent / "data" / "glosses.json"


@cache
def glosses() -> dict[str, dict[str, str]]:
    """Glosses by procedure code, then by language ("en", "th")."""
    if not GLOSSES_FILE.is_file():
        return {}
    return json.loads(GLOSSES_FILE.read_text("utf-8"))
