"""``storybot serve``: the newsroom desk, an HTTP API and a page over one resident ``Storybot``.

FastAPI under uvicorn: typed query parameters, 400s for bad input and the OpenAPI schema
come with it. Answering is CPU work (the model), so every endpoint that answers is a plain
``def``: FastAPI runs it in its threadpool, never on the event loop.

Endpoints: ``GET /api/ask?q=...&k=6`` (the JSON of ``ask --json``), ``GET /api/sources``
(``sources --json`` as a list), ``GET /api/quotes?article=ID`` (``quotes --json`` as a list),
``GET /?q=...`` (the page), ``GET /openapi.json`` and ``GET /docs`` (the schema as a page that
needs no CDN: FastAPI's Swagger UI loads its assets from one, unreachable offline).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from html import escape
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response

from retrieval.errors import BadArticle, BadQuestion, StorybotError
from retrieval.question import MAX_QUESTION_CHARS
from retrieval.quotes import quote_record, quoted_passages
from retrieval.speakers import speaker_registry
from storybot.desk import Desk
from storybot.page import render_page

logger = logging.getLogger(__name__)

# The page never runs a script: even text that slipped through unescaped could not.
_PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

Top = Annotated[int, Query(ge=1, le=50, description="How many passages at most.")]
_ERROR = {"content": {"application/json": {"example": {"error": "one line saying why"}}}}


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _validation_message(err: RequestValidationError) -> str:
    """FastAPI's list of problems as one line: ``k: Input should be less than or equal to 50``."""
    problems = []
    for problem in err.errors():
        where = ".".join(str(p) for p in problem.get("loc", ()) if p not in ("query", "body"))
        problems.append(f"{where}: {problem.get('msg', 'invalid')}" if where else problem["msg"])
    return "; ".join(problems) or "bad request"


def create_app(desk: Desk) -> FastAPI:
    """The desk's FastAPI application, answering from ``desk``.

    Example: uvicorn.run(create_app(Desk("corpus", "index")), port=8000)
    """
    app = FastAPI(
        title="storybot desk",
        summary="Questions about a news story, answered with every side, word for word.",
        version="1",
        docs_url=None,  # Swagger UI needs a CDN; /docs below is the schema as plain HTML
        redoc_url=None,
    )

    @app.middleware("http")
    async def log_request(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        start = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            elapsed = (time.perf_counter() - start) * 1000
            logger.info("%s %s %d %.1f ms", request.method, request.url.path, status, elapsed)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, err: RequestValidationError) -> Response:
        message = _validation_message(err)
        if request.url.path == "/":
            return _page(render_page(request.query_params.get("q", ""), error=message), 400)
        return _error(400, message)

    @app.get("/api/ask", responses={400: _ERROR}, summary="Answer a question (ask --json)")
    def api_ask(
        q: Annotated[str, Query(description="The question in plain words (500 characters).")],
        k: Top = 6,
    ) -> Response:
        """The answer: sides, passages word for word, speaker, outlet, date; or why not."""
        try:
            answer = desk.bot().ask(q, k=k)
        except BadQuestion as err:
            return _error(400, str(err))
        # The same bytes as `storybot ask --json` prints (without its newline).
        body = json.dumps(answer.to_dict(), ensure_ascii=False)
        return Response(body, media_type="application/json")

    @app.get("/api/sources", summary="The articles (sources --json)")
    def api_sources() -> list[dict[str, Any]]:
        """Every article of the corpus with outlet, url, date, title and its passage count."""
        return [info.to_dict() for info in desk.bot().sources()]

    @app.get("/api/quotes", responses={404: _ERROR}, summary="Who is quoted (quotes --json)")
    def api_quotes(
        article: Annotated[
            list[str] | None, Query(description="Article ids or file names; all when none.")
        ] = None,
    ) -> Any:
        """Every passage of the articles with its speaker and cue, outlet and date."""
        try:
            rows = quoted_passages(desk.bot().index, article or [])
        except BadArticle as err:
            return _error(404, str(err))
        return [quote_record(source, passage) for source, passage in rows]

    @app.get("/api/speakers", summary="Who is quoted (speakers --json)")
    def api_speakers() -> list[dict[str, Any]]:
        """Each person or body quoted, once, with aliases, roles, outlets and dates."""
        index = desk.bot().index
        return [entry.to_dict() for entry in speaker_registry(index.passages, index.sources)]

    @app.get("/api/timeline", summary="The story's events in order (timeline --json)")
    def api_timeline() -> list[dict[str, Any]]:
        """Each event's lead passage, first appearance and the articles that carried it."""
        return [entry.to_dict() for entry in desk.bot().timeline()]

    @app.get("/", response_class=HTMLResponse, summary="The desk's page", tags=["page"])
    def page(
        q: Annotated[str, Query(description="The question (none: just the ask box).")] = "",
        k: Top = 6,
    ) -> Response:
        """The answer as a page with the sides side by side; 400 for a bad question."""
        bot = desk.bot()
        if not q:
            return _page(render_page(story=bot.story))
        try:
            answer = bot.ask(q, k=k)
        except BadQuestion as err:
            return _page(render_page(q[:MAX_QUESTION_CHARS], error=str(err), story=bot.story), 400)
        return _page(render_page(answer.question, answer, story=bot.story))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> Response:
        return _page(render_docs(app.openapi()))

    @app.exception_handler(StorybotError)
    async def storybot_error(request: Request, err: StorybotError) -> Response:
        logger.error("%s %s: %s", request.method, request.url.path, err)
        return _error(503, str(err))

    schema = app.openapi

    def openapi() -> dict[str, Any]:
        """The schema, without the 422 FastAPI documents: bad parameters get a 400 here."""
        if app.openapi_schema is None:
            for operations in schema()["paths"].values():
                for operation in operations.values():
                    operation.get("responses", {}).pop("422", None)
        return schema()

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _page(html: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(html, status_code=status, headers=_PAGE_HEADERS)


def render_docs(schema: dict[str, Any]) -> str:
    """The OpenAPI schema as a plain page: each endpoint, its parameters and answers."""
    rows = []
    for path, operations in schema.get("paths", {}).items():
        for method, op in operations.items():
            params = "".join(
                f"<li><code>{escape(p['name'])}</code>"
                f"{' (required)' if p.get('required') else ''}: "
                f"{escape(p.get('description', ''))}</li>"
                for p in op.get("parameters", [])
            )
            statuses = ", ".join(escape(code) for code in op.get("responses", {}))
            rows.append(
                f"<section><h2><code>{escape(method.upper())} {escape(path)}</code></h2>"
                f"<p><b>{escape(op.get('summary', ''))}</b>. "
                f"{escape(op.get('description', ''))}</p>"
                f"<ul>{params}</ul><p>Responses: {statuses}</p></section>"
            )
    info = schema.get("info", {})
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(info.get('title', 'API'))} API</title>"
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:1rem auto;"
        "padding:0 1rem}code{background:#f1f3f4;padding:0 .2rem}</style></head><body>"
        f"<h1>{escape(info.get('title', 'API'))}</h1><p>{escape(info.get('summary', ''))}</p>"
        '<p>The machine-readable schema: <a href="/openapi.json">/openapi.json</a>.</p>'
        + "".join(rows)
        + "</body></html>"
    )


def serve(desk: Desk, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the desk until interrupted; one log line per request, no uvicorn access log."""
    import uvicorn

    uvicorn.run(create_app(desk), host=host, port=port, log_config=None, access_log=False)
