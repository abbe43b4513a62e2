"""``motcua eval ocr --dir DIR [--json]``: the scan reader on generated documents with ground truth.

Reports document-type accuracy, per-field exact match and character error rate by document type and
by degradation level, the key fields (issue #4's 100% target) on the images whose QR decoded or MRZ
read, seconds per image (p50/p95, wall and CPU), and, on the MRZ-bearing images, the MRZ read rate
and time of our reader against PassportEye run in the same process on the same images.
Ground truth: ``<image>.json`` beside each image, as written by ``motcua eval docgen``.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path

from eval.measure import percentile, rounded
from knowledge.text import edit_distance

# Fields that must be exact wherever a QR or MRZ is readable (issue #4).
KEY_FIELDS = ("id_number", "full_name", "date_of_birth", "sex")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dir", required=True, type=Path, help="folder of images with truth JSON beside them"
    )
    parser.add_argument("--json", action="store_true", help="print the report as one JSON document")
    parser.add_argument("--limit", type=int, default=0, help="evaluate at most this many images")
    parser.add_argument("--no-passporteye", action="store_true", help="skip the PassportEye baseline")


def cer(truth: str, read: str) -> float:
    """Character error rate: edit distance over the truth's length."""
    if not truth:
        return 0.0 if not read else 1.0
    return edit_distance(truth, read) / len(truth)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (Tesseract runs as a child): unlike
    wall time, not inflated when other work shares the cores."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _passporteye(path: Path) -> tuple[str | None, float, float]:
    from passporteye import read_mrz

    start, cpu = time.perf_counter(), _cpu()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = read_mrz(str(path), extra_cmdline_params="--oem 1")
    except Exception:  # PassportEye raises assorted errors on images it cannot handle
        found = None
    elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
    if found is None:
        return None, elapsed, cpu
    return found.aux.get("text", "").replace(" ", ""), elapsed, cpu


def _our_mrz(path: Path) -> tuple[str | None, float, float]:
    """Our MRZ stage alone, as PassportEye is timed: load, find and straighten the page, read the MRZ
    upright or upside down."""
    from ocr import straighten
    from ocr.load import load_path
    from ocr.mrz_reader import read_mrz

    start, cpu = time.perf_counter(), _cpu()
    page = straighten.landscape(straighten.straighten(load_path(path)[0]))
    found = None
    for turn in (0, 180):
        found, _ = read_mrz(straighten.rotate(page, turn))
        if found is not None:
            break
    return (found.text if found else None), time.perf_counter() - start, _cpu() - cpu


def _mrz_match(truth: str, read: str | None) -> bool:
    return bool(read) and read.replace("\n", "") == truth.replace("\n", "")


def machine_read(document, truth_mrz: str | None) -> bool:
    """Whether the page's QR decoded (a field kept from it) or its MRZ read exactly."""
    if any(field.source == "qr" for field in document.fields.values()):
        return True
    read = document.fields.get("mrz")
    return bool(truth_mrz) and _mrz_match(truth_mrz, read.value if read else None)


def evaluate(directory: Path, limit: int = 0, passporteye: bool = True) -> dict:
    from ocr.load import ScanError
    from ocr.pipeline import extract

    truths = sorted(directory.glob("*.json"))
    if limit:
        truths = truths[:limit]
    field_hits: dict[tuple[str, str, str], list[bool]] = defaultdict(list)
    field_cer: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    type_hits: dict[tuple[str, str], list[bool]] = defaultdict(list)
    key_hits: dict[tuple[str, str], list[bool]] = defaultdict(list)
    seconds: list[float] = []
    cpu_seconds: list[float] = []
    mrz = {
        "ours": {"read": 0, "seconds": [], "cpu": []},
        "ours_mrz_stage": {"read": 0, "seconds": [], "cpu": []},
        "passporteye": {"read": 0, "seconds": [], "cpu": []},
        "images": 0,
    }
    errors = []
    for truth_path in truths:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        image = truth_path.parent / truth["file"]
        kind, level = truth["document_type"], truth["level"]
        start, cpu = time.perf_counter(), _cpu()
        try:
            document = extract([image])[0]
        except ScanError as exc:
            errors.append(str(exc))
            continue
        elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
        seconds.append(elapsed)
        cpu_seconds.append(cpu)
        type_hits[(kind, level)].append(document.document_type == kind)
        for name, expected in truth["fields"].items():
            got = document.fields.get(name)
            value = got.value if got else None
            present = got is not None
            field_hits[(kind, level, name)].append(present and value == expected)
            field_cer[(kind, level, name)].append(
                cer(str(expected or ""), str(value or "")) if present else 1.0
            )
        if machine_read(document, truth["fields"].get("mrz")):
            key_hits[(level, "images")].append(True)
            for name in KEY_FIELDS:
                if name in truth["fields"]:
                    key_hits[(level, name)].append(field_hits[(kind, level, name)][-1])
        if truth["fields"].get("mrz"):
            mrz["images"] += 1
            ours = document.fields.get("mrz")
            mrz["ours"]["read"] += _mrz_match(truth["fields"]["mrz"], ours.value if ours else None)
            mrz["ours"]["seconds"].append(elapsed)
            mrz["ours"]["cpu"].append(cpu)
            text, taken, taken_cpu = _our_mrz(image)
            mrz["ours_mrz_stage"]["read"] += _mrz_match(truth["fields"]["mrz"], text)
            mrz["ours_mrz_stage"]["seconds"].append(taken)
            mrz["ours_mrz_stage"]["cpu"].append(taken_cpu)
            if passporteye:
                text, taken, taken_cpu = _passporteye(image)
                mrz["passporteye"]["read"] += _mrz_match(truth["fields"]["mrz"], text)
                mrz["passporteye"]["seconds"].append(taken)
                mrz["passporteye"]["cpu"].append(taken_cpu)
        print(f"{truth['file']}: {document.document_type} {elapsed:.2f}s", file=sys.stderr)
    report = _report(field_hits, field_cer, type_hits, (seconds, cpu_seconds), mrz, errors, passporteye)
    report["key_fields_machine_read"] = key_fields_report(key_hits)
    return report


def _rate(values: list[bool]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def key_fields_report(key_hits: dict[tuple[str, str], list[bool]]) -> dict:
    """By level: how many images had a QR or MRZ read, and each key field's exact rate on them."""
    levels = sorted({level for level, _ in key_hits})
    return {
        level: {"images": len(key_hits[(level, "images")])}
        | {
            name: {"n": len(hits), "exact": _rate(hits)}
            for name in KEY_FIELDS
            if (hits := key_hits.get((level, name)))
        }
        for level in levels
    }


def _report(field_hits, field_cer, type_hits, timing, mrz, errors, passporteye) -> dict:
    by_type: dict[str, dict] = defaultdict(lambda: defaultdict(lambda: {"exact": [], "cer": []}))
    by_level: dict[str, dict] = defaultdict(lambda: defaultdict(lambda: {"exact": [], "cer": []}))
    for (kind, level, name), hits in field_hits.items():
        for table, key in ((by_type, kind), (by_level, level)):
            table[key][name]["exact"] += hits
            table[key][name]["cer"] += field_cer[(kind, level, name)]

    def summarize(table: dict) -> dict:
        return {
            key: {
                name: {
                    "n": len(v["exact"]),
                    "exact": _rate(v["exact"]),
                    "cer": round(statistics.fmean(v["cer"]), 4),
                }
                for name, v in sorted(fields.items())
            }
            for key, fields in sorted(table.items())
        }

    all_types = [hit for hits in type_hits.values() for hit in hits]
    type_by_level: dict[str, list[bool]] = defaultdict(list)
    for (_, level), hits in type_hits.items():
        type_by_level[level] += hits
    report = {
        "images": len(all_types),
        "refused": errors,
        "document_type_accuracy": _rate(all_types),
        "document_type_by_level": {level: _rate(h) for level, h in sorted(type_by_level.items())},
        "fields_by_type": summarize(by_type),
        "fields_by_level": summarize(by_level),
        "seconds_per_image": {
            "wall_p50": rounded(percentile(timing[0], 50), 3),
            "wall_p95": rounded(percentile(timing[0], 95), 3),
            "cpu_p50": rounded(percentile(timing[1], 50), 3),
            "cpu_p95": rounded(percentile(timing[1], 95), 3),
        },
        "mrz": {"images": mrz["images"]},
    }
    engines = ("ours", "ours_mrz_stage", "passporteye") if passporteye else ("ours", "ours_mrz_stage")
    for engine in engines:
        data = mrz[engine]
        report["mrz"][engine] = {
            "read_rate": round(data["read"] / mrz["images"], 4) if mrz["images"] else 0.0,
            "wall_p50": rounded(percentile(data["seconds"], 50), 3),
            "cpu_p50": rounded(percentile(data["cpu"], 50), 3),
        }
    report["mrz"]["note"] = (
        "read = all MRZ lines exact. ours: the whole pipeline per image (QR, MRZ, printed text); "
        "ours_mrz_stage: load + straighten + MRZ only, timed like passporteye"
    )
    return report


def _print_table(report: dict) -> None:
    print(f"images: {report['images']}  document type accuracy: {report['document_type_accuracy']:.1%}")
    print("by level:", ", ".join(f"{k} {v:.1%}" for k, v in report["document_type_by_level"].items()))
    for title in ("fields_by_level", "fields_by_type"):
        print(f"\n{title.replace('_', ' ')} (exact match / CER):")
        for key, fields in report[title].items():
            cells = "  ".join(f"{name} {v['exact']:.0%}/{v['cer']:.3f}" for name, v in fields.items())
            print(f"  {key}: {cells}")
    print("\nkey fields where a QR or MRZ was read (exact match):")
    for level, fields in report["key_fields_machine_read"].items():
        cells = "  ".join(
            f"{name} {v['exact']:.0%} of {v['n']}" for name, v in fields.items() if name != "images"
        )
        print(f"  {level} ({fields['images']} images): {cells}")
    s = report["seconds_per_image"]
    print(
        f"\nseconds per image: wall p50 {s['wall_p50']} p95 {s['wall_p95']}; cpu p50 {s['cpu_p50']} p95 {s['cpu_p95']}"
    )
    print("MRZ:", json.dumps(report["mrz"], ensure_ascii=False))


def run(args: argparse.Namespace) -> int:
    from api.cli import UsageError

    if not args.dir.is_dir():
        raise UsageError(f"not a folder: {args.dir}")
    report = evaluate(args.dir, args.limit, passporteye=not args.no_passporteye)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        _print_table(report)
    return 0
