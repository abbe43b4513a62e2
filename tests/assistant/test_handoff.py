"""Questions the catalogue does not cover go to staff; the ones it covers are answered."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.handoff import FEATURES, MODEL_FILE, HandoffModel
from eval.handoff import choose_threshold, fit


def test_fitting_learns_that_weak_evidence_means_out_of_scope():
    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(200, len(FEATURES)))
    out = matrix[:, FEATURES.index("best_dense")] < -0.5
    model = fit(matrix, out)
    assert model.weights[FEATURES.index("best_dense")] < 0
    assert ((model.probability(matrix) >= 0.5) == out).mean() > 0.9


def test_the_threshold_keeps_in_scope_handoffs_within_budget():
    in_scope = [0.1, 0.2, 0.3, 0.4] + [0.1] * 16  # one in 20 (5%) at 0.4 is within budget
    out_of_scope = [0.95, 0.9, 0.8, 0.35]
    probabilities = np.asarray(in_scope + out_of_scope)
    out = np.asarray([False] * 20 + [True] * 4)
    assert choose_threshold(probabilities, out) == 0.31  # the lowest that hands off only the 0.4 one
    # a second in-scope question above 0.3 would break the budget: the threshold rises past both
    assert choose_threshold(np.append(probabilities, 0.41), np.append(out, False)) == 0.41


def test_a_model_fitted_on_other_features_is_refused(tmp_path):
    stale = json.loads(MODEL_FILE.read_text("utf-8"))
    stale["features"] = stale["features"][1:]
    path = tmp_path / "handoff.json"
    path.write_text(json.dumps(stale))
    with pytest.raises(ValueError, match="motcua eval handoff --write"):
        HandoffModel.load(path)


@pytest.mark.parametrize(
    "question",
    ["Thời tiết Hà Nội ngày mai thế nào?", "Where can I buy a SIM card?", "cho con vào lớp 1 cần gì"],
)
def test_questions_outside_the_catalogue_go_to_staff(helpdesk, question):
    assert helpdesk.ask(question).status == "handoff"


@pytest.mark.parametrize(
    "question",
    ["làm lại căn cước bị mất ở đâu", "How do I renew my passport?", "đăng ký khai sinh cho con cần gì"],
)
def test_questions_the_catalogue_covers_are_not_handed_off(helpdesk, question):
    assert helpdesk.ask(question).status != "handoff"
