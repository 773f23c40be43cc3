"""The OpenAPI document of ``newsdesk serve``'s JSON API, served at ``/api/openapi.json``.

Kept apart from the routes so :mod:`newsdesk.serve` stays readable; the
paging bounds come from one table, :data:`LISTS`, which the routes check
against too, so the document cannot promise other ranges than the server keeps.
"""

from __future__ import annotations

from typing import Any

from newsdesk.search import MAX_QUERY_CHARACTERS, MAX_TERMS, MIN_PREFIX, Syntax

__all__ = ["LISTS", "MAX_OFFSET", "OPENAPI"]

# Each list's page size: (default, largest allowed).
LISTS = {"stories": (50, 200), "runs": (20, 100), "search": (20, 100)}
MAX_OFFSET = 10_000

_STRING, _NULLABLE = {"type": "string"}, {"type": ["string", "null"]}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return _json({"$ref": "#/components/schemas/Error"}, description)


def _paging(name: str) -> list[dict[str, Any]]:
    default, largest = LISTS[name]
    return [
        {
            "name": "limit",
            "in": "query",
            "description": "How many items to return",
            "schema": {"type": "integer", "minimum": 1, "maximum": largest, "default": default},
        },
        {
            "name": "offset",
            "in": "query",
            "description": "How many items to skip",
            "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
        },
    ]


def _list_operation(
    name: str, summary: str, item: dict[str, Any], extra: tuple[dict[str, Any], ...] = ()
) -> dict[str, Any]:
    page = {
        "type": "object",
        "required": ["total", "limit", "offset", "next", "items"],
        "properties": {
            "total": {"type": "integer", "description": "Items in the whole list"},
            "limit": {"type": "integer"},
            "offset": {"type": "integer"},
            "next": {
                "type": ["string", "null"],
                "description": "The next page's path and query; null on the last page",
            },
            "items": {"type": "array", "items": item},
        },
    }
    return {
        "get": {
            "summary": summary,
            "parameters": [*extra, *_paging(name)],
            "responses": {
                "200": _json(page, "One page of the list"),
                "400": _error("A parameter out of its range; `parameter` names it"),
            },
        }
    }


_STORY = _object(
    {
        "story_id": _STRING,
        "headline": _STRING,
        "section": _STRING,
        "independent_sources": {"type": "integer"},
        "outlets": {"type": "array", "items": _STRING},
        "updated": _STRING,
        "closed": _NULLABLE,
    }
)
_RESULT = _object(
    {
        "article_id": _STRING,
        "title": {"type": "string", "description": "The report's title, as stored"},
        "title_html": {"type": "string", "description": "The title, escaped, words in <mark>"},
        "snippet_html": {
            "type": "string",
            "description": "A passage of the report's text, escaped, matched words in <mark>",
        },
        "outlet": _STRING,
        "published": _NULLABLE,
        "url": _NULLABLE,
        "story_id": _STRING,
        "story_headline": {
            "type": ["string", "null"],
            "description": "The story's headline; null when it has no brief (and no page)",
        },
    }
)
_SEARCH_PARAMETERS = (
    {
        "name": "q",
        "in": "query",
        "required": True,
        "description": f"Words to find, at most {MAX_QUERY_CHARACTERS} characters and "
        f"{MAX_TERMS} words. Plain words each match as written (a word of 3 letters or more "
        "also as the start of a longer one), all of them in one report.",
        "schema": {"type": "string", "maxLength": MAX_QUERY_CHARACTERS},
    },
    {
        "name": "syntax",
        "in": "query",
        "description": "`fts5` reads q as SQLite FTS5 syntax (AND, OR, NOT, NEAR, "
        f'"phrases", column:, prefix* of {MIN_PREFIX} characters or more)',
        "schema": {"type": "string", "enum": [s.value for s in Syntax], "default": "plain"},
    },
)

_SEARCH = _list_operation(
    "search",
    "Reports whose title or text matches a query, best first",
    _RESULT,
    _SEARCH_PARAMETERS,
)
_SEARCH["get"]["responses"]["400"] = _error(
    "A parameter out of its range, a query too long, with too many words or too short a "
    "prefix, or a malformed FTS5 query; `parameter` names it"
)
_SEARCH["get"]["responses"]["503"] = _error("The search ran past its time limit and was stopped")

OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "newsdesk",
        "version": "2",
        "description": "Stories, briefs, search and runs of a newsdesk database. A story's full "
        "brief has the shape documented in docs/json-schema.md (Story). Every error under "
        "/api, an unknown route included, is JSON (Error).",
    },
    "paths": {
        "/api/stories": _list_operation(
            "stories",
            "Every story with a brief, open ones first by rank, then closed ones",
            _STORY,
        ),
        "/api/stories/{story_id}": {
            "get": {
                "summary": "One story's brief (docs/json-schema.md, Story, plus its section)",
                "parameters": [
                    {"name": "story_id", "in": "path", "required": True, "schema": _STRING}
                ],
                "responses": {
                    "200": _json({"type": "object"}, "The brief"),
                    "404": _error("No story with a brief has that id"),
                },
            }
        },
        "/api/search": _SEARCH,
        "/api/runs": _list_operation(
            "runs",
            "The runs, newest first: inputs, counts and input problems",
            {"type": "object"},
        ),
    },
    "components": {
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {"type": "string", "description": "What is wrong, in one line"},
                    "parameter": {
                        "type": "string",
                        "description": "The query parameter at fault, when one is",
                    },
                },
            },
        },
    },
}
