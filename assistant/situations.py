"""The most-asked procedures told the way citizens tell them at the desk (``data/situations.json``).

For each procedure code, two to four short first-person situations per language ("vi", "en", "th"):
the life event, the need and the everyday words ("sổ đỏ", "cà vẹt", "hộ khẩu"), written from the
procedure's record. The dense index embeds them beside the catalogue wording (``assistant.dense``), so
a question told as a story meets the procedure half-way; the paraphrase is left to the embedding.

Which procedures are told is chosen on the catalogue, not on questions: the portal-json records; at any
level, every procedure a person can apply for in the fields people bring to a one-stop center in person
(identity, exit-entry, nationality, adoption, criminal records, the police's merit and health-insurance
cases, complaints against the police, police recruitment, lawyers' licences); at commune or province
level, what a person or household does in civil status, residence, land, housing, cooperatives, farming,
forests, fishing and irrigation; a person's own professional credential (card, certificate,
appointment); what a person brings, owns, breeds, pledges or is paid for (a pet through quarantine, a car
pledged for a loan, a new plant variety, a witness's costs); and every code the tuning question sets cite.
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
