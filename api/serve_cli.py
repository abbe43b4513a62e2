"""``motcua serve`` and the service's admin commands: ``motcua users add|passwd|list``, ``motcua purge``."""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import json
import logging
import os
import sys

from api.cli import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser("serve", help="run the web service (API, chat widget, kiosk, staff pages)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--production",
        action="store_true",
        help="require MOTCUA_SECRET_KEY and secure cookies (the default off loopback addresses)",
    )
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    serve.set_defaults(handler=_serve)

    users = subparsers.add_parser("users", help="staff and admin accounts")
    verbs = users.add_subparsers(dest="users_command", required=True)
    add = verbs.add_parser("add", help="add a user (password read from stdin or asked)")
    add.add_argument("username")
    add.add_argument("--role", choices=["staff", "admin"], default="staff")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=_users_add)
    passwd = verbs.add_parser("passwd", help="set a user's password (signs the user out)")
    passwd.add_argument("username")
    passwd.add_argument("--password-stdin", action="store_true")
    passwd.add_argument("--json", action="store_true")
    passwd.set_defaults(handler=_users_passwd)
    listing = verbs.add_parser("list", help="list accounts")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_users_list)

    purge = subparsers.add_parser("purge", help="erase scans and drafts older than the retention period")
    purge.add_argument(
        "--days", type=int, default=None, help="retention in days (default: MOTCUA_RETENTION_DAYS, 30)"
    )
    purge.add_argument("--json", action="store_true")
    purge.set_defaults(handler=_purge)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from api.masking import MaskingFilter
    from api.settings import ConfigError, Settings

    if not 0 < args.port < 65536:
        raise UsageError(f"bad port {args.port}")
    if args.production:
        os.environ["MOTCUA_DEVELOPMENT"] = "0"
    elif "MOTCUA_DEVELOPMENT" not in os.environ:
        os.environ["MOTCUA_DEVELOPMENT"] = "1" if _is_loopback(args.host) else "0"
    settings = Settings()
    try:
        settings.encryption_key()
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(MaskingFilter())
    mode = "development" if settings.development else "production"
    print(f"motcua: serving on http://{args.host}:{args.port} ({mode} mode)", file=sys.stderr)
    uvicorn.run(
        create_app(settings),
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        access_log=False,  # URLs may carry questions (?q=); the app logs requests masked
        proxy_headers=False,
        # longer than clients' own idle expiry (httpx 5 s, browsers more), so a client never sends on a
        # connection the server is closing at the same moment
        timeout_keep_alive=75,
    )
    return 0


def _sessions():
    from api.settings import ConfigError, Settings
    from api.store.db import make_engine, migrate, session_factory

    settings = Settings()
    engine = make_engine(settings.resolved_database_url())
    try:
        migrate(engine)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    return settings, session_factory(engine)


def _password(stdin: bool) -> str:
    if stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            raise UsageError("the passwords differ")
    return password


def _print(args: argparse.Namespace, document: object, line: str) -> None:
    print(json.dumps(document, ensure_ascii=False) if args.json else line)


def _users_add(args: argparse.Namespace) -> int:
    from api.store import users

    _, sessions = _sessions()
    password = _password(args.password_stdin)
    with sessions() as db:
        try:
            user = users.add_user(db, args.username, password, args.role)
        except users.UserError as exc:
            raise UsageError(str(exc)) from None
        _print(args, {"username": user.username, "role": user.role}, f"added {user.role} {user.username}")
    return 0


def _users_passwd(args: argparse.Namespace) -> int:
    from api.store import users

    _, sessions = _sessions()
    password = _password(args.password_stdin)
    with sessions() as db:
        try:
            user = users.update_user(db, args.username, password=password)
        except users.UserError as exc:
            raise UsageError(str(exc)) from None
        _print(
            args, {"username": user.username, "changed": ["password"]}, f"password of {user.username} changed"
        )
    return 0


def _users_list(args: argparse.Namespace) -> int:
    from api.store import users

    _, sessions = _sessions()
    with sessions() as db:
        rows = [{"username": u.username, "role": u.role, "active": u.active} for u in users.list_users(db)]
    _print(
        args,
        {"users": rows},
        "\n".join(f"{r['username']}\t{r['role']}\t{'active' if r['active'] else 'disabled'}" for r in rows),
    )
    return 0


def _purge(args: argparse.Namespace) -> int:
    from api.store import scans

    settings, sessions = _sessions()
    days = settings.retention_days if args.days is None else args.days
    if days < 0:
        raise UsageError("--days must be 0 or more")
    with sessions() as db:
        report = scans.purge(db, days)
    _print(
        args,
        {"retention_days": days, "scans": report.scans, "drafts": report.drafts},
        f"purged {report.scans} scans and {report.drafts} drafts older than {days} days",
    )
    return 0
