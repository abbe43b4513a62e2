"""The most-asked procedures told the way citizens tell them at the desk (``data/situations.json``).

For each procedure code, two to four short first-person situations per language ("vi", "en", "th"):
the life event, the need and the everyday words ("sổ đỏ", "cà vẹt", "hộ khẩu"), written from the
procedure's record. The dense index embeds them beside the catalogue wording (``assistant.dense``), so
a question told as a story meets the procedure half-way; the paraphrase is left to the embedding.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SITUATIONS_FILE = Path(__file__).resolve().parent / "data" / "situations.json"
LANGUAGES = ("vi", "en", "th")


@cache
def situations() -> dict[str, dict[str, list[str]]]:
    """Situations by procedure code, then by language."""
    if not SITUATIONS_FILE.is_file():
        return {}
    return json.loads(SITUATIONS_FILE.read_text("utf-8"))
