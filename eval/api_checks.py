"""``motcua eval api``: the service's robustness from outside, against a throwaway ``motcua serve``.

1. schemathesis fuzzes every operation of ``/openapi.json`` (signed in as an admin, so staff and
   admin routes are exercised past the role check) with the ``not_a_server_error`` check: no 5xx.
2. The bad-file corpus (tests/data/bad-files/generate.py, >= 30 files) is posted to ``/api/scans``:
   every file must get a clear 4xx with a message.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
BAD_FILES = REPO / "tests" / "data" / "bad-files" / "generate.py"
ADMIN, PASSWORD = "schemathesis-admin", "a long enough password"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--max-examples", type=int, default=30, help="examples per operation (default 30)")
    parser.add_argument("--max-time", type=int, default=240, help="time budget of the fuzzing in seconds")
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout")


def run(args: argparse.Namespace) -> int:
    from api.cli import UsageError
    from eval.service import LocalService

    if args.max_examples < 1 or args.max_time < 1:
        raise UsageError("--max-examples and --max-time must be at least 1")
    with LocalService() as service:
        service.add_user(ADMIN, PASSWORD, "admin")
        bad = post_bad_files(service.url, service.token(ADMIN, PASSWORD))
        fuzz = fuzz_openapi(service.url, service.token(ADMIN, PASSWORD), args.max_examples, args.max_time)
        fuzz["helpdesk"] = service.helpdesk
    report = {"schemathesis": fuzz, "bad_files": bad}
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        _print(report)
    return 0 if fuzz["server_errors"] == 0 and bad["not_4xx"] == 0 and bad["unexpected"] == 0 else 1


def fuzz_openapi(url: str, token: str, max_examples: int, max_time: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        junit = Path(folder) / "junit.xml"
        command = [
            str(Path(sys.executable).parent / "schemathesis"),
            "run",
            f"{url}/openapi.json",
            "--checks",
            "not_a_server_error",
            "--header",
            f"Authorization: Bearer {token}",
            "--exclude-path",
            "/api/auth/logout",  # would end the fuzzer's own session
            "--max-examples",
            str(max_examples),
            "--max-time",
            str(max_time),
            "--workers",
            "1",
            "--phases",
            "examples,coverage,fuzzing",
            "--suppress-health-check",
            "all",
            "--generation-deterministic",
            "--report",
            "junit",
            "--report-junit-path",
            str(junit),
        ]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=max_time + 300)
        suite = ET.parse(junit).getroot() if junit.exists() else None
    cases = list(suite.iter("testcase")) if suite is not None else []
    failed = [
        c.get("name", "") for c in cases if c.find("failure") is not None or c.find("error") is not None
    ]
    return {
        "operations": len(cases),
        "server_errors": len(failed) if completed.returncode else 0,
        "failed_operations": failed,
        "exit_status": completed.returncode,
        "summary": completed.stdout.strip().splitlines()[-1:] or completed.stderr.strip().splitlines()[-1:],
    }


def post_bad_files(url: str, token: str) -> dict:
    spec = importlib.util.spec_from_file_location("bad_files_generate", BAD_FILES)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        expected = module.generate(Path(folder))
        for name, status in expected.items():
            data = (Path(folder) / name).read_bytes()
            response = httpx.post(
                f"{url}/api/scans",
                headers={"Authorization": f"Bearer {token}"},
                files=[("files", (name, data))],
                data={"form": "TK01"},
                timeout=120,
            )
            detail = response.json().get("detail", "") if response.content else ""
            rows.append(
                {
                    "file": name,
                    "bytes": len(data),
                    "status": response.status_code,
                    "expected": status,
                    "detail": detail,
                }
            )
    return {
        "files": len(rows),
        "not_4xx": sum(1 for r in rows if not 400 <= r["status"] < 500),
        "unexpected": sum(1 for r in rows if r["status"] != r["expected"]),
        "rows": rows,
    }


def _print(report: dict) -> None:
    fuzz, bad = report["schemathesis"], report["bad_files"]
    print(
        f"schemathesis, not_a_server_error: {fuzz['operations']} operations, {fuzz['server_errors']} with a 5xx"
    )
    for name in fuzz["failed_operations"]:
        print(f"  5xx: {name}")
    print(f"bad files posted to /api/scans: {bad['files']} files, {bad['not_4xx']} not 4xx")
    width = max(len(r["file"]) for r in bad["rows"])
    for r in bad["rows"]:
        print(f"  {r['file']:<{width}}  {r['status']}  {r['detail'][:90]}")
