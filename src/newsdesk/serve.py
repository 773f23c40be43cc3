"""``newsdesk serve``: the digest served live from the database.

The pages are the static site's, rendered per request by the same
:class:`~newsdesk.publish.html.SiteRenderer` and at the same paths, so a
link works the same in both. On top of the site: full-text search over the
stored articles (SQLite FTS5), a JSON API described by OpenAPI at
``/api/openapi.json``, and ``/runs.html``, the last runs with their inputs,
counts and problems.

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

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from newsdesk.errors import NewsdeskError
from newsdesk.publish import Sections, build_digest
from newsdesk.publish.atom import render_atom
from newsdesk.publish.html import SiteRenderer, static_file
from newsdesk.store import Store
from newsdesk.store.codec import brief_to_dict, iso
from newsdesk.store.runlog import RunRecord

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


def create_app(
    database: str | Path, sections: Sections | None = None, hosts: Sequence[str] = ()
) -> Starlette:
    """The web app over ``database``, opened read-only for each request.

    ``hosts`` are the host names the app answers to besides localhost and
    127.0.0.1; a request naming any other host (a DNS-rebinding page) is
    refused. Handlers are plain functions: Starlette runs them in its thread
    pool, so a slow page does not hold up the others.
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
        with site() as (store, renderer):
            hits, error = _search(store, query)
            return HTMLResponse(
                renderer.results(query, hits, error), status_code=400 if error else 200
            )

    def api_stories(request: Request) -> Response:
        with site() as (_, renderer):
            digest = renderer.digest
            return JSONResponse(
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
                    for b in (*digest.briefs, *digest.archive)
                ]
            )

    def api_story(request: Request) -> Response:
        with Store(path, read_only=True) as store:
            story_id = request.path_params["story_id"]
            brief = store.brief(store.current_id(story_id) or story_id)
        if brief is None:
            return JSONResponse({"error": "no such story"}, status_code=404)
        return JSONResponse({**brief_to_dict(brief), "section": sections.place(brief)})

    def api_search(request: Request) -> Response:
        with Store(path, read_only=True) as store:
            hits, error = _search(store, request.query_params.get("q", "").strip())
        if error:
            return JSONResponse({"error": error}, status_code=400)
        return JSONResponse(hits)

    def api_runs(request: Request) -> Response:
        with Store(path, read_only=True) as store:
            return JSONResponse([_run_dict(run) for run in store.recent_runs()])

    def openapi(request: Request) -> Response:
        return JSONResponse(OPENAPI)

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
            Route("/{name:str}", page),
        ],
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=["localhost", "127.0.0.1", *hosts])
        ],
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


def _search(store: Store, query: str) -> tuple[list[dict[str, Any]], str | None]:
    """Stories whose articles match ``query`` (FTS5 syntax), best first."""
    if not query:
        return [], None
    try:
        articles = store.search(query, limit=50)
    except NewsdeskError as error:
        return [], f"cannot search for that: {error}"
    story_of = store.stories_of(a.id for a in articles)
    hits: dict[str, dict[str, Any]] = {}
    for article in articles:
        story_id = store.current_id(story_of[article.id]) or story_of[article.id]
        entry = hits.setdefault(
            story_id,
            {"story_id": story_id, "has_brief": False, "title": article.title, "matches": []},
        )
        entry["matches"].append(
            {"article_id": article.id, "outlet": article.outlet, "title": article.title}
        )
    for story_id, entry in hits.items():
        brief = store.brief(story_id)
        entry["has_brief"] = brief is not None
        if brief is not None:
            entry["title"] = brief.headline
    return list(hits.values()), None


def _run_dict(run: RunRecord) -> dict[str, Any]:
    return {
        "id": run.id,
        "started": iso(run.started),
        "finished": iso(run.finished),
        "inputs": list(run.inputs),
        "counts": run.counts,
        "problems": [{"path": p.path, "problem": p.problem} for p in run.problems],
    }


def _schema(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


_STRING, _NULLABLE = {"type": "string"}, {"type": ["string", "null"]}
OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "newsdesk",
        "version": "1",
        "description": "Stories, briefs, search and runs of a newsdesk database. A story's full "
        "brief has the shape documented in docs/json-schema.md (Story).",
    },
    "paths": {
        "/api/stories": {
            "get": {
                "summary": "Every story with a brief, open ones first by rank, then closed ones",
                "responses": {
                    "200": {
                        "description": "The stories",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    "items": _schema(
                                        {
                                            "story_id": _STRING,
                                            "headline": _STRING,
                                            "section": _STRING,
                                            "independent_sources": {"type": "integer"},
                                            "outlets": {"type": "array", "items": _STRING},
                                            "updated": _STRING,
                                            "closed": _NULLABLE,
                                        }
                                    ),
                                }
                            }
                        },
                    }
                },
            }
        },
        "/api/stories/{story_id}": {
            "get": {
                "summary": "One story's brief (docs/json-schema.md, Story, plus its section)",
                "parameters": [
                    {"name": "story_id", "in": "path", "required": True, "schema": _STRING}
                ],
                "responses": {
                    "200": {
                        "description": "The brief",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    "404": {"description": "No story with a brief has that id"},
                },
            }
        },
        "/api/search": {
            "get": {
                "summary": "Stories whose articles match a full-text query (SQLite FTS5 syntax)",
                "parameters": [{"name": "q", "in": "query", "required": True, "schema": _STRING}],
                "responses": {
                    "200": {
                        "description": "Matching stories, best first",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    "items": _schema(
                                        {
                                            "story_id": _STRING,
                                            "has_brief": {"type": "boolean"},
                                            "title": _STRING,
                                            "matches": {
                                                "type": "array",
                                                "items": {"type": "object"},
                                            },
                                        }
                                    ),
                                }
                            }
                        },
                    },
                    "400": {"description": "The query is not valid FTS5 syntax"},
                },
            }
        },
        "/api/runs": {
            "get": {
                "summary": "The last 20 runs: inputs, counts and input problems",
                "responses": {
                    "200": {
                        "description": "Runs, newest first",
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": {"type": "object"}}
                            }
                        },
                    }
                },
            }
        },
    },
}
