"""The digest as JSON; the schema is documented in docs/json-schema.md."""

from __future__ import annotations

import json

from newsdesk.publish.digest import Digest
from newsdesk.store.codec import brief_to_dict, iso

SCHEMA_VERSION = "2"


def render_json(digest: Digest) -> str:
    data = {
        "schema_version": SCHEMA_VERSION,
        "generated": iso(digest.generated),
        "stories": [brief_to_dict(b) for b in digest.briefs],
        "archive": [brief_to_dict(b) for b in digest.archive],
        "single_source": [
            {
                "article_id": s.article_id,
                "outlet": s.outlet,
                "title": s.title,
                "url": s.url,
                "published": iso(s.published),
                "path": s.path,
            }
            for s in digest.single_source
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
