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
    "1.002757": "e-visa",
    "1.010047": "automatic border gates",
    "2.001895": "certificate of Vietnamese origin",
    "1.009729": "a foreign investor buying into a company",
    "1.012890": "a foreign owner's home-ownership term",
    "1.010707": "a foreign-registered vehicle's stay",
}

# the same needs filed at an embassy abroad: a one-stop center does not take them, and a gloss would
# draw an English or Thai question asked here towards them
FILED_ABROAD = {
    "2.002797": "naturalisation",
    "1.004757": "regaining nationality",
    "1.005141": "renouncing nationality",
}


def test_every_gloss_names_a_procedure_of_the_bundled_catalogue(catalogue):
    assert [code for code in glosses() if code not in catalogue] == []


@pytest.mark.parametrize(("code", "need"), FOREIGN_RESIDENTS_NEEDS.items())
def test_what_foreign_residents_come_for_is_glossed_in_english_and_thai(code, need):
    assert set(glosses().get(code, {})) == {"en", "th"}, need


@pytest.mark.parametrize(("code", "need"), FILED_ABROAD.items())
def test_what_is_filed_abroad_is_not_glossed(code, need):
    assert code not in glosses(), need


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
