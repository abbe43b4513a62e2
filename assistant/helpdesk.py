"""The helpdesk: a question (and a session) in, an ``Answer`` out.

``Helpdesk.load()`` loads the catalogue, the lexicon, the diacritic restorer, the embedding model and
both indexes once; ``ask`` then runs understand -> (follow-up | retrieve -> rerank -> decide) -> compose.

Bad input: ``ask`` raises ``assistant.normalize.QuestionTooLong`` for a question over the length cap
and ``EmptyQuestion`` for one with nothing left once noise is removed (both ``ValueError``); the CLI
turns them into exit status 2 and the API into HTTP 422, each with the message.
"""

from __future__ import annotations

import sys
import time
import uuid
from dataclasses import dataclass

from assistant.bm25 import BM25Index
from assistant.compose import citation, compose_answer, compose_clarify, compose_handoff
from assistant.conversation import MemorySessionStore, SessionState, SessionStore, pick_option
from assistant.decide import Decision, decide
from assistant.dense import DenseIndex, QueryEncoder
from assistant.diacritics import DiacriticRestorer, default_restorer
from assistant.embeddings import Embedder, load_embedder
from assistant.handoff import HandoffModel, default_handoff_model
from assistant.intent import is_bare_followup
from assistant.language import preload as preload_language_profiles
from assistant.lexicon import Lexicon, default_lexicon
from assistant.out_of_scope import OutOfScopeTopics
from assistant.query import Query, understand
from assistant.rerank import Reranker, default_reranker
from assistant.retrieve import Candidate as RankedCandidate
from assistant.retrieve import Mode, Retriever
from assistant.schema import Answer, Candidate
from assistant.settings import SETTINGS, Settings
from knowledge.catalogue import Catalogue, default_catalogue


@dataclass(frozen=True)
class Trace:
    answer: Answer
    query: Query
    ranked: list[RankedCandidate]  # empty when the answer came from the session (a follow-up)


@dataclass
class Helpdesk:
    catalogue: Catalogue
    retriever: Retriever
    reranker: Reranker
    handoff: HandoffModel
    restorer: DiacriticRestorer
    lexicon: Lexicon
    sessions: SessionStore
    settings: Settings = SETTINGS

    @classmethod
    def load(
        cls,
        catalogue: Catalogue | None = None,
        embedder: Embedder | None = None,
        sessions: SessionStore | None = None,
        settings: Settings = SETTINGS,
        reranker: Reranker | None = None,
        handoff: HandoffModel | None = None,
    ) -> Helpdesk:
        started = time.monotonic()
        catalogue = catalogue or default_catalogue()
        embedder = embedder or load_embedder()
        lexicon = default_lexicon()
        procedures = list(catalogue.procedures)
        retriever = Retriever(
            procedures,
            BM25Index.build(procedures),
            DenseIndex.load_or_build(procedures, catalogue.fingerprint, embedder),
            QueryEncoder.load(embedder, lexicon.catalogue_terms()),
            lexicon,
            settings.retrieval,
            OutOfScopeTopics.load(embedder),
        )
        store = sessions or MemorySessionStore(settings.session.max_sessions, settings.session.ttl_seconds)
        reranker = reranker or default_reranker(lexicon)
        handoff = handoff or default_handoff_model()
        preload_language_profiles()
        print(f"helpdesk loaded in {time.monotonic() - started:.1f} s", file=sys.stderr)
        return cls(catalogue, retriever, reranker, handoff, default_restorer(), lexicon, store, settings)

    def understand(self, question: str) -> Query:
        return understand(question, self.restorer, self.lexicon)

    def ask(self, question: str, session: str | None = None) -> Answer:
        return self.trace(question, session).answer

    def trace(self, question: str, session: str | None = None, mode: Mode = "hybrid") -> Trace:
        """``ask`` with what led to the answer (for evaluation); ``mode`` selects a baseline ranker."""
        session = session or uuid.uuid4().hex
        query = self.understand(question)
        state = self.sessions.get(session)
        answer = self._follow_up(query, state, session) if state else None
        if answer is not None:
            return Trace(answer, query, [])
        ranked = self.rank(query, mode)
        candidates = [Candidate(code=c.procedure.code, name=c.procedure.name, score=c.score) for c in ranked]
        decision = decide(query, ranked, self.settings.decision, self.handoff)
        return Trace(self._reply(query, decision, query.intent, candidates, session), query, ranked)

    def rank(self, query: Query, mode: Mode = "hybrid") -> list[RankedCandidate]:
        """The candidates: fused and reranked (hybrid), or one ranker's own (a baseline mode)."""
        if mode != "hybrid":
            return self.retriever.run(query, mode)
        fused = self.retriever.run(query, mode, limit=self.settings.retrieval.rerank_depth)
        return self.reranker.run(query, fused, self.settings.retrieval.candidates)

    def _follow_up(self, query: Query, state: SessionState, session: str) -> Answer | None:
        """An answer drawn from the procedures in play, or None when the question is a new one."""
        procedures = [p for code in state.codes if (p := self.catalogue.get(code)) is not None]
        if not procedures:
            return None
        candidates = list(state.candidates)
        if state.clarifying:
            chosen = pick_option(query.text, procedures)
            if chosen is not None:
                intent = query.intent if query.intent != "general" else state.intent
                return self._reply(query, Decision("answer", (chosen,)), intent, candidates, session)
        if not is_bare_followup(query.text, query.language):
            return None
        if state.clarifying:  # "and the fee?" before choosing: ask again which one is meant
            return self._reply(
                query, Decision("clarify", tuple(procedures)), query.intent, candidates, session
            )
        return self._reply(query, Decision("answer", (procedures[0],)), query.intent, candidates, session)

    def _reply(
        self, query: Query, decision: Decision, intent, candidates: list[Candidate], session: str
    ) -> Answer:
        language = query.language
        if decision.status == "handoff":
            text = compose_handoff(language)
        elif decision.status == "clarify":
            text = compose_clarify(decision.procedures, language)
        else:
            text = compose_answer(decision.procedures[0], intent, language)
            first = decision.procedures[0].code
            candidates = sorted(candidates, key=lambda c: c.code != first)  # stable: the cited one first
        if decision.procedures:
            self.sessions.put(
                session,
                SessionState(
                    codes=tuple(p.code for p in decision.procedures),
                    clarifying=decision.status == "clarify",
                    intent=intent,
                    candidates=tuple(candidates),
                ),
            )
        return Answer(
            status=decision.status,
            language=language,
            intent=intent,
            text=text,
            citations=[citation(p) for p in decision.procedures],
            candidates=candidates,
            session=session,
        )
