"""Rerank the fused candidates: a small linear model over features that tell near-variants apart.

Fusion finds the right family ("giấy phép xây dựng", "đăng ký tạm trú") but often puts a variant first
("Gia hạn giấy phép xây dựng", "Xóa đăng ký tạm trú"). The features below say how the question and a
candidate's name relate (which of the name's words the citizen said, whether the action words that
mark a variant were said, whether a catalogue term the lexicon found is in the name) beside the two
rankers' scores. One more reads a candidate against its siblings in the list (other variants of the
same procedure): whether the citizen typed more of the words that set it apart than of the sibling's
("đổi" of "Cấp đổi thẻ căn cước" against "lại" of "Cấp lại thẻ căn cước"). Three more read a story's
closing clauses, where it states its need, apart from its opening, which sets the scene: a catalogue
term found only in the opening may name a procedure of the scene rather than the one asked for
("giấy khai sinh ghi sai tên đệm … giờ sửa lại thế nào"); and a term that is the whole name counts
less when the lexicon found several. The last reads the dense similarity to the question's own
vector, before the lexicon's terms shift it: a term mapped from background words pulls the searched
vector toward a procedure of the scene. A softmax over the candidates of one question turns the
weighted sum into a probability, which becomes the candidate's score.

The weights live in ``assistant/data/rerank.json`` and are fitted by ``motcua eval rerank`` (which also
reports the cross-validated gain); ``Reranker.run`` only applies them.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from assistant.lexicon import Lexicon, spell_out, words
from assistant.query import Query
from assistant.retrieve import Candidate
from knowledge.schema import Procedure, Source

MODEL_FILE = Path(__file__).resolve().parent / "data" / "rerank.json"
_QUALIFIER = re.compile(r"\([^)]*\)")
_CENTRAL = re.compile(r"trung ương|cấp bộ", re.IGNORECASE)
# Two names sharing at least this share of their words (Jaccard) are variants of one procedure
SIBLING_SHARE = 0.5
# Folded words that turn a procedure into one of its variants: re-issue, renewal, deletion, change,
# revocation, suspension, correction, restoration, foreign element...
MARKERS = frozenset(
    words(
        "lại gia hạn xóa đổi thu hồi hủy chấm dứt tạm ngừng giải thể đính chính khôi phục nước ngoài bổ sung "
        "điều thay sửa chuyển"
    )
)
FEATURES = (
    "fused",  # fused score relative to the best one
    "fused_rank",  # 1 / (1 + position after fusion)
    "bm25",  # BM25 score relative to the best one
    "bm25_rank",  # 1 / (1 + position among the candidates by BM25 score)
    "dense_rank",  # 1 / (1 + position among the candidates by cosine similarity)
    "dense_gap",  # cosine similarity minus the best one
    "dense_gap_foreign",  # the same for English and Thai questions, where only the dense ranker reads the words
    "coverage",  # share of the name's words the question (with its catalogue terms) covers
    "unsaid",  # name words not covered, capped at 4, over 4
    "lead_unsaid",  # of the name's first two words (its action), how many were not said
    "marker_unsaid",  # variant-marking words in the name that were not said
    "marker_said",  # variant-marking words the question said that the name also has
    "term_in_name",  # share of the question's catalogue terms whose words are all in the name
    "term_is_name",  # a catalogue term has exactly the name's words
    "clue_in_name",  # the longest phrase behind a term in the name, over the question's longest one
    "own_in_name",  # share of the citizen's own topic words (Vietnamese) found in the name
    "central",  # carried out at central level (a provincial center rarely handles these)
    "structured",  # the portal publishes it as structured JSON: one of the procedures centers handle most
    "name_length",  # log of the name's word count
    "variant_said",  # sibling contests won (+1) or lost (-1) on the words that set the name apart; mean
    # A story states its need in its closing clauses (Query.dense_ask); its opening sets the scene, and
    # the lexicon's terms found there name procedures of the scene ("the birth certificate has a typo")
    "context_term",  # the name holds a term found only in a story's opening, none found in its close
    "ask_term",  # the name holds a term found in the closing clauses (any term, for a question no story)
    "ask_own_in_name",  # share of the citizen's own words of the closing clauses in the name (vi)
    "term_share",  # terms that are exactly the name, over the terms found: one of several is less sure
    "bare_gap",  # similarity to the question's own vector, before the lexicon's terms shift it, less the best
)


@dataclass(frozen=True)
class RerankModel:
    weights: np.ndarray
    mean: np.ndarray
    scale: np.ndarray

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> RerankModel:
        data = json.loads(path.read_text("utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path} was fitted on other features; run `motcua eval rerank --write`")
        return cls(*(np.asarray(data[key], dtype=np.float64) for key in ("weights", "mean", "scale")))

    @classmethod
    def fused_order(cls) -> RerankModel:
        """A model that keeps fusion's order (what the weights are fitted against)."""
        weights = np.zeros(len(FEATURES))
        weights[FEATURES.index("fused")] = 1.0
        return cls(weights, np.zeros(len(FEATURES)), np.ones(len(FEATURES)))

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "weights": [round(float(w), 6) for w in self.weights],
            "mean": [round(float(m), 6) for m in self.mean],
            "scale": [round(float(s), 6) for s in self.scale],
        }

    def scores(self, matrix: np.ndarray) -> np.ndarray:
        """Softmax probabilities of the candidates (rows of ``matrix``)."""
        logits = ((matrix - self.mean) / self.scale) @ self.weights
        logits -= logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()


class Reranker:
    def __init__(self, lexicon: Lexicon, model: RerankModel):
        self.lexicon = lexicon
        self.model = model

    def run(self, query: Query, candidates: list[Candidate], limit: int) -> list[Candidate]:
        """The candidates reordered by the model, the first ``limit``, each with its probability as score."""
        if not candidates:
            return []
        matrix = features(query, candidates, self.lexicon)
        probabilities = self.model.scores(matrix)
        order = np.argsort(-probabilities, kind="stable")[:limit]
        coverage = matrix[:, FEATURES.index("coverage")]
        own = matrix[:, FEATURES.index("own_in_name")]
        return [
            replace(
                candidates[i],
                score=float(probabilities[i]),
                coverage=float(coverage[i]),
                own=float(own[i]),
            )
            for i in order
        ]


def features(query: Query, candidates: list[Candidate], lexicon: Lexicon) -> np.ndarray:
    """The feature matrix: one row per candidate, columns as ``FEATURES``."""
    own = set(query.lexical_words(lexicon.stopwords))  # the citizen's own topic words (Vietnamese)
    terms = [set(words(term)) for term in query.terms]
    said = own.union(*terms)  # with the words of the catalogue terms the lexicon found
    clues = query.clues or (1,) * len(terms)
    longest = max(clues, default=1)
    best_fused = max(c.score for c in candidates) or 1.0
    best_bm25 = max(c.bm25 for c in candidates) or 1.0
    ranked_dense = [c.dense for c in candidates if c.dense > 0]
    best_dense = max(ranked_dense, default=0.0)
    floor_dense = min(ranked_dense, default=0.0) - 0.02  # a candidate the dense ranker did not return
    ranked_bare = [c.dense_bare for c in candidates if c.dense_bare > 0]
    best_bare = max(ranked_bare, default=0.0)
    floor_bare = min(ranked_bare, default=0.0) - 0.02
    foreign = query.language != "vi"
    bm25_rank = _positions([c.bm25 for c in candidates])
    dense_rank = _positions([c.dense for c in candidates])
    contrast = variant_contrast(own_units(query), candidates)
    story, ask_terms, ask_own = closing_ask(query, lexicon)
    rows = []
    for position, candidate in enumerate(candidates):
        name = name_words(candidate.procedure)
        lead = name_lead(candidate.procedure)
        unsaid = name - said
        share = 1.0 - len(unsaid) / max(len(name), 1)
        dense_gap = (candidate.dense if candidate.dense > 0 else floor_dense) - best_dense
        rows.append(
            (
                candidate.score / best_fused,
                1.0 / (1 + position),
                candidate.bm25 / best_bm25,
                1.0 / (1 + bm25_rank[position]),
                1.0 / (1 + dense_rank[position]),
                dense_gap,
                dense_gap if foreign else 0.0,
                share,
                min(len(unsaid), 4) / 4,
                sum(word not in said for word in lead),
                len(unsaid & MARKERS),
                len(name & said & MARKERS),
                sum(term <= name for term in terms) / len(terms) if terms else 0.0,
                float(any(term == name for term in terms)),
                max((c for t, c in zip(terms, clues, strict=True) if t <= name), default=0) / longest,
                len(own & name) / len(own) if own else 0.0,
                float(_is_central(candidate.procedure)),
                float(candidate.procedure.provenance.source == Source.PORTAL_JSON),
                math.log(1 + len(name)),
                contrast[position],
                float(story and any(t <= name for t in terms) and not any(t <= name for t in ask_terms)),
                float(any(term <= name for term in ask_terms)),
                len(ask_own & name) / len(ask_own) if ask_own else 0.0,
                sum(term == name for term in terms) / len(terms) if terms else 0.0,
                (candidate.dense_bare if candidate.dense_bare > 0 else floor_bare) - best_bare,
            )
        )
    return np.asarray(rows, dtype=np.float64)


def variant_contrast(
    said: tuple[frozenset[str], frozenset[tuple[str, str]]], candidates: list[Candidate]
) -> list[float]:
    """For each candidate, how its sibling contests go: against every other candidate whose name shares
    at least ``SIBLING_SHARE`` of its words (and is not the same words, as level variants are), +1 when
    ``said`` holds more of the words and word pairs only this name has than of those only the sibling
    has, -1 when fewer; the mean, 0 without siblings."""
    said_words, said_pairs = said
    if not said_words:
        return [0.0] * len(candidates)
    names = [_name_words(c.procedure.name) for c in candidates]
    totals = [0] * len(names)
    contests = [0] * len(names)
    for i, (own, _, own_pairs) in enumerate(names):
        for j in range(i + 1, len(names)):
            other, _, other_pairs = names[j]
            shared = len(own & other)
            union = len(own) + len(other) - shared
            if shared == union or shared < SIBLING_SHARE * union:
                continue
            mine = len((own - other) & said_words) + len((own_pairs - other_pairs) & said_pairs)
            theirs = len((other - own) & said_words) + len((other_pairs - own_pairs) & said_pairs)
            outcome = (mine > theirs) - (mine < theirs)
            totals[i] += outcome
            totals[j] -= outcome
            contests[i] += 1
            contests[j] += 1
    return [total / count if count else 0.0 for total, count in zip(totals, contests, strict=True)]


def closing_ask(query: Query, lexicon: Lexicon) -> tuple[bool, list[set[str]], set[str]]:
    """Whether the question is a story, and the catalogue terms and own topic words (Vietnamese) of its
    closing clauses (``Query.dense_ask``, taken from the typed text); a question that is no story is
    all close."""
    ask = query.dense_ask
    if not ask:
        return False, [set(words(t)) for t in query.terms], set(query.lexical_words(lexicon.stopwords))
    close = replace(query, text=" ".join(query.text.split()[-len(ask.split()) :]))
    terms = [set(words(t)) for t in lexicon.expand(close.text, query.language)]
    return True, terms, set(close.lexical_words(lexicon.stopwords))


def own_units(query: Query) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Folded words and adjacent word pairs the citizen typed (Vietnamese; none for English and Thai).

    The lexicon's catalogue terms are left out on purpose: judged on them too, the contests gained more
    on the tuning set (cross-validated R@1 0.889 against 0.883) but lost on the blind fresh2 set (R@1
    0.620 against 0.639, 0.635 without contests), the lexicon having been written from the tuning
    questions.
    """
    if query.language != "vi":
        return frozenset(), frozenset()
    typed = words(spell_out(query.text))
    return frozenset(typed), frozenset(pairwise(typed))


def _positions(values: list[float]) -> list[int]:
    """Each value's position when the values are sorted best first."""
    order = sorted(range(len(values)), key=lambda i: -values[i])
    positions = [0] * len(values)
    for position, i in enumerate(order):
        positions[i] = position
    return positions


def name_words(procedure: Procedure) -> frozenset[str]:
    """Folded words of a procedure name without bracketed qualifiers and the "Thủ tục" prefix."""
    return _name_words(procedure.name)[0]


def name_lead(procedure: Procedure) -> tuple[str, ...]:
    """The first two words of the name (without "Thủ tục"): its action, such as "cap lai" or "gia han"."""
    return _name_words(procedure.name)[1]


@cache
def _name_words(name: str) -> tuple[frozenset[str], tuple[str, ...], frozenset[tuple[str, str]]]:
    """The name's folded words, its first two, and its adjacent word pairs."""
    tokens = [w for w in words(_QUALIFIER.sub(" ", name)) if w not in {"thu", "tuc"}]
    return frozenset(tokens), tuple(tokens[:2]), frozenset(pairwise(tokens))


def _is_central(procedure: Procedure) -> bool:
    if _CENTRAL.search(procedure.name):
        return True
    return bool(procedure.levels) and all(_CENTRAL.search(level) for level in procedure.levels)


def default_reranker(lexicon: Lexicon) -> Reranker:
    return Reranker(lexicon, RerankModel.load())
