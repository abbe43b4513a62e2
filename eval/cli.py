"""``motcua eval ...``: each evaluation lives in its own module with ``add_arguments`` and ``run``."""

from __future__ import annotations

import argparse
import importlib

# subcommand -> (module, one-line help). Modules keep heavy imports inside ``run``: --help stays fast.
EVALUATIONS = {
    "catalogue": ("eval.catalogue", "agreement of the crawl parser with the portal's structured records"),
    "retrieval": ("eval.retrieval", "helpdesk accuracy, handoff and latency on a question set"),
    "rerank": ("eval.rerank", "fit the helpdesk reranker and report its cross-validated gain"),
    "handoff": ("eval.handoff", "fit the helpdesk's out-of-scope model and its threshold, cross-validated"),
    "diacritics": (
        "eval.diacritics",
        "syllable accuracy of diacritic restoration on held-out catalogue text",
    ),
    "bare": ("eval.bare", "the same Vietnamese rows with and without marks, paired: the gap and its causes"),
    "ocr": ("eval.ocr", "document type and per-field accuracy on generated scans, against PassportEye"),
    "load": ("eval.load", "concurrent chat users against the service on loopback: p50/p95 latency, errors"),
    "api": (
        "eval.api_checks",
        "schemathesis fuzzing (no 5xx) and the bad-file corpus (all 4xx) against the service",
    ),
    "docgen": ("eval.docgen", "generate synthetic identity documents with ground truth"),
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("eval", help="evaluations and benchmarks")
    evals = parser.add_subparsers(dest="evaluation", required=True)
    for name, (module_name, help_text) in EVALUATIONS.items():
        sub = evals.add_parser(name, help=help_text)
        sub.set_defaults(handler=_lazy(module_name))
        importlib.import_module(module_name).add_arguments(sub)


def _lazy(module_name: str):
    def handler(args: argparse.Namespace) -> int:
        return importlib.import_module(module_name).run(args)

    return handler
