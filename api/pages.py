"""The web pages the service serves: portal chat widget, kiosk, staff review, manager dashboard.

Everything is plain HTML, CSS and ES modules under ``api/static`` — no build step and no CDN, so a
center on a closed network serves the pages itself. Access control lives in the API routes the pages
call: the staff and admin pages are public shells that ask for sign-in before they show any data.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlsplit

import segno
from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse, Response

from ocr.forms import definition

STATIC_DIR = Path(__file__).resolve().parent / "static"

# Hosts whose pages a kiosk QR code may open: the national public service portal and its sub-sites.
QR_HOSTS = ("dichvucong.gov.vn",)
QR_MAX_URL = 512

_PAGES = {"/kiosk": "kiosk.html", "/staff": "staff.html", "/admin": "admin.html"}
_MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".json": "application/json",
}
_NO_STORE = {"Cache-Control": "no-cache"}

router = APIRouter(include_in_schema=False)


def _static_file(relative: str) -> FileResponse:
    """A file under STATIC_DIR, or 404 for anything outside it or of an unknown type."""
    path = (STATIC_DIR / relative).resolve()
    media_type = _MEDIA_TYPES.get(path.suffix)
    if not path.is_relative_to(STATIC_DIR) or not path.is_file() or media_type is None:
        raise HTTPException(status_code=404, detail="not found")
    return FileResponse(path, media_type=media_type, headers=_NO_STORE)


def _page(name: str):
    def serve() -> FileResponse:
        return _static_file(name)

    serve.__name__ = f"page_{Path(name).stem}"
    return serve


for _route, _file in _PAGES.items():
    router.add_api_route(_route, _page(_file), methods=["GET"])


@router.get("/widget.js")
def widget_script() -> FileResponse:
    """The one-line embed for the portal: ``<script src="https://CENTER/widget.js"></script>``."""
    return _static_file("widget.js")


@router.get("/demo/portal.html")
def demo_portal() -> FileResponse:
    """A stand-in provincial portal page that embeds the widget, for demos and tests."""
    return _static_file("demo/portal.html")


@router.get("/static/{relative:path}")
def static_asset(relative: str) -> FileResponse:
    return _static_file(relative)


@router.get("/staff/forms/{form}")
def form_definition(form: str) -> dict:
    """A form's items and printed labels, for the review page (public: the templates are published)."""
    try:
        spec = definition(form)
    except KeyError as exc:
        raise HTTPException(status_code=404, detail=f"unknown form {form!r}") from exc
    return {
        "form": spec.form,
        "title": spec.title,
        "items": [{"item": i.item, "label": i.label} for i in spec.items],
    }


def portal_url(url: str) -> str:
    """``url`` if it is an https page of the national portal; ValueError otherwise."""
    if len(url) > QR_MAX_URL:
        raise ValueError("url too long")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    allowed = any(host == h or host.endswith("." + h) for h in QR_HOSTS)
    if parts.scheme != "https" or not allowed or parts.username or parts.password:
        raise ValueError("only https pages of dichvucong.gov.vn can be encoded")
    return url


def qr_svg(url: str) -> bytes:
    """A QR code for ``url`` as a standalone SVG (dark modules on white, quiet zone included)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=8, border=4, dark="#000", light="#fff", xmldecl=False, title="QR"
    )
    return buffer.getvalue()


@router.get("/kiosk/qr")
def kiosk_qr(url: str = Query(..., description="a dichvucong.gov.vn page")) -> Response:
    """The QR code a kiosk shows so a citizen can open the procedure's portal page on a phone."""
    try:
        svg = qr_svg(portal_url(url))
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})
