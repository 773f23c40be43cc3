"""The digest as an Atom 1.0 feed: one entry per story brief."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from newsdesk.publish.digest import Digest
from newsdesk.text.bidi import strip_bidi_controls

ATOM = "http://www.w3.org/2005/Atom"


def render_atom(
    digest: Digest, title: str = "newsdesk digest", root: str = "", feed_id: str = "digest"
) -> str:
    """The feed of ``digest``'s briefs; ``root`` leads from the feed's folder to the
    site's (``"../"`` for a section feed in ``feeds/``). Feed readers show titles
    as plain text, so bidi controls are removed rather than isolated.

    An entry's ``updated`` is its story's newest report; the feed's is its
    newest entry's (the digest's time when it has none)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = strip_bidi_controls(title)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"urn:newsdesk:{feed_id}"
    # The feed changed when its newest entry did, not when a run happened to look.
    newest = max((b.updated for b in digest.briefs), default=digest.generated)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = newest.isoformat()
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "newsdesk"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=f"{root}index.html")
    for brief in digest.briefs:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = strip_bidi_controls(brief.headline)
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:newsdesk:story:{brief.story_id}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = brief.updated.isoformat()
        ET.SubElement(
            entry, f"{{{ATOM}}}link", rel="alternate", href=f"{root}stories/{brief.story_id}.html"
        )
        summary = " ".join(f"{s.text} ({s.attribution})" for s in brief.sentences)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = strip_bidi_controls(summary)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
