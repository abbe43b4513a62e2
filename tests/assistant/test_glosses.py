"""The English and Thai glosses of procedure names (``assistant/data/glosses.json``): real procedures,
the ones a foreign resident asks about among them, each told apart from its siblings."""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.glosses import glosses

# what a foreign resident or a mixed family comes to a center for, one procedure of each need
FOREIGN_RESIDENTS_NEEDS = {
    "1.003460": "temporary residence card",
    "1.001010": "permanent residence card",
    "1.001146": "extension of stay",
    "1.003144": "visa exemption certificate",
    "1.009664": "investment registration certificate",
    "2.000806": "marriage with a foreigner",
    "2.000528": "birth with a foreign element",
    "1.003976": "intercountry adoption",
    "2.000547": "a civil event registered abroad",
    "3.000330": "criminal record of a foreigner who lived here",
    "3.000351": "exchange of a foreign driving licence",
}


def test_every_gloss_names_a_procedure_of_the_bundled_catalogue(catalogue):
    assert [code for code in glosses() if code not in catalogue] == []


@pytest.mark.parametrize(("code", "need"), FOREIGN_RESIDENTS_NEEDS.items())
def test_what_foreign_residents_come_for_is_glossed_in_english_and_thai(code, need):
    assert set(glosses().get(code, {})) == {"en", "th"}, need


def test_no_two_procedures_share_a_gloss():
    # siblings (central or provincial level, with or without a foreign element) must read apart in a
    # reply that lists them for the citizen to choose
    for language in ("en", "th"):
        shared = Counter(gloss[language] for gloss in glosses().values())
        assert [text for text, n in shared.items() if n > 1] == [], language


def test_a_central_and_a_provincial_variant_say_which_is_which():
    central, provincial = glosses()["1.003290"]["en"], glosses()["1.001010"]["en"]
    assert "permanent residence card" in central.lower() and "permanent residence card" in provincial.lower()
    assert "central" in central and "provincial" in provincial
