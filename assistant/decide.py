"""Answer, clarify or hand off, from the retrieval candidates.

- handoff: the question is about something the catalogue does not cover (``assistant.handoff``, a
  model over the retrieval evidence) or nothing was found at all.
- clarify: the question is vague (it says little beyond the best procedure's name) and a runner-up is
  a genuine variant of the best one that the citizen's words do not decide between: the same
  procedure with or without a foreign element, one- vs two-member company, re-issue vs exchange,
  household business vs company...; or the citizen asks where to go and the procedure is published at
  several levels (provincial vs central...) that the reranker cannot tell apart. The text then asks
  which of those 2-4 procedures is meant.
- answer: otherwise, about the best candidate.

Apart from a question about where to go, a procedure published once per level ("… (thực hiện tại cấp
tỉnh)", "… (cấp trung ương)") is one option, not a choice: every level answers the question the same.
The clarify thresholds live in ``assistant.settings.DecisionSettings`` and are chosen by
``eval.calibrate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.handoff import HandoffModel
from assistant.lexicon import default_lexicon, words
from assistant.options import Option, options
from assistant.query import Query
from assistant.rerank import MARKERS
from assistant.retrieve import Candidate
from assistant.settings import DecisionSettings
from knowledge.schema import Procedure

Status = Literal["answer", "clarify", "handoff"]
FOREIGN = frozenset(words("có yếu tố nước ngoài"))
# Words of a variant that is a choice only in special cases a center rarely sees (mobile registration,
# border areas, consular officers): offering it to every vague question would be noise.
RARE = frozenset(words("lưu động biên giới ngoại giao lãnh sự"))
# Words that make a procedure a different action on the same thing (re-issue, deletion, extension...).
ACTIONS = (MARKERS - FOREIGN) | frozenset(words("không chưa lần đầu"))


@dataclass(frozen=True)
class Decision:
    status: Status
    procedures: tuple[Procedure, ...]  # the one answered about, or the options of a clarification


def is_vague(query: Query, best: Option, settings: DecisionSettings) -> bool:
    """Whether the question says little beyond the best procedure's name (no situation to decide by).

    Vietnamese: at most ``vague_words`` of the citizen's own topic words fall outside the name; English
    and Thai (whose words the name cannot hold): at most ``vague_chars`` characters.
    """
    if query.language == "vi":
        own = set(query.lexical_words(default_lexicon().stopwords))
        return len(own - best.words) <= settings.vague_words
    return len(query.text) <= settings.vague_chars


def said_words(query: Query) -> set[str]:
    """The citizen's own topic words with the words of the catalogue terms the lexicon found."""
    own = set(query.lexical_words(default_lexicon().stopwords))
    return own.union(*(words(term) for term in query.terms))


def is_variant(best: Option, other: Option, said: set[str], settings: DecisionSettings) -> bool:
    """Whether ``other`` is a variant of ``best`` that the citizen's words leave open."""
    only_best, only_other = best.words - other.words, other.words - best.words
    if (only_best, only_other) in ((FOREIGN, frozenset()), (frozenset(), FOREIGN)):
        # with or without a foreign element: a choice whenever nobody said which, however the
        # reranker leans (it learnt from situations that did say)
        return not FOREIGN & said
    if other.probability < settings.variant_ratio * best.probability:
        return False
    if len(only_best | only_other) > settings.variant_difference or (only_best | only_other) & RARE:
        return False
    if bool(only_best & said) != bool(only_other & said):
        return False  # the citizen's words point to one of the two
    return not (only_other & ACTIONS and not only_best & ACTIONS)  # an action nobody asked for


def close_variants(query: Query, candidates: list[Candidate], settings: DecisionSettings) -> list[Procedure]:
    """The best procedure and the options a clarification would offer beside it.

    Variants of it when the question is vague; its other levels within ``level_ratio`` of it when the
    citizen asks where to go (the office is the one thing the level changes).
    """
    found = options(candidates[: settings.variant_depth], merge_levels=query.intent != "where")
    best = found[0]
    if best.probability <= 0:
        return [best.procedure]
    said = said_words(query) if is_vague(query, best, settings) else None
    close = [best] + [
        o
        for o in found[1:]
        if (o.probability >= settings.level_ratio * best.probability if o.base == best.base
            else said is not None and is_variant(best, o, said, settings))
    ]  # fmt: skip
    return [o.procedure for o in close[: settings.max_variants]]


def decide(
    query: Query, candidates: list[Candidate], settings: DecisionSettings, handoff: HandoffModel
) -> Decision:
    if handoff.out_of_scope(query, candidates):
        return Decision("handoff", ())
    close = close_variants(query, candidates, settings)
    if len(close) >= 2:
        return Decision("clarify", tuple(close))
    return Decision("answer", (candidates[0].procedure,))
