"""Screenshots of the demo digest for the README: the index and a story page.

Runs the demo into a temporary folder and photographs it in Debian's
Chromium, desktop-sized, into docs/.

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from newsdesk.pipeline import Pipeline
from newsdesk.publish import build_digest, publish
from newsdesk.store import Store

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        with Store(Path(work) / "demo.db") as store:
            Pipeline(store).run([ROOT / "examples" / "demo"])
            digest = build_digest(store, store.briefs()[0].updated)
            publish(digest, site)
        data = json.loads((site / "digest.json").read_text(encoding="utf-8"))
        story = next(s for s in data["stories"] if s["differences"])
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 1400})
            for name, shot in (
                ("index.html", "screenshot-index.png"),
                (f"stories/{story['story_id']}.html", "screenshot-story.png"),
            ):
                page.goto((site / name).as_uri())
                page.screenshot(path=str(ROOT / "docs" / shot), full_page=False)
                print(f"docs/{shot}")
            browser.close()


if __name__ == "__main__":
    main()
