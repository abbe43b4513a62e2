"""``motcua eval load``: N concurrent chat users for T seconds against the service on loopback.

Each simulated citizen keeps one chat session, asks a question from the helpdesk question set, reads
the answer (think time), and asks again. Before the load, a single user's latency is measured in the
same run as the baseline. Reports p50/p95/p99 latency, throughput and errors (any non-200 or
transport failure). Target: p95 <= 300 ms with 0 errors at 50 users.

Without ``--url`` it starts its own service (eval/service.py: loopback, throwaway data, public rate
limit off since all simulated users share one address); with ``--url`` it drives an already running
service, which must listen on a loopback address (start it with MOTCUA_RATE_PER_MINUTE=0).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import random
import statistics
import time
from pathlib import Path
from urllib.parse import urlsplit

from eval.measure import percentile, rounded

QUESTIONS = Path(__file__).resolve().parent / "questions" / "helpdesk.jsonl"
TARGET_P95_MS = 300.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", help="a running service on loopback (default: start one)")
    parser.add_argument("--users", type=int, default=50, help="concurrent chat users (default 50)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60, max 600)")
    parser.add_argument(
        "--think",
        type=float,
        default=2.0,
        help="mean seconds a user reads an answer before asking again (default 2)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout")


def run(args: argparse.Namespace) -> int:
    from api.cli import UsageError

    if not 1 <= args.users <= 500:
        raise UsageError("--users must be between 1 and 500")
    if not 0 < args.duration <= 600:
        raise UsageError("--duration must be between 0 and 600 seconds")
    if args.think < 0:
        raise UsageError("--think must be 0 or more")
    if args.url:
        _require_loopback(args.url)
        report = asyncio.run(_measure(args.url.rstrip("/"), args))
    else:
        from eval.service import LocalService

        with LocalService() as service:
            if service.helpdesk != "ready":
                raise UsageError(f"the service's helpdesk is {service.helpdesk}: nothing to load-test")
            report = asyncio.run(_measure(service.url, args))
    if args.json:
        print(json.dumps(report))
    else:
        _print_table(report)
    return 0


def _require_loopback(url: str) -> None:
    from api.cli import UsageError

    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise UsageError(f"--url must point at a loopback address (127.0.0.1 or localhost), not {host!r}")


def _questions() -> list[str]:
    return [
        json.loads(line)["question"]
        for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


async def _measure(url: str, args: argparse.Namespace) -> dict:
    import httpx

    questions = _questions()
    limits = httpx.Limits(max_connections=args.users + 5, max_keepalive_connections=args.users + 5)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        rng = random.Random(args.seed)
        baseline, _ = await _user(
            client, questions, random.Random(args.seed), time.monotonic() + 3600, 0.0, 20
        )
        stop = time.monotonic() + args.duration
        started = time.monotonic()
        results = await asyncio.gather(
            *(
                _user(client, questions, random.Random(rng.random()), stop, args.think)
                for _ in range(args.users)
            )
        )
        elapsed = time.monotonic() - started
    latencies = sorted(ms for done, _ in results for ms in done)
    errors: dict[str, int] = {}
    for _, failed in results:
        for kind, count in failed.items():
            errors[kind] = errors.get(kind, 0) + count
    base_p50 = statistics.median(baseline) if baseline else None
    p95 = rounded(percentile(latencies, 95))
    return {
        "url": url,
        "users": args.users,
        "duration_s": round(elapsed, 1),
        "think_s": args.think,
        "requests": len(latencies) + sum(errors.values()),
        "throughput_rps": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "baseline_p50_ms": round(base_p50, 1) if base_p50 else None,
        "p50_ms": rounded(percentile(latencies, 50)),
        "p95_ms": p95,
        "p99_ms": rounded(percentile(latencies, 99)),
        "max_ms": round(latencies[-1], 1) if latencies else None,
        "p95_over_baseline": round(p95 / base_p50, 2) if p95 and base_p50 else None,
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "target_p95_ms": TARGET_P95_MS,
        "meets_target": bool(p95 is not None and p95 <= TARGET_P95_MS and not errors),
    }


async def _user(
    client, questions: list[str], rng: random.Random, stop: float, think: float, limit: int | None = None
):
    """One citizen's session: ask, read, ask again until ``stop`` (or ``limit`` questions)."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    session = None
    if think:
        await asyncio.sleep(rng.uniform(0, min(think, stop - time.monotonic())))  # arrivals spread out
    while time.monotonic() < stop and (limit is None or len(latencies) + sum(errors.values()) < limit):
        body = {"message": rng.choice(questions), **({"session": session} if session else {})}
        began = time.perf_counter()
        try:
            response = await client.post("/api/chat", json=body)
            kind = None if response.status_code == 200 else f"HTTP {response.status_code}"
        except Exception as exc:  # a transport failure is a counted error, not a crash of the run
            kind = type(exc).__name__
        if kind is None:
            latencies.append((time.perf_counter() - began) * 1000)
            session = response.json()["session"]
        else:
            errors[kind] = errors.get(kind, 0) + 1
        if think:
            await asyncio.sleep(min(rng.expovariate(1 / think), max(0.0, stop - time.monotonic())))
    return latencies, errors


def _print_table(report: dict) -> None:
    rows = [
        ("users", report["users"]),
        ("duration (s)", report["duration_s"]),
        ("mean think time (s)", report["think_s"]),
        ("requests", report["requests"]),
        ("throughput (req/s)", report["throughput_rps"]),
        ("single-user p50 (ms), baseline", report["baseline_p50_ms"]),
        ("p50 (ms)", report["p50_ms"]),
        ("p95 (ms)", report["p95_ms"]),
        ("p99 (ms)", report["p99_ms"]),
        ("max (ms)", report["max_ms"]),
        ("p95 / baseline p50", report["p95_over_baseline"]),
        ("errors", f"{report['errors']} {report['error_kinds'] or ''}".strip()),
        (f"p95 <= {report['target_p95_ms']:.0f} ms and 0 errors", "yes" if report["meets_target"] else "NO"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"chat load against {report['url']}")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
