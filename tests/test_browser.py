"""The digest as a reader sees it, in a real browser (Debian's Chromium, headless).

The static site of the demo run is opened from files, as a reader opens a
downloaded digest: the index, a story, a source link, the offline search,
a phone-sized screen, the keyboard, and axe-core's accessibility rules.
The live server is checked for its search too.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from conftest import DemoRun, WordHashEncoder
from newsdesk.pipeline import Pipeline
from newsdesk.serve import create_app
from newsdesk.store import Store

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

CHROMIUM = os.environ.get("NEWSDESK_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / ".cache" / "axe" / "node_modules" / "axe-core"

if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
    pytest.skip(
        f"no Chromium at {CHROMIUM} (.ci/run installs Debian's chromium package)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[playwright.Browser]:
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


def _digest(demo_run: DemoRun) -> dict:  # type: ignore[type-arg]
    return json.loads((demo_run.site / "digest.json").read_text(encoding="utf-8"))


def _port_strike(demo_run: DemoRun) -> dict:  # type: ignore[type-arg]
    return next(s for s in _digest(demo_run)["stories"] if s["differences"])


def test_a_reader_goes_from_the_index_to_a_story_and_its_sources(
    browser: playwright.Browser, demo_run: DemoRun
) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    followed = {s["url"] for s in _port_strike(demo_run)["sources"] if s["url"]}
    page.goto((demo_run.site / "index.html").as_uri())
    assert page.get_by_role("heading", name="Business").is_visible()
    story = _port_strike(demo_run)
    page.get_by_role("link", name=story["headline"]).click()
    assert page.get_by_role("heading", level=1).inner_text() == story["headline"]
    assert page.get_by_role("heading", name="Where sources differ").is_visible()
    # Each difference sets its two sides side by side.
    assert page.locator(".differences .side").count() == 2 * len(story["differences"]) >= 2
    assert page.get_by_role("heading", name="Who said what").is_visible()
    # Every brief sentence names its outlet with a link to that report.
    first = story["sentences"][0]
    link = page.locator("ul.brief li").first.locator(".attribution a").first
    source = next(s for s in story["sources"] if s["article_id"] == first["article_id"])
    assert link.inner_text() == first["outlets"][0]
    assert link.get_attribute("href") in (source["url"], f"#source-{source['article_id']}")
    # Following it opens the report (the outlet's site is stood in for, offline).
    if source["url"]:
        page.route(source["url"], lambda route: route.fulfill(body="the report", status=200))
        with page.expect_navigation():
            link.click()
        assert page.url == source["url"] and "the report" in page.content()
        page.go_back()
    # The timeline's outlet links lead to the source list, side by side with dates.
    page.locator("ol.timeline a").first.click()
    target = page.locator(":target")
    assert target.count() == 1 and target.locator("td").count() == 3
    # Nothing but the followed source link was asked of any other host.
    assert all(url.startswith("file://") or url in followed for url in requests), requests


def test_offline_search_finds_a_story(browser: playwright.Browser, demo_run: DemoRun) -> None:
    page = browser.new_page()
    page.goto((demo_run.site / "search.html").as_uri())
    page.get_by_label("Search the stories").fill("ransomware hospital")
    page.get_by_label("Search the stories").press("Enter")
    results = page.locator("#results li")
    assert results.count() == 1
    assert "1 story found." in page.locator("#status").inner_text()
    results.first.get_by_role("link").click()
    assert "hospital" in page.get_by_role("heading", level=1).inner_text().casefold()


def test_the_site_reads_on_a_phone_and_with_the_keyboard(
    browser: playwright.Browser, demo_run: DemoRun
) -> None:
    # Every page of the digest, at the narrowest phone width still sold (320 px)
    # and a common one: nothing may push the page sideways, not even a long
    # file path standing in for a report's address.
    names = ["index.html", "search.html", "archive.html"]
    names += [f"stories/{path.name}" for path in sorted((demo_run.site / "stories").glob("*.html"))]
    for width in (320, 390):
        page = browser.new_page(viewport={"width": width, "height": 844})
        for name in names:
            page.goto((demo_run.site / name).as_uri())
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} at {width} px"
        page.close()
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto((demo_run.site / "index.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused  # the skip link leads into the stories


@pytest.mark.skipif(not AXE.exists(), reason=f"axe-core is not installed at {AXE} (make test does)")
def test_pages_pass_axe_core(browser: playwright.Browser, demo_run: DemoRun) -> None:
    story = _port_strike(demo_run)
    # The pages forbid scripts; the context lets the test's own axe script in.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    names = ["index.html", f"stories/{story['story_id']}.html", "archive.html", "search.html"]
    for name in names:
        page.goto((demo_run.site / name).as_uri())
        page.add_script_tag(path=str(AXE / "axe.min.js"))
        result = page.evaluate("async () => await axe.run(document)")
        problems = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]]
        assert problems == [], f"{name}: {problems}"
    context.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _serving(db: Path) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error")
    live = uvicorn.Server(config)
    thread = threading.Thread(target=live.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not live.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    live.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def server(demo_run: DemoRun) -> Iterator[str]:
    with _serving(demo_run.db) as url:
        yield url


def test_a_hostile_article_runs_nothing_in_the_browser(
    browser: playwright.Browser, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    attack = (
        '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'
    )
    bodies = {
        "Holm Herald": f"The Holm ferry resumed sailing on Monday {attack} after repairs to its "
        "ramp, and the harbour master said the first crossing carried forty passengers.",
        "Bay Radio": f"Forty passengers rode the first Holm ferry crossing on Monday {attack}, "
        "the harbour master said, after three weeks of repairs to the loading ramp.",
    }
    for n, (outlet, body) in enumerate(bodies.items()):
        record = {"title": f"Ferry back {attack}", "outlet": outlet, "text": body}
        (folder / f"{n}.json").write_text(json.dumps(record))
    db = tmp_path / "hostile.db"
    with Store(db) as store:
        Pipeline(store, embedder=WordHashEncoder()).run([folder])
        (brief,) = store.briefs()
    dialogs: list[str] = []
    with _serving(db) as url:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("/", f"/stories/{brief.story_id}.html", "/search?q=ferry", "/archive.html"):
            page.goto(url + path)
            page.wait_for_load_state("load")
            hostile = "script:not([src]), img[onerror], [onerror], a[href^='javascript']"
            assert page.locator(hostile).count() == 0, path
        page.goto(f"{url}/stories/{brief.story_id}.html")
        assert "<script>alert(1)</script>" in page.locator("main").inner_text()  # shown as text
        page.goto(f"{url}/search.html?q=ferry")
        page.locator("#results a").first.wait_for()
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0


@pytest.mark.skipif(not AXE.exists(), reason=f"axe-core is not installed at {AXE} (make test does)")
def test_served_pages_pass_axe_core(browser: playwright.Browser, server: str) -> None:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for path in ("/runs.html", "/search?q=inhaler", "/stories/st-000000000000.html"):
        page.goto(server + path)
        page.add_script_tag(path=str(AXE / "axe.min.js"))
        result = page.evaluate("async () => await axe.run(document)")
        problems = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]]
        assert problems == [], f"{path}: {problems}"
    context.close()


def test_the_live_server_searches_every_stored_report(
    browser: playwright.Browser, server: str
) -> None:
    page = browser.new_page()
    page.goto(f"{server}/search?q=inhaler")
    assert "found" in page.locator("main").inner_text()
    page.locator("ol.stories a").first.click()
    assert "inhaler" in page.get_by_role("heading", level=1).inner_text().lower()
    page.goto(f"{server}/runs.html")
    assert page.get_by_role("heading", name="Last runs").is_visible()
