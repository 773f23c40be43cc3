"""The digest as JSON; the schema is documented in docs/json-schema.md."""

from __future__ import annotations

import json

from newsdesk.model import Brief
from newsdesk.publish.digest import Digest
from newsdesk.publish.sections import Sections
from newsdesk.store.codec import brief_to_dict, iso
from newsdesk.text.bidi import strip_bidi_controls

# 3: a story's "updated" became its newest report's time; "written" is the brief's.
SCHEMA_VERSION = "3"


def render_json(digest: Digest, sections: Sections) -> str:
    """The digest as JSON, without bidi controls, as every output is: a page that
    shows a field would obey them. Removing them from the dumped text is enough,
    since it writes them as themselves and they can only stand inside strings."""

    def story(brief: Brief) -> dict[str, object]:
        return {**brief_to_dict(brief), "section": sections.place(brief)}

    data = {
        "schema_version": SCHEMA_VERSION,
        "generated": iso(digest.generated),
        "stories": [story(b) for b in digest.briefs],
        "archive": [story(b) for b in digest.archive],
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
    return strip_bidi_controls(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
