"""`create_app`: the read-only dashboard over one store file.

Routes (each page has a JSON twin: the same path with ".json"; GET and HEAD only, anything else 405):

    /                          dyads ranked by recent change        /index.json
    /dyads/{A}-{B}             one dyad: every panel, with filters  /dyads/{A}-{B}.json
    /events/{incident}         an incident in its article           /events/{incident}.json
    /search                    search over incidents                /search.json
    /static/plotly.min.js      the plotting library shipped in the `plotly` package (fixed route)
    /static/dyadwatch.js       the script that draws the figures (fixed route)

Errors have one shape: `{"error": {"status": 404, "message": "..."}}` for JSON twins and for clients
that ask for JSON (Accept: application/json without text/html), and an HTML page with the same
status and message otherwise. 404: unknown route, dyad, incident or mention; 405: a method other
than GET/HEAD; 422: a bad query parameter; 503: the store cannot be read (locked by a writer,
missing, corrupt); 500: anything else, with no detail shown.

Every response carries `SECURITY_HEADERS`. Templates autoescape everything (and fail on an undefined
name); article text, titles and URLs are only ever passed to them as data. No request value reaches
the filesystem: the static files are two fixed paths.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyadwatch.config import Settings
from dyadwatch.errors import ActorError, StoreError
from dyadwatch.report.html import PLOTLY_JS, STATIC_DIR
from dyadwatch.report.text import actor_text
from dyadwatch.web.corpus import StoreReader

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
"""Headers set on every response."""

GET = ["GET", "HEAD"]
"""The only methods any route answers."""

JSON_SUFFIX = ".json"
"""Path suffix of every JSON twin."""


@dataclass(frozen=True)
class Web:
    """What the routes share: the store reader, the settings and the template environment."""

    reader: StoreReader
    """Read-only access to the store."""
    settings: Settings
    """Settings (actor dictionary for names)."""
    templates: Environment
    """Jinja2 environment: autoescape on, StrictUndefined."""


def create_app(store_path: str, *, settings: Settings) -> FastAPI:
    """The dashboard over the DuckDB store at `store_path` (StoreError if it cannot be opened read-only)."""
    from dyadwatch.web import pages

    app = FastAPI(title="dyadwatch", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.web = Web(StoreReader(store_path), settings, template_environment())
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(ActorError, _actor_error)
    app.add_exception_handler(Exception, _internal_error)
    _static_routes(app)
    app.include_router(pages.router)
    return app


def template_environment() -> Environment:
    """Templates of `dyadwatch/web/templates`: every value escaped, undefined names an error."""
    env = Environment(
        loader=PackageLoader("dyadwatch.web", "templates"), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["num"] = _num
    env.filters["actor"] = actor_text
    env.globals["report_css"] = (STATIC_DIR / "dyadwatch.css").is_file()
    return env


def _num(value: float | None, digits: int = 2, signed: bool = False) -> str:
    """A rounded number for a template ("–" for None, never "-0.00")."""
    if value is None:
        return "–"
    return f"{round(value, digits) + 0.0:{'+' if signed else ''}.{digits}f}"


def web_of(request: Request) -> Web:
    """The app's shared state."""
    return request.app.state.web


def split_suffix(segment: str) -> tuple[str, bool]:
    """("AZE-RUS", True) for "AZE-RUS.json"; (segment, False) otherwise."""
    if segment.endswith(JSON_SUFFIX):
        return segment[: -len(JSON_SUFFIX)], True
    return segment, False


def render(request: Request, template: str, context: dict[str, Any], *, status: int = 200) -> HTMLResponse:
    """An HTML page from a template."""
    page = web_of(request).templates.get_template(template).render(**context, twin=twin_of(request))
    return HTMLResponse(page, status_code=status)


def twin_of(request: Request) -> str:
    """The JSON twin of the page asked for ("/" -> "/index.json"; query kept)."""
    path = request.url.path
    twin = "/index.json" if path == "/" else path + JSON_SUFFIX
    return twin + (f"?{request.url.query}" if request.url.query else "")


def json_response(data: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON twin (UTF-8, indented so a person can read it)."""
    body = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return Response(body + "\n", status_code=status, media_type="application/json", headers=headers)


# ----------------------------------------------------------------------------------------- errors


def wants_json(request: Request) -> bool:
    """JSON twins, and clients that accept JSON but not HTML, get errors as JSON."""
    if request.url.path.endswith(JSON_SUFFIX):
        return True
    accept = request.headers.get("accept", "").lower()
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """The one error shape, as JSON or as an HTML page."""
    extra = {**SECURITY_HEADERS, **(headers or {})}
    if wants_json(request):
        return json_response({"error": {"status": status, "message": message}}, status=status, headers=extra)
    response = render(request, "error.html", {"status": status, "message": message}, status=status)
    response.headers.update(extra)
    return response


async def _http_error(request: Request, exc: Exception) -> Response:
    """404 (no route, or a page that found nothing), 405 and the pages' own 422s."""
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"no page at {request.url.path[:100]}; start at /"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed: this dashboard is read-only (GET and HEAD only)"
    return error_response(request, exc.status_code, message, headers=exc.headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    """FastAPI's own parameter checks, in the one shape."""
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(p) for p in first.get("loc", ()))
    return error_response(request, 422, f"bad parameter {where}: {first.get('msg', 'invalid')}")


async def _store_error(request: Request, exc: Exception) -> Response:
    """The store could not be read (a writer holds it, or it went missing)."""
    return error_response(request, 503, f"{exc}; try again in a moment")


async def _actor_error(request: Request, exc: Exception) -> Response:
    """A dyad whose codes the actor dictionary does not know."""
    return error_response(request, 404, str(exc))


async def _internal_error(request: Request, exc: Exception) -> Response:
    """Anything unexpected: a 500 without detail (the server log has the traceback)."""
    return error_response(request, 500, "internal error; the server log has the details")


class SecurityHeaders:
    """ASGI middleware setting `SECURITY_HEADERS` on every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap `app`."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers to the response start message."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                         if k.lower().encode() not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


# ----------------------------------------------------------------------------------------- static


def _static_routes(app: FastAPI) -> None:
    """The two scripts (and the report's stylesheet, if it has one) by fixed routes."""
    files = {
        "/static/plotly.min.js": (PLOTLY_JS, "text/javascript"),
        "/static/dyadwatch.js": (STATIC_DIR / "dyadwatch.js", "text/javascript"),
        "/static/dyadwatch.css": (STATIC_DIR / "dyadwatch.css", "text/css"),
    }
    for route, (path, media_type) in files.items():
        if path.is_file():
            app.add_api_route(route, _file_endpoint(path, media_type), methods=GET, include_in_schema=False)


def _file_endpoint(path: Path, media_type: str) -> Any:
    """An endpoint serving one fixed file."""

    def endpoint() -> FileResponse:
        return FileResponse(path, media_type=media_type, headers={"Cache-Control": "public, max-age=3600"})

    return endpoint
