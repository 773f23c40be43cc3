"""Clean: chrome out, metadata resolved, and nothing of the reporting lost.

Every outlet, person and place in these inputs is invented.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from newsdesk.clean import Cleaner, article_id, cues, paragraphs_of, without_site_name
from newsdesk.clean.cues import chrome_cue, strong_cue, strong_cues_in
from newsdesk.clean.outlets import (
    OutletNamer,
    agency_in_dateline,
    brand_in,
    domain_of,
    folder_outlet,
)
from newsdesk.clean.repeats import RepeatedLines, line_signature
from newsdesk.ingest.dates import find_date
from newsdesk.model import Article, Document, InputProblem, OutletOrigin

LEAD = (
    "Kestrel Bay council voted on Monday to close the old swimming baths on Quay Street at the "
    "end of the summer season, after engineers found cracks in the main pool."
)
SECOND = (
    "Councillor Ines Valtonen said repairs would cost more than building a new pool beside the "
    "leisure centre, and that the council would consult residents on the design."
)
OTHER_LEAD = (
    "The regional water board said on Wednesday that reservoir levels in the Lantern valley had "
    "fallen to their lowest point in a decade after the driest summer on record."
)
OTHER_SECOND = (
    "Board chair Dorian Pelletier asked households to cut their use by a tenth and said a "
    "hosepipe ban would follow if the autumn rains did not come."
)


def doc(
    text: str,
    *,
    path: str = "in/report.txt",
    index: int = 0,
    folder: str = "bay-herald",
    **meta: Any,
) -> Document:
    return Document(path=path, index=index, text=text, folder=folder, **meta)


def clean_one(document: Document, **options: int) -> Article:
    result = Cleaner(**options).fit([document]).clean(document)
    assert isinstance(result, Article), result
    return result


# --- Generic interface cues ----------------------------------------------------------------

CHROME_LINES = [
    ("Skip to main content", "skip link"),
    ("Jump to navigation", "skip link"),
    ("Read 12 comments", "comments"),
    ("View comments", "comments"),
    ("37 comments", "comments"),
    ("Comments (4)", "comments"),
    ("Share", "share bar"),
    ("Share:", "share bar"),
    ("Share this article", "share bar"),
    ("Share on Facebook", "share bar"),
    ("Facebook | Twitter | Email", "share bar"),
    ("Facebook · X · LinkedIn · Print", "share bar"),
    ("Subscribe now for unlimited access", "subscription"),
    ("Sign up for the Harbour Morning Briefing", "subscription"),
    ("Log in", "subscription"),
    ("Get our free morning newsletter", "subscription"),
    ("Want the week's best reads? Get the newsletter.", "subscription"),
    ("Start your free trial today", "subscription"),
    ("Tidewater Business subscribers get this analysis first. Learn more", "subscription"),
    ("LEARN MORE", "promotion"),
    ("Learn more about our events", "promotion"),
    ("Click here to see the full gallery", "promotion"),
    ("Download our app for breaking alerts", "promotion"),
    ("Catch up on the Ledger Terminal", "promotion"),
    ("Tide alerts for every harbour, straight to your phone. GET STARTED", "call to action"),
    ("Tide tables for every harbour, on the Ledger Terminal. LEARN MORE", "promotion"),
    (
        "Sign up for the Harbour Morning Briefing: the day's top stories in your inbox before "
        "7 a.m. every weekday.",
        "subscription",
    ),
    ("Harbour Morning Briefing Newsletter", "subscription"),
    ("Advertisement", "navigation"),
    ("ADVERTISEMENT", "navigation"),
    ("Related stories", "navigation"),
    ("Most read", "navigation"),
    ("Back to top", "navigation"),
    ("Read more: Council approves harbour budget", "read more"),
    ("Continue reading the main story", "read more"),
    ("The post Ferry fares rise again appeared first on Harbour Daily.", "read more"),
    ("Follow us on Mastodon", "read more"),
    ("Follow the Bay Herald for more updates.", "read more"),
    ("More from Business", "read more"),
    ("© 2026 The Quayside Gazette. All rights reserved.", "legal"),
    ("Copyright 2026 Quayside Media Ltd", "legal"),
    ("Privacy policy", "legal"),
    ("We use cookies to improve your experience.", "legal"),
    (
        "We use cookies to improve your experience and to show you relevant advertising. By "
        "continuing to browse the site you agree to our use of cookies.",
        "legal",
    ),
    ("Accept all cookies", "legal"),
    ("Reporting by Jane Roe; editing by Tom Poe", "credits"),
    ("Additional reporting by Ana Lind in Emberford", "credits"),
    ("Writing by Jo Park; Editing by Mark Oro", "credits"),
    ("This photo shows the flooded main street in Kestrel Bay on Sunday.", "caption"),
    ("A file photo taken on May 2, 2025 shows the old ferry terminal.", "caption"),
    ("The image released by the council shows the new footbridge.", "caption"),
    ("Fishing boats at the quay on Monday. (Gazette photo/Jun Park)", "caption"),
    ("Fishing boats at the quay on Monday. (Jun Park/Gazette photo)", "caption"),
    ("Fishing boats at the quay on Monday. (Photo by Jun Park/Gazette)", "caption"),
    ("The quay at dawn on Monday. Photo: Jun Park", "caption"),
    (
        "This video image taken from Kestrel television shows harbour master Ines Valtonen "
        "speaking to reporters on the quay in Kestrel Bay, March 8.",
        "caption",
    ),
    ("Photo: Dorian Pelletier", "caption"),
    ("Harbour cranes at dusk. AP Photo", "caption"),
    ("• Quayside tops the weekend listings", "bullet tagline"),
    ("Business > Economy", "breadcrumb"),
    ("Home / World / Europe", "breadcrumb"),
    ("News › Local › Harbour", "breadcrumb"),
    ("News | Sport | Opinion | Culture | Weather", "menu"),
    ("About us • Contact • Advertise with us", "menu"),
    ("JUST WATCHED Harbour master: 'We were ready' Replay More Videos ...", "player"),
    ("Hide Caption 4 of 20 Photos: Storm floods Kestrel Bay", "player"),
    ("1 of 12 Full Screen Autoplay Close Skip Ad Storm floods Kestrel Bay", "player"),
    ("CLOSE Ferry crews in Kestrel Bay train for winter storms.", "player"),
    ("5 PM UPDATE: Adds harbour police response.", "update note"),
    ("UPDATED 3:40 PM: Adds comment from the harbour board.", "update note"),
    ("UPDATE 3:45 p.m.: Updates with the pier's reopening date.", "update note"),
    ("CORRECTION: This story has been changed to give the pier's right length.", "update note"),
    (
        "You can add location information to your Tweets, such as your city, from the web.",
        "account notice",
    ),
    ("You always have the option to delete your Tweet location history.", "account notice"),
    ("Please verify you're not a robot by clicking the box.", "subscription"),
    ("You will now receive the Harbour Business newsletter.", "subscription"),
    ("Get breaking news alerts and special reports.", "subscription"),
    ("Breaking News Emails Get breaking news alerts and special reports.", "subscription"),
    ("For more information on crime in your area, visit our online crime map.", "promotion"),
    ("Reprints: This copy is for your personal, non-commercial use only.", "legal"),
    ("These crawls are part of an effort to archive pages as they are published.", "web archive"),
    ("The WARC files associated with this crawl are not available to the public.", "web archive"),
    (
        "If you have photos of the storm, email them to tips@bayherald.example or upload them "
        "to our website.",
        "reader call",
    ),
]


@pytest.mark.parametrize(("line", "cue"), CHROME_LINES, ids=[c[0][:40] for c in CHROME_LINES])
def test_interface_lines_are_marked_by_their_cue(line: str, cue: str) -> None:
    assert chrome_cue(line) == cue


NEWS_SENTENCES = [
    "The streaming service lost 2 million subscribers in the quarter.",
    "The minister declined to comment on the report.",
    "Share prices fell 3 percent on Tuesday.",
    "He said the photo shows the damage.",
    "Shares of the ferry operator rose after the announcement.",
    "She shared the prize with two colleagues from the institute.",
    "Copyright lawyers said the ruling could reshape the music industry.",
    "Reporting by local media suggested the mayor knew of the leak.",
    "Editing by committee has slowed the bill, the senator said.",
    "Residents can learn more about the plan at a public meeting on Thursday.",
    "The newsletter, published weekly by the parish, reported the closure first.",
    "Her newsletter now has 40,000 paying readers, she said.",
    "Passengers can check sailing times on the ferry app, the operator said.",
    "The union said its members would join the strike on Monday.",
    "Search teams found the missing hikers on Sunday morning.",
    "Home prices rose 4 percent over the year, the statistics office said.",
    "Next year the council will review the plan.",
    "Prices rose at the fastest pace since 2022, the ONS said.",
    "NATO and the EU said they would meet on Friday.",
    "Most read books this year were thrillers, the library said.",
    "Comments by the governor angered farmers in the north.",
    '"Follow the money," the prosecutor told the jury.',
    "By Tuesday, 40 people had been evacuated.",
    # Cue words in ordinary reporting, found deleted as chrome by a review.
    "The ministry declined to comment on this matter when asked by reporters on Tuesday evening.",
    "The terms and conditions of the loan were not disclosed by either bank.",
    "The findings were published in the agency's monthly newsletter.",
    "Parents said they came to the open day because they wanted to learn more.",
    "The two councils will share this cost equally over the next five years.",
    "Join the queue early, officials told fans hoping for tickets to the final.",
    "Register offices will close at noon on Friday for the public holiday.",
    "The photo, taken by a passer-by, shows the car wedged under the bridge.",
    "The company updated its privacy policy after the regulator's ruling.",
    "Police said the crash happened near the AMC BUILDING.",
    # More of the same kind, some short enough for weak cues to apply.
    "He declined to comment on this.",
    "The bank changed its terms and conditions in May.",
    "They wanted to learn more.",
    "Register offices reopen on Monday.",
    "Join the queue early, officials said.",
    "Login attempts from abroad were blocked, the bank said.",
    "Customers who subscribe now will pay less, the company said.",
    "Users were told to download the app before Friday.",
    "Members can share their views at the meeting on Thursday.",
    "Copyright Board officials said on Tuesday they would review the rule.",
    "Reporting by Kestrel Radio suggested the mayor knew of the leak.",
    "The photo, which was shared widely online, shows the mayor at the party.",
    "An image released by police shows a man in a dark jacket leaving the shop on Friday.",
    "Funding for the harbour was cut by the U.S. NAVY.",
    "Kestrel Bay sues Facebook, Twitter and Google over harbour ads",
    # Words of the newer cues in ordinary reporting.
    "I just watched the ferry go down, the captain told reporters.",
    "The caption under the photo named the wrong minister, the paper admitted.",
    "The pub crawl ended at midnight when police closed the square.",
    "You can see the harbour from every room, the agent said.",
    "Send your letters to the editor by Friday, the council said.",
    "The network sent breaking news alerts to phones across the region.",
    "Tourists who visit our harbour pay a levy, the mayor said.",
    "The licence allows personal and commercial use of the images.",
    # Reporting that a review found cut by the first versions of the newer cues.
    "The images are licensed for personal, non-commercial use only, the museum said.",
    "You can delete your location history at any time, the company said in a statement.",
    "Visit our island and you will never leave, the tourism minister told delegates.",
    "Police said anyone with dashcam footage should email it to appeals@kestrel.example.",
    "Police warned that you will receive emails containing a link to a fake refund page.",
    "This crawl through the old town's pubs raised 5,000 pounds for the lifeboat.",
    "The library uses Archive-It to preserve the council's old websites, the archivist said.",
    "The app will now show caption suggestions for every video, the company said.",
    "The MUST WATCH segment drew 3 million viewers on Sunday night.",
    "Close to 300 ferry crews train for winter storms each year.",
    "UPDATE: Harbour police have arrested a second man.",
    "UPDATE: Updates to the ferry timetable take effect on Monday.",
    "Breaking news emails get through to 40,000 readers, the editor said.",
    # Cue words aplenty, but a sentence this long is always the article's own.
    "The ferry operator, which has 12,000 subscribers to its text alerts and shares updates on "
    "its app, declined to comment on Tuesday and said passengers could learn more about the "
    "winter timetable from the photo notices posted at each terminal.",
]


@pytest.mark.parametrize("sentence", NEWS_SENTENCES, ids=[s[:40] for s in NEWS_SENTENCES])
def test_news_sentences_with_the_same_words_are_not_chrome(sentence: str) -> None:
    assert chrome_cue(sentence) is None


def test_a_strong_cue_needs_a_substring_that_each_of_its_examples_has() -> None:
    # strong_cue tries only the patterns whose needed substrings occur; leaving
    # one out of a cue's needs would make it miss lines that it matches.
    strong = [
        (name, pattern, needs) for name, pattern, reach, needs in cues._CUES if reach is cues.STRONG
    ]
    assert all(needs for _, _, needs in strong)
    for line, _ in CHROME_LINES:
        if '"' in line:  # quoted text is never cut from a paragraph
            continue
        matched = next((name for name, pattern, _ in strong if pattern.search(line)), None)
        assert strong_cue(line, strong_cues_in(line)) == matched, line


def test_weak_cues_spare_sentences_and_strong_cues_mark_any_line() -> None:
    # A weak cue marks a short line or one that does not end like a sentence ...
    assert chrome_cue("Join the conversation") == "subscription"
    assert chrome_cue("Terms and conditions") == "legal"
    # ... but not a sentence of more than twelve words.
    assert (
        chrome_cue(
            "Join the conversation about the harbour, the mayor urged residents at a packed "
            "meeting on Monday."
        )
        is None
    )
    # A strong cue marks a long line that ends like a sentence too.
    assert (
        chrome_cue(
            "Harbour master Ines Valtonen inspects the cracked sea wall at the north end of "
            "Quay Street on Monday morning. (Gazette photo/Jun Park)"
        )
        == "caption"
    )
    assert (
        chrome_cue(
            "The post Ferry fares rise again for the third time this year as the operator "
            "blames fuel costs appeared first on Harbour Daily."
        )
        == "read more"
    )


def test_cued_lines_leave_the_article_and_news_sentences_stay() -> None:
    text = "\n\n".join(
        [
            "Skip to main content",
            "News | Sport | Opinion | Weather",
            "Pool to close after cracks found in main basin",
            "Share this article",
            LEAD,
            "Share prices of the contractor fell 3 percent on Tuesday after the vote.",
            "He said the photo shows the crack that engineers found below the diving board.",
            SECOND,
            "Read 14 comments",
            "Reporting by Petra Lusk; editing by Tom Ellery",
            "© 2026 Bay Herald Media. All rights reserved.",
        ]
    )
    article = clean_one(doc(text))
    assert article.title == "Pool to close after cracks found in main basin"
    assert article.paragraphs == (
        LEAD,
        "Share prices of the contractor fell 3 percent on Tuesday after the vote.",
        "He said the photo shows the crack that engineers found below the diving board.",
        SECOND,
    )


def test_interface_sentences_glued_into_a_long_paragraph_leave_it() -> None:
    # A scraper glued a newsletter box and a caption into the article's text:
    # the line is too long for a cue, so its sentences are judged one by one.
    glued = (
        f"{SECOND} Newsletter Sign Up Continue reading the main story Please verify you're not "
        "a robot by clicking the box. You must select a newsletter to subscribe to. Hide "
        "Caption 2 of 9 Photos: The old baths on Quay Street. The council will decide in May."
    )
    article = clean_one(doc(f"{LEAD}\n\n{glued}"))
    assert article.paragraphs == (LEAD, f"{SECOND} The council will decide in May.")


def test_quoted_interface_words_in_a_long_paragraph_are_the_articles() -> None:
    paragraph = (
        f'{SECOND} "We are open for business. Visit our shops and restaurants," the mayor '
        'said. Victims of the scam were told to "click here" to claim a refund.'
    )
    assert clean_one(doc(f"{LEAD}\n\n{paragraph}")).paragraphs == (LEAD, paragraph)


def test_sentences_cut_from_a_paragraph_do_not_widen_the_byline_window() -> None:
    # The byline and date are read from the first lines, plus one per chrome line.
    gallery = " ".join(f"Hide Caption {i} of 20 Photos: Storm floods the quay." for i in range(20))
    body = "\n\n".join([f"{SECOND} {gallery}", *[OTHER_SECOND] * 14, "March 3, 2019"])
    article = clean_one(doc(f"Pool to close after cracks found\n\n{LEAD}\n\n{body}"))
    assert article.published is None
    assert "Hide Caption" not in " ".join(article.paragraphs)


def test_a_bulleted_paragraph_of_the_article_is_kept() -> None:
    # A bullet marks a short tagline, but an article's own list has whole sentences.
    item = f"• {SECOND}"
    long_item = f"• {SECOND} {OTHER_SECOND}"
    assert clean_one(doc(f"{LEAD}\n\n{item}\n\n{long_item}")).paragraphs == (
        LEAD,
        item,
        long_item,
    )


def test_a_long_paragraph_with_cue_words_but_no_interface_is_kept_whole() -> None:
    paragraph = (
        f"{SECOND} The photo, which a resident shared, shows the crack; the council said "
        "readers could follow the consultation on its website."
    )
    assert clean_one(doc(f"{LEAD}\n\n{paragraph}")).paragraphs == (LEAD, paragraph)


# --- Lines repeated on an outlet's pages ---------------------------------------------------

APP_LINE = "Get the Quayside tide tracker on your phone before the weekend"


def test_line_repeated_across_one_outlets_documents_is_chrome() -> None:
    first = doc(f"{LEAD}\n\n{APP_LINE}\n\n{SECOND}", path="a.txt", outlet="Bay Herald")
    second = doc(f"{OTHER_LEAD}\n\n{APP_LINE}\n\n{OTHER_SECOND}", path="b.txt", outlet="Bay Herald")
    assert chrome_cue(APP_LINE) is None
    articles, problems = Cleaner(min_body_words=10).run([first, second])
    assert problems == []
    assert [a.paragraphs for a in articles] == [(LEAD, SECOND), (OTHER_LEAD, OTHER_SECOND)]
    assert Cleaner().fit([first, second]).chrome_reason(first, APP_LINE) == (
        "repeated on the outlet's pages"
    )


def test_same_line_in_documents_of_different_outlets_is_kept() -> None:
    first = doc(f"{LEAD}\n\n{APP_LINE}\n\n{SECOND}", path="a.txt", outlet="Bay Herald")
    second = doc(
        f"{OTHER_LEAD}\n\n{APP_LINE}\n\n{OTHER_SECOND}", path="b.txt", outlet="Lantern Post"
    )
    articles, _ = Cleaner(min_body_words=10).run([first, second])
    assert [a.paragraphs for a in articles] == [
        (LEAD, APP_LINE, SECOND),
        (OTHER_LEAD, APP_LINE, OTHER_SECOND),
    ]


def test_outlets_are_told_apart_by_domain_and_by_folder_without_metadata() -> None:
    by_domain = [
        doc(f"{APP_LINE}\n\n{LEAD}", path="a.txt", url="https://www.bayherald.example/a"),
        doc(f"{APP_LINE}\n\n{OTHER_LEAD}", path="b.txt", url="https://bayherald.example/b"),
        doc(f"{APP_LINE}\n\n{SECOND}", path="c.txt", url="https://lanternpost.example/c"),
    ]
    by_folder = [
        doc(f"{APP_LINE}\n\n{LEAD}", path="x/a.txt", folder="x"),
        doc(f"{APP_LINE}\n\n{OTHER_LEAD}", path="y/b.txt", folder="y"),
    ]
    cleaner = Cleaner().fit(by_domain + by_folder)
    repeated = [cleaner.chrome_reason(d, APP_LINE) is not None for d in by_domain + by_folder]
    assert repeated == [True, True, False, False, False]


def test_line_must_recur_in_min_repeats_documents_not_just_twice_in_one() -> None:
    twice_in_one = doc(f"{LEAD}\n\n{APP_LINE}\n\n{SECOND}\n\n{APP_LINE}", outlet="Bay Herald")
    assert clean_one(twice_in_one).paragraphs == (LEAD, APP_LINE, SECOND, APP_LINE)
    pages = [
        doc(f"{APP_LINE}\n\n{body}", path=f"{n}.txt", outlet="Bay Herald")
        for n, body in enumerate([LEAD, OTHER_LEAD])
    ]
    assert Cleaner(min_repeats=3).fit(pages).chrome_reason(pages[0], APP_LINE) is None
    assert Cleaner(min_repeats=2).fit(pages).chrome_reason(pages[0], APP_LINE) is not None


def test_long_paragraphs_are_never_chrome_by_repetition() -> None:
    # An updated story repeats its paragraphs: they are reporting, for dedup to weigh.
    update = "Update: the council will meet again on Friday to set the closing date."
    first = doc(f"{LEAD}\n\n{SECOND}", path="a.txt", outlet="Bay Herald")
    second = doc(f"{LEAD}\n\n{SECOND}\n\n{update}", path="b.txt", outlet="Bay Herald")
    articles, _ = Cleaner().run([first, second])
    assert [a.paragraphs for a in articles] == [(LEAD, SECOND), (LEAD, SECOND, update)]


def test_numbers_are_masked_so_counters_match_across_pages() -> None:
    assert line_signature("Read 3 comments") == line_signature("Read 12 comments")
    assert line_signature("  HIGH water at 06:12 ") == line_signature("High water at 18:40.")
    assert line_signature("Read 3 comments") != line_signature("Read 3 reviews")
    repeats = RepeatedLines(min_documents=2).fit(
        [("bay", ["Read 3 comments", LEAD]), ("bay", ["Read 12 comments", OTHER_LEAD])]
    )
    assert repeats.is_repeated("bay", "Read 40 comments")
    assert not repeats.is_repeated("lantern", "Read 40 comments")
    assert not repeats.is_repeated("bay", LEAD)
    # Through the cleaner, with a counter no generic cue knows.
    first = doc(f"Tide tracker: high water at 06:12\n\n{LEAD}", path="a.txt", outlet="Bay Herald")
    second = doc(
        f"Tide tracker: high water at 18:40\n\n{SECOND}", path="b.txt", outlet="Bay Herald"
    )
    articles, _ = Cleaner(min_body_words=10).run([first, second])
    assert [a.paragraphs for a in articles] == [(LEAD,), (SECOND,)]


# --- Bylines, dates and titles -------------------------------------------------------------


def test_byline_with_date_becomes_author_and_published() -> None:
    text = f"Pool to close after cracks found\n\nBy Jane Roe / March 3, 2026\n\n{LEAD}\n\n{SECOND}"
    article = clean_one(doc(text))
    assert article.author == "Jane Roe"
    assert article.published == datetime(2026, 3, 3, tzinfo=UTC)
    assert article.paragraphs == (LEAD, SECOND)


@pytest.mark.parametrize(
    ("lines", "author", "published"),
    [
        (["By Jane Roe, Staff Reporter"], "Jane Roe", None),
        (["By Jane Roe | Mar. 3, 2026"], "Jane Roe", datetime(2026, 3, 3, tzinfo=UTC)),
        (["By Jane Roe", "2026-03-04"], "Jane Roe", datetime(2026, 3, 4, tzinfo=UTC)),
        (["March 5, 2026"], None, datetime(2026, 3, 5, tzinfo=UTC)),
    ],
)
def test_byline_and_date_lines_in_their_common_forms(
    lines: list[str], author: str | None, published: datetime | None
) -> None:
    article = clean_one(
        doc("\n\n".join(["Pool to close after cracks found", *lines, LEAD, SECOND]))
    )
    assert (article.author, article.published) == (author, published)
    assert article.paragraphs == (LEAD, SECOND)


@pytest.mark.parametrize(
    "line", ["posted at 10:01 pm on March 2, 2026 by Jane Roe", "Updated at 10:30 p.m."]
)
def test_a_posted_or_updated_line_at_the_top_is_no_body(line: str) -> None:
    text = "\n\n".join(["Pool to close after cracks found", line, LEAD, SECOND])
    assert clean_one(doc(text)).paragraphs == (LEAD, SECOND)


@pytest.mark.parametrize(
    "line",
    [
        "Updated attendance figures show 4,000 people came.",
        "Published on Monday, the report found the pool lost money.",
        "Posted online, the video was watched 2 million times.",
    ],
)
def test_reporting_that_opens_on_posted_or_updated_stays(line: str) -> None:
    text = "\n\n".join(["Pool to close after cracks found", line, LEAD, SECOND])
    assert clean_one(doc(text)).paragraphs == (line, LEAD, SECOND)


def test_document_metadata_wins_over_the_byline() -> None:
    text = f"By Jane Roe / March 3, 2026\n\n{LEAD}\n\n{SECOND}"
    published = datetime(2026, 3, 2, 21, 15, tzinfo=UTC)
    article = clean_one(doc(text, title="Pool to close", author="Petra Lusk", published=published))
    assert (article.author, article.published) == ("Petra Lusk", published)
    assert article.paragraphs == (LEAD, SECOND)


def test_lead_sentences_that_open_with_by_are_reporting_not_bylines() -> None:
    openers = [
        "By Tuesday, 40 families had been moved out of the flats.",
        "By noon, the queue stretched around the block.",
    ]
    text = "\n\n".join(["Flats emptied as cracks spread", *openers, LEAD])
    article = clean_one(doc(text))
    assert article.author is None
    assert article.paragraphs == (*openers, LEAD)


def test_title_is_found_under_a_short_section_label() -> None:
    text = f"Business\n\nHarbour board backs plan to close Quay Street baths\n\n{LEAD}\n\n{SECOND}"
    article = clean_one(doc(text))
    assert article.title == "Harbour board backs plan to close Quay Street baths"
    assert article.paragraphs == (LEAD, SECOND)


def test_given_title_is_not_repeated_in_the_body() -> None:
    text = f"Pool to close after cracks found\n\n{LEAD}\n\n{SECOND}"
    article = clean_one(doc(text, title="Pool to close after cracks found"))
    assert article.title == "Pool to close after cracks found"
    assert article.paragraphs == (LEAD, SECOND)


def test_text_without_a_headline_is_titled_by_its_first_words() -> None:
    article = clean_one(doc(f"{LEAD}\n\n{SECOND}"))
    assert article.title == " ".join(LEAD.split()[:12]) + "…"
    assert article.paragraphs == (LEAD, SECOND)
    wired = clean_one(doc(f"KESTREL BAY: {LEAD}\n\n{SECOND}"))
    assert wired.title == " ".join(LEAD.split()[:12]) + "…"


def test_hard_wrapped_lines_are_rejoined_into_paragraphs() -> None:
    wrapped = (
        "Pool to close after cracks found\n"
        "\n"
        "Kestrel Bay council voted on Monday to close the old swimming\n"
        "baths on Quay Street at the end of the summer season,   after\n"
        "engineers found cracks in the main pool.\n"
        "Councillor Ines Valtonen said repairs would cost too much.\n"
        "\n"
        "\tThe vote was 9 to 4\n"
        "\n"
        "in favour of closing.\n"
    )
    assert paragraphs_of(wrapped) == [
        "Pool to close after cracks found",
        "Kestrel Bay council voted on Monday to close the old swimming baths on Quay Street at "
        "the end of the summer season, after engineers found cracks in the main pool.",
        "Councillor Ines Valtonen said repairs would cost too much.",
        # A blank line ends a paragraph, whatever follows it.
        "The vote was 9 to 4",
        "in favour of closing.",
    ]


def test_text_wrapped_at_a_fixed_width_is_rejoined_even_before_capitals() -> None:
    """Wire copy wrapped at ~70 columns: a line that starts with a name still
    continues the sentence above; only a short line that ends a sentence ends
    a paragraph."""
    wrapped = (
        "Talks between the Kestrel Bay harbour board and the dockworkers of\n"
        "Quay Street broke down on Friday, a day after the union rejected the\n"
        "Harbour Master's offer of a four per cent rise over two years, and\n"
        "Councillor Ines Valtonen called on both sides to return next week.\n"
        "The union said it would meet on Sunday.\n"
        "Shipping agents in Kestrel Bay said three container vessels were\n"
        "waiting outside the harbour and two more had turned back to Orra\n"
        "rather than risk a week at anchor while the strike went on.\n"
    )
    header = "Harbour strike enters its second week\nBy Ines Valtonen\nMarch 3, 2026\n"
    paragraphs = paragraphs_of(header + wrapped)
    assert paragraphs[:3] == [
        "Harbour strike enters its second week",
        "By Ines Valtonen",
        "March 3, 2026",
    ]
    paragraphs = paragraphs[3:]
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Talks between") and paragraphs[0].endswith("on Sunday.")
    assert "Harbour Master's offer" in paragraphs[0] and "Councillor Ines" in paragraphs[0]
    assert paragraphs[1].startswith("Shipping agents") and paragraphs[1].endswith("went on.")


def test_a_list_of_headlines_is_not_taken_for_wrapped_text() -> None:
    headlines = [
        "Kessrow dockworkers vote on new offer",
        "Orra dam gates opened after record rain",
        "Velmar recount confirms mayor by 12 votes",
        "Tarrow council to inspect every footbridge",
        "Harrow Ring back on display in Kessel",
        "Northgate trams to run all night at New Year",
    ]
    assert paragraphs_of("\n".join(headlines)) == headlines


def test_short_lines_of_varied_length_are_not_taken_for_wrapped_text() -> None:
    lines = [
        "Home",
        "World news",
        "Harbour strike enters its second week",
        "By Ines Valtonen",
        "Dockworkers stayed out on Monday.",
        "Ships waited outside the harbour for a berth.",
    ]
    assert paragraphs_of("\n".join(lines)) == lines


# --- Naming the outlet ---------------------------------------------------------------------


def _name(documents: list[Document], target: Document) -> tuple[str, OutletOrigin]:
    result = Cleaner(min_body_words=10).fit(documents).clean(target)
    assert isinstance(result, Article), result
    return result.outlet, result.outlet_origin


def test_outlet_from_metadata_comes_first() -> None:
    target = doc(
        f"{LEAD}\n\n© 2026 Some Other Name",
        outlet="Bay Herald",
        url="https://lanternpost.example/a",
        folder="misc",
    )
    assert _name([target], target) == ("Bay Herald", OutletOrigin.METADATA)


def test_outlet_from_url_takes_the_site_name_seen_with_that_domain() -> None:
    named = doc(
        LEAD, path="a.html", outlet="The Quayside Gazette", url="https://quayside.example/a"
    )
    unnamed = doc(
        f"{SECOND}\n\n© 2026 Quayside Media Ltd",
        path="b.txt",
        url="https://www.Quayside.example/b",
        folder="misc",
    )
    stranger = doc(OTHER_LEAD, path="c.txt", url="https://www.lanternpost.example/c")
    documents = [named, unnamed, stranger]
    assert _name(documents, unnamed) == ("The Quayside Gazette", OutletOrigin.URL)
    assert _name(documents, stranger) == ("lanternpost.example", OutletOrigin.URL)


@pytest.mark.parametrize(
    ("chrome", "brand"),
    [
        ("© 2026 The Quayside Gazette. All rights reserved.", "The Quayside Gazette"),
        ("Copyright 2026 Kestrel Media Group", "Kestrel Media Group"),
        ("(c) 2024-2026 Harbour Daily, All Rights Reserved", "Harbour Daily"),
        ("© 2026 St. Aldwyn's Post. All rights reserved.", "St. Aldwyn's Post"),
        ("The post Ferry fares rise again appeared first on Harbour Daily.", "Harbour Daily"),
        ("Catch up on the Ledger Terminal", "Ledger"),
    ],
)
def test_outlet_from_a_brand_in_the_chrome(chrome: str, brand: str) -> None:
    target = doc(f"{LEAD}\n\n{SECOND}\n\n{chrome}", folder="scraped")
    assert _name([target], target) == (brand, OutletOrigin.TEXT)


def test_brand_is_read_only_from_chrome_lines() -> None:
    # The copyright sign in a content paragraph is reporting, and names no outlet.
    assert brand_in(["Harbour cranes at dusk."]) is None
    content = f"{LEAD}\n\nThe Quayside Gazette said it would appeal the ruling on Monday."
    target = doc(content, folder="meridian-ledger")
    assert _name([target], target) == ("Meridian Ledger", OutletOrigin.FOLDER)


@pytest.mark.parametrize(
    ("folder", "outlet"),
    [
        ("meridian-ledger", "Meridian Ledger"),
        ("valley_signal", "Valley Signal"),
        ("the  lantern post", "The Lantern Post"),
        ("", "Unknown outlet"),
    ],
)
def test_folder_names_are_prettified(folder: str, outlet: str) -> None:
    assert folder_outlet(folder) == outlet


def test_domain_of_urls() -> None:
    assert domain_of("https://WWW.Quayside.example:8080/news?id=3") == "quayside.example"
    assert domain_of("https://news.quayside.example/a") == "news.quayside.example"
    assert domain_of("/local/path.html") is None
    assert domain_of(None) is None


def test_namer_without_fit_falls_back_to_the_domain() -> None:
    target = doc(LEAD, url="https://www.bayherald.example/pool")
    assert OutletNamer().name(target) == ("bayherald.example", OutletOrigin.URL)


def test_source_key_of_folder_outlets_is_per_article() -> None:
    folder_docs = [
        doc(f"{LEAD}\n\n{SECOND}", path="mixed/a.txt", folder="mixed"),
        doc(f"{OTHER_LEAD}\n\n{OTHER_SECOND}", path="mixed/b.txt", folder="mixed"),
    ]
    named_docs = [
        doc(f"{LEAD}\n\n{SECOND}", path="a.json", outlet="Bay Herald"),
        doc(f"{OTHER_LEAD}\n\n{OTHER_SECOND}", path="b.json", outlet="BAY HERALD"),
    ]
    folder_articles, _ = Cleaner().run(folder_docs)
    named_articles, _ = Cleaner().run(named_docs)
    assert {a.outlet for a in folder_articles} == {"Mixed"}
    assert {a.outlet_origin for a in folder_articles} == {OutletOrigin.FOLDER}
    first, second = (a.source_key for a in folder_articles)
    assert first != second
    assert first == f"Mixed::{folder_articles[0].id}"
    assert {a.source_key for a in named_articles} == {"bay herald"}


# --- Too little text, and article ids ------------------------------------------------------


def test_document_with_almost_no_text_after_cleaning_is_a_problem() -> None:
    text = "\n\n".join(
        [
            "Skip to main content",
            "Home | News | Sport | Weather",
            "Pool to close",
            "The council voted to close the baths.",
            "Read 3 comments",
            "© 2026 Bay Herald Media. All rights reserved.",
        ]
    )
    thin = doc(text, path="in/records.jsonl", index=3)
    articles, problems = Cleaner().run([thin])
    assert articles == []
    assert problems == [
        InputProblem(
            "in/records.jsonl#3",
            "fewer than 25 words of article text after removing site chrome",
        )
    ]
    assert isinstance(Cleaner(min_body_words=5).fit([thin]).clean(thin), Article)


def test_article_ids_are_stable_and_equal_for_equal_text() -> None:
    text = f"Skip to main content\n\n{LEAD}\n\n{SECOND}\n\nRead 4 comments"
    once = clean_one(doc(text, path="a.txt", outlet="Bay Herald"))
    again = clean_one(doc(text, path="copy/a.txt", outlet="Bay Herald"))
    rewrapped = clean_one(
        doc(f"{LEAD.upper()}\n\n  {SECOND}  \n\nShare this article", outlet="bay herald")
    )
    elsewhere = clean_one(doc(text, outlet="Lantern Post"))
    assert once.id == again.id == rewrapped.id
    assert once.id != elsewhere.id
    assert once.id == article_id("Bay Herald", [LEAD, SECOND])
    assert len(once.id) == 16 and int(once.id, 16) >= 0
    # The id is a content hash: it does not change from run to run or machine to machine.
    assert article_id("Bay Herald", ["Pool closes."]) == article_id("bay herald", ["pool  closes."])
    assert article_id("Bay Herald", ["Pool closes."]) != article_id("Bay Herald", ["Pool opens."])


def test_run_keeps_document_order_and_metadata() -> None:
    published = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    documents = [
        doc(
            f"{LEAD}\n\n{SECOND}",
            path="a.json",
            index=0,
            outlet="Bay Herald",
            url="https://bayherald.example/pool",
            published=published,
            title="Pool to close",
        ),
        doc("Too short.", path="a.json", index=1, outlet="Bay Herald"),
        doc(f"{OTHER_LEAD}\n\n{OTHER_SECOND}", path="a.json", index=2, outlet="Bay Herald"),
    ]
    articles, problems = Cleaner().run(documents)
    assert [(a.path, a.index) for a in articles] == [("a.json", 0), ("a.json", 2)]
    assert [p.path for p in problems] == ["a.json#1"]
    first = articles[0]
    assert (first.title, first.url, first.published) == (
        "Pool to close",
        "https://bayherald.example/pool",
        published,
    )
    assert first.duplicate_of is None


def test_wire_dateline_names_the_agency_when_nothing_else_does() -> None:
    assert agency_in_dateline("TARNBY (North Wire) — The council voted on Monday.") == "North Wire"
    assert agency_in_dateline("WASHINGTON, D.C. (NWA) -- Talks resumed.") == "NWA"
    assert agency_in_dateline("The council (NWA) — voted on Monday.") is None
    document = Document(
        path="scrapes/p.txt",
        index=0,
        text="HOLM (Island Wire) — The ferry made its last crossing on Sunday after 115 years "
        "of service, carrying 40 passengers and the mayor of Tarnby.\n\nResidents lined the "
        "quay to wave it off and many said they feared being cut off from the mainland.",
        folder="scrapes",
    )
    article = Cleaner().run([document])[0][0]
    assert (article.outlet, article.outlet_origin) == ("Island Wire", OutletOrigin.TEXT)


def test_day_month_year_dates_are_found() -> None:
    assert find_date("Published 16 November 2026, 14:45 GMT") == datetime(2026, 11, 16, tzinfo=UTC)
    assert find_date("On 3 March 2025 and then July 4, 2026") == datetime(2025, 3, 3, tzinfo=UTC)


def test_a_site_name_after_the_headline_is_dropped() -> None:
    assert without_site_name("Ferry fares rise - Island Echo", "Island Echo") == "Ferry fares rise"
    assert without_site_name("Ferry fares rise | The Island Echo", "Island Echo") == (
        "Ferry fares rise"
    )
    assert without_site_name("Fares rise – islandecho", "islandecho.example") == "Fares rise"
    assert without_site_name("Talks: a first step", "Island Echo") == "Talks: a first step"


def test_text_without_spaces_between_words_is_not_rejected_as_short() -> None:
    text = "新华社北京电 国务院总理今天在北京主持召开国务院常务会议，部署进一步做好稳就业工作。" * 2
    document = Document(path="cn/p.txt", index=0, text=f"稳就业工作会议召开\n\n{text}", folder="cn")
    articles, problems = Cleaner().run([document])
    assert problems == [] and len(articles) == 1


def test_a_highlights_box_above_the_article_leaves_it() -> None:
    """Its bullets are no sentences; left in, the first would be the title and the next the lead."""
    box = [
        "Story highlights Skipper Jonas Aalto was taken to hospital after his trawler sank",
        "He spent three hours in the water off Tarnby, the coastguard says",
        '"He is lucky to be alive," a rescuer says',
    ]
    lead = (
        "A Tarnby skipper was pulled from the sea on Sunday after his trawler sank in a "
        "storm off the north pier, the coastguard said."
    )
    rest = "Two crew members reached the shore in a life raft and were unhurt, it said."
    article = clean_one(doc("\n\n".join([*box, lead, rest])))
    assert article.paragraphs == (lead, rest)
    assert not article.title.startswith("Story highlights")
    # A line opening on the word, but a sentence or a headline, is no box.
    sentence = "Highlights of the final were shown on a screen outside the customs house."
    assert clean_one(doc("\n\n".join([sentence, lead, rest]))).paragraphs == (sentence, lead, rest)
    headline = "Highlights from the Tarnby harbour festival"
    article = clean_one(doc("\n\n".join([headline, "By Ana Kim", lead, rest])))
    assert (article.title, article.paragraphs) == (headline, (lead, rest))
