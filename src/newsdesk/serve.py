"""``newsdesk serve``: the digest served live from the database.

The pages are the static site's, rendered per request by the same
:class:`~newsdesk.publish.html.SiteRenderer` and at the same paths, so a
link works the same in both. On top of the site: full-text search over the
stored articles (:mod:`newsdesk.search`: plain words, or FTS5 syntax on
request, each query bounded in size and time), a JSON API described by
OpenAPI at ``/api/openapi.json`` (:mod:`newsdesk.api_spec`), whose every
error, an unknown route's included, is JSON, and ``/runs.html``, the last
runs with their inputs, counts and problems.

Every response carries a Content-Security-Policy that allows nothing but
the site's own stylesheet (and, on the search page, its own scripts), so
even article text that slipped through escaping could run nothing.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from starlette import responses as starlette_responses
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route

from newsdesk.api_spec import LISTS, MAX_OFFSET, OPENAPI
from newsdesk.errors import NewsdeskError
from newsdesk.publish import Sections, build_digest
from newsdesk.publish.atom import render_atom
from newsdesk.publish.html import SiteRenderer, static_file
from newsdesk.search import ResultsPage, SearchResult, Syntax, run_search
from newsdesk.store import Store
from newsdesk.store.codec import brief_to_dict, iso
from newsdesk.store.runlog import RunRecord
from newsdesk.store.shelf import SearchError, SearchTimeout
from newsdesk.text.bidi import strip_bidi_controls

_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'"
)
_SCRIPT_PAGES = frozenset(["/search.html"])
_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    # Another site may not load these responses as scripts or images (the search index).
    "Cross-Origin-Resource-Policy": "same-origin",
}
_STATIC = {"style.css": "text/css", "search.js": "text/javascript"}
SEARCH_SECONDS = 1.0


class _ApiJSON(starlette_responses.JSONResponse):
    """The API's JSON, without the bidi controls a source's text may carry, as in
    ``digest.json``: a client that shows a title must not have it reordered."""

    def render(self, content: Any) -> bytes:
        return strip_bidi_controls(super().render(content).decode("utf-8")).encode("utf-8")


class BadParameter(NewsdeskError):
    """A query parameter outside its allowed values; answered with a 400 naming it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter


def create_app(
    database: str | Path,
    sections: Sections | None = None,
    hosts: Sequence[str] = (),
    search_seconds: float = SEARCH_SECONDS,
) -> Starlette:
    """The web app over ``database``, opened read-only for each request.

    ``hosts`` are the host names the app answers to besides localhost and
    127.0.0.1; a request naming any other host (a DNS-rebinding page) is
    refused. Handlers are plain functions: Starlette runs them in its thread
    pool, so a slow page does not hold up the others. A search is stopped
    after ``search_seconds``, so no query can hold a thread for long.
    """
    sections = sections or Sections.load()
    path = str(database)
    if not Path(path).is_file():
        raise NewsdeskError(f"{path}: no such database (make one with newsdesk run)")

    digests = _DigestCache(path, sections)

    @contextmanager
    def site() -> Iterator[tuple[Store, SiteRenderer]]:
        with Store(path, read_only=True) as store:
            yield store, digests.renderer(store)

    def index(request: Request) -> Response:
        with site() as (_, renderer):
            return HTMLResponse(renderer.index())

    def page(request: Request) -> Response:
        name = request.path_params["name"]
        if name in _STATIC:  # files shipped with the templates need no database
            return Response(static_file(name), media_type=_STATIC[name])
        with site() as (store, renderer):
            pages: dict[str, tuple[Callable[[], str], str]] = {
                "archive.html": (renderer.archive, "text/html"),
                "search.html": (renderer.search, "text/html"),
                "runs.html": (lambda: renderer.runs(store.recent_runs()), "text/html"),
                "search-index.js": (renderer.search_index, "text/javascript"),
                "feed.atom": (lambda: render_atom(renderer.digest), "application/atom+xml"),
            }
            if name not in pages:
                return HTMLResponse(renderer.not_found(), status_code=404)
            render, media_type = pages[name]
            return Response(render(), media_type=media_type)

    def story(request: Request) -> Response:
        story_id = request.path_params["story_id"]
        with site() as (store, renderer):
            current = store.current_id(story_id)
            if current is not None and current != story_id:
                return RedirectResponse(f"{current}.html", status_code=301)
            brief = store.brief(story_id)
            if brief is None:
                return HTMLResponse(renderer.not_found("../"), status_code=404)
            return HTMLResponse(renderer.story(brief))

    def section_feed(request: Request) -> Response:
        slug = request.path_params["slug"]
        with site() as (_, renderer):
            for section, briefs in sections.group(renderer.digest.briefs):
                if section.slug == slug:
                    only = replace(renderer.digest, briefs=tuple(briefs))
                    feed = render_atom(only, f"newsdesk: {section.name}", "../", f"section:{slug}")
                    return Response(feed, media_type="application/atom+xml")
            return HTMLResponse(renderer.not_found("../"), status_code=404)

    def search_results(request: Request) -> Response:
        query = request.query_params.get("q", "").strip()
        syntax = request.query_params.get("syntax", Syntax.PLAIN)
        with site() as (store, renderer):
            try:
                page = _searched(request, store, search_seconds)
            except (BadParameter, SearchError) as error:
                html = renderer.results(query, syntax, None, str(error))
                return HTMLResponse(html, status_code=_status(error))
            return HTMLResponse(renderer.results(query, syntax, page, None))

    def api_stories(request: Request) -> Response:
        limit, offset = _paging(request, "stories")
        with site() as (_, renderer):
            digest = renderer.digest
            stories = (*digest.briefs, *digest.archive)
            return _page(
                request,
                [
                    {
                        "story_id": b.story_id,
                        "headline": b.headline,
                        "section": sections.place(b),
                        "independent_sources": b.independent_sources,
                        "outlets": list(b.outlets),
                        "updated": iso(b.updated),
                        "closed": iso(b.closed),
                    }
                    for b in stories[offset : offset + limit]
                ],
                len(stories),
                limit,
                offset,
            )

    def api_story(request: Request) -> Response:
        with Store(path, read_only=True) as store:
            story_id = request.path_params["story_id"]
            brief = store.brief(store.current_id(story_id) or story_id)
        if brief is None:
            return _ApiJSON({"error": f"no story with a brief has the id {story_id!r}"}, 404)
        return _ApiJSON({**brief_to_dict(brief), "section": sections.place(brief)})

    def api_search(request: Request) -> Response:
        with Store(path, read_only=True) as store:
            try:
                found = _searched(request, store, search_seconds)
            except SearchError as error:
                return _ApiJSON({"error": str(error), "parameter": "q"}, _status(error))
        items = [_result_dict(r) for r in found.results]
        return _page(request, items, found.total, found.limit, found.offset)

    def api_runs(request: Request) -> Response:
        limit, offset = _paging(request, "runs")
        with Store(path, read_only=True) as store:
            runs = store.recent_runs(limit, offset)
            items = [_run_dict(run) for run in runs]
            return _page(request, items, store.run_count(), limit, offset)

    def api_unknown(request: Request) -> Response:
        return _ApiJSON(
            {"error": f"no such API route: {request.url.path} (see /api/openapi.json)"}, 404
        )

    def openapi(request: Request) -> Response:
        return _ApiJSON(OPENAPI)

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/index.html", index),
            Route("/search", search_results),
            Route("/stories/{story_id}.html", story),
            Route("/feeds/{slug}.atom", section_feed),
            Route("/api/stories", api_stories),
            Route("/api/stories/{story_id}", api_story),
            Route("/api/search", api_search),
            Route("/api/runs", api_runs),
            Route("/api/openapi.json", openapi),
            Route("/api", api_unknown),
            Route("/api/{rest:path}", api_unknown),
            Route("/{name:str}", page),
        ],
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=["localhost", "127.0.0.1", *hosts])
        ],
        exception_handlers={
            HTTPException: _http_error,
            BadParameter: _bad_parameter,
            Exception: _server_error,
        },
    )
    app.middleware("http")(_security_headers)
    return app


class _DigestCache:
    """The digest, built again only when the database has changed.

    Building it reads every brief, so it is kept between requests; a run's
    commit changes the database file or its write-ahead log, and the next
    request builds it anew. Requests run in a thread pool, hence the lock.
    """

    def __init__(self, path: str, sections: Sections) -> None:
        self.path = path
        self.sections = sections
        self._lock = threading.Lock()
        self._key: tuple[int, ...] | None = None
        self._renderer: SiteRenderer | None = None

    def _version(self) -> tuple[int, ...]:
        stats = [os.stat(f) for f in (self.path, f"{self.path}-wal") if os.path.exists(f)]
        today = datetime.now(UTC).date().toordinal()  # the masthead names the day
        return (today, *(n for st in stats for n in (st.st_mtime_ns, st.st_size)))

    def renderer(self, store: Store) -> SiteRenderer:
        with self._lock:
            key = self._version()
            if self._renderer is None or key != self._key:
                digest = build_digest(store, datetime.now(UTC))
                self._renderer = SiteRenderer(digest, self.sections, live=True)
                self._key = key
            return self._renderer


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    scripts = "; script-src 'self'" if request.url.path in _SCRIPT_PAGES else ""
    response.headers["Content-Security-Policy"] = _CSP + scripts
    response.headers.update(_HEADERS)
    return response


def _whole_number(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isdecimal() or not low <= int(raw) <= high:
        raise BadParameter(
            name, f"{name} must be a whole number from {low} to {high:,}, not {raw!r}"
        )
    return int(raw)


def _paging(request: Request, name: str) -> tuple[int, int]:
    """The ``limit`` and ``offset`` of a request for the list ``name``, checked."""
    default, largest = LISTS[name]
    limit = _whole_number(request, "limit", default, 1, largest)
    return limit, _whole_number(request, "offset", 0, 0, MAX_OFFSET)


def _page(
    request: Request, items: list[dict[str, Any]], total: int, limit: int, offset: int
) -> _ApiJSON:
    """One page of a list, with the list's total and the path of the next page."""
    following = None
    if offset + len(items) < total:
        url = request.url.include_query_params(limit=limit, offset=offset + limit)
        following = f"{url.path}?{url.query}"
    return _ApiJSON(
        {"total": total, "limit": limit, "offset": offset, "next": following, "items": items}
    )


def _searched(request: Request, store: Store, seconds: float) -> ResultsPage:
    """The page of search results ``request`` asks for (``q``, ``syntax``, ``limit``,
    ``offset``); raises :class:`BadParameter` or :class:`SearchError`."""
    raw_syntax = request.query_params.get("syntax", Syntax.PLAIN.value)
    if raw_syntax not in {s.value for s in Syntax}:
        choices = " or ".join(s.value for s in Syntax)
        raise BadParameter("syntax", f"syntax must be {choices}, not {raw_syntax!r}")
    limit, offset = _paging(request, "search")
    query = request.query_params.get("q", "").strip()
    return run_search(store, query, Syntax(raw_syntax), limit, offset, seconds)


def _status(error: Exception) -> int:
    return 503 if isinstance(error, SearchTimeout) else 400


def _result_dict(result: SearchResult) -> dict[str, Any]:
    return {
        "article_id": result.article_id,
        "title": result.title,
        "title_html": str(result.title_html),
        "snippet_html": str(result.snippet),
        "outlet": result.outlet,
        "published": iso(result.published),
        "url": result.url,
        "story_id": result.story_id,
        "story_headline": result.story_headline,
    }


def _under_api(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own errors (no route, wrong method): JSON under /api, as before elsewhere."""
    assert isinstance(exc, HTTPException)  # the handler is registered for HTTPException only
    if not _under_api(request):
        return PlainTextResponse(exc.detail, exc.status_code, exc.headers)
    message = f"{exc.detail.lower()}: {request.method} {request.url.path}"
    return _ApiJSON({"error": message}, exc.status_code, exc.headers)


async def _bad_parameter(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BadParameter)  # the handler is registered for BadParameter only
    if not _under_api(request):
        return PlainTextResponse(str(exc), 400)
    return _ApiJSON({"error": str(exc), "parameter": exc.parameter}, 400)


async def _server_error(request: Request, exc: Exception) -> Response:
    """A failure (the database gone, say): JSON under /api, naming it when it is ours."""
    message = str(exc) if isinstance(exc, NewsdeskError) else "internal server error"
    if not _under_api(request):
        return PlainTextResponse(message, 500)
    return _ApiJSON({"error": message}, 500)


def _run_dict(run: RunRecord) -> dict[str, Any]:
    return {
        "id": run.id,
        "started": iso(run.started),
        "finished": iso(run.finished),
        "inputs": list(run.inputs),
        "counts": run.counts,
        "problems": [{"path": p.path, "problem": p.problem} for p in run.problems],
    }
