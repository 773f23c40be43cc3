"""Analyze: quotes and their speakers, outlet credits, and where sources differ.

The fixtures are short reports written for these tests (fictional places,
people and outlets); each case is one trap a rule could fall into.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import make_article
from newsdesk.analyze import (
    OutletCredits,
    Statement,
    StoryAnalyzer,
    find_differences,
    notable_quotes,
)
from newsdesk.analyze.cues import is_open, negation_scope
from newsdesk.analyze.figures import differing_figures, figures
from newsdesk.analyze.frames import parse_speaker, reported_speech, speaker_after, speaker_before
from newsdesk.analyze.mentions import Mention
from newsdesk.analyze.quotes import find_quotes, quote_spans
from newsdesk.analyze.speakers import SpeakerBook
from newsdesk.embed import Embedder
from newsdesk.model import Claim
from newsdesk.summarize.candidates import candidate_sentences


def _quotes(*paragraphs: str, outlet: str = "Tidewater Post") -> list[tuple[str, str | None]]:
    """(quote, speaker) pairs as the analyzer resolves them in one article."""
    article = make_article(outlet, paragraphs)
    analysis = StoryAnalyzer().analyze([article], candidate_sentences([article]))
    return [(q.text, q.speaker) for q in analysis.quotes]


def test_quote_marks_of_every_style_pair_up_and_nested_marks_stay_inside() -> None:
    paragraph = '“He said "no" twice,” she said. ``We will appeal,\'\' he said. "Fine."'
    spans = [paragraph[start:end] for _, start, end, _ in quote_spans(paragraph)]
    assert spans == ['He said "no" twice,', "We will appeal,", "Fine."]


def test_an_unclosed_quotation_ends_the_search() -> None:
    assert quote_spans('"It runs on, he said. And on') == []


def test_speakers_after_and_before_the_quotation() -> None:
    found = _quotes(
        '"The repairs are finished," said Maren Lund, a spokeswoman for the Port of Velm.',
        'Harbour master Otto Rask told reporters: "The first crossing is at dawn."',
        'According to Ines Dal, the port\'s engineer, "the hull is sound."',
    )
    assert found == [
        ("The repairs are finished", "Maren Lund, spokeswoman for the Port of Velm"),
        ("The first crossing is at dawn.", "Otto Rask, Harbour master"),
        ("the hull is sound.", "Ines Dal, port's engineer"),
    ]


def test_a_pronoun_and_a_surname_resolve_to_the_full_name_and_role() -> None:
    found = _quotes(
        "Maren Lund, a spokeswoman for the Port of Velm, met the crews on Monday.",
        '"We are ready," she said.',
        '"Nobody was hurt," Lund added.',
    )
    speakers = {speaker for _, speaker in found}
    assert speakers == {"Maren Lund, spokeswoman for the Port of Velm"}


def test_a_pronoun_stands_for_the_subject_not_a_person_named_in_passing() -> None:
    found = _quotes(
        "Ferry pilot Ivo Strand missed the crossing, and the Velm crew took over.",
        "Harbour master Otto Rask blamed the fog for Strand's absence. "
        '"It was nobody\'s fault. Ivo knows it," she said.',
        "At the quay café on Mill Lane, owner Devon Achterberg said the fog had cost him trade. "
        '"It was a slow day," he said.',
    )
    assert found == [
        ("It was nobody's fault. Ivo knows it", "Otto Rask"),
        ("It was a slow day", "Devon Achterberg, owner"),
    ]


def test_a_role_for_a_place_takes_the_name_given_after_it() -> None:
    found = _quotes(
        "A spokesman for Velm West, Eamon Pritchard, said its wards had taken 40 percent more "
        'patients than usual. "We are coping, but it is busy," he told the Post.'
    )
    assert found == [("We are coping, but it is busy", "Eamon Pritchard, spokesman for Velm West")]


_KNOWN = (
    "Maren Lund, a spokeswoman for the port, and Eamon Pritchard, a councillor for the "
    "harbour ward, met on Monday."
)


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        # A name inside the quotation is not who goes on speaking.
        (
            (_KNOWN, '"Lund has failed this city," said Pritchard. "We go on," he added.'),
            "Eamon Pritchard, councillor for the harbour ward",
        ),
        (
            (_KNOWN, '"We asked Lund. Lund refused," said Pritchard. "We go on," he added.'),
            "Eamon Pritchard, councillor for the harbour ward",
        ),
        # Nor is one in an opening clause, or a possessive.
        (
            (_KNOWN, 'According to Lund, Pritchard walked out. "We are far apart," he said.'),
            "Eamon Pritchard, councillor for the harbour ward",
        ),
        (
            (_KNOWN, 'Pritchard’s deputy Maren Lund spoke first. "We will wait," she said.'),
            "Maren Lund, spokeswoman for the port",
        ),
        # The first name is the subject even when it is a possessive or a verb follows it.
        (
            (_KNOWN, 'Pritchard’s answer was not the one Lund wanted. "We are done," he said.'),
            "Eamon Pritchard, councillor for the harbour ward",
        ),
        (
            (_KNOWN, 'Lund then asked Pritchard about the budget. "Where is it?" she asked.'),
            "Maren Lund, spokeswoman for the port",
        ),
        # A body's name that opens a person's title.
        (
            ('Halvard Rovers manager Carys Mountford blamed nobody. "It was a yellow," she said.',),
            "Carys Mountford",
        ),
        # A surname that is also a publication word, and a document's author.
        (
            ('"We will appeal," said Lisa Sun, a spokeswoman for the ministry.',),
            "Lisa Sun, spokeswoman for the ministry",
        ),
        (
            ('"We will not move," a letter from Eamon Pritchard said.',),
            "Eamon Pritchard, letter from",
        ),
        # A place after a name is not a role that replaces the one given.
        (
            (
                '"We will appeal," said Eamon Pritchard, the mayor.',
                "Eamon Pritchard in New York said the court was wrong on every count.",
            ),
            "Eamon Pritchard, mayor",
        ),
    ],
)
def test_speakers_in_common_wire_patterns(paragraphs: tuple[str, ...], speaker: str) -> None:
    assert [s for _, s in _quotes(*paragraphs)][-1] == speaker


def test_a_person_of_an_outlet_is_the_speaker_and_the_outlet_the_credit() -> None:
    article = make_article(
        "Tidewater Post",
        ['"We already have a winner," Gwen Ifill of Velm News said in the afternoon.'],
    )
    analysis = StoryAnalyzer().analyze([article], candidate_sentences([article]))
    assert [(q.speaker, q.via) for q in analysis.quotes] == [("Gwen Ifill", "Velm News")]


def test_a_surname_resolves_across_the_articles_of_a_story() -> None:
    first = make_article(
        "Tidewater Post",
        ['"The crossing is safe," said Velm port spokeswoman Maren Lund.'],
    )
    second = make_article("Marrow Herald", ['"We checked every cable," Lund said.'])
    analysis = StoryAnalyzer().analyze([first, second], candidate_sentences([first, second]))
    assert {q.speaker for q in analysis.quotes} == {"Maren Lund, Velm port spokeswoman"}


def test_an_interrupted_quotation_keeps_its_speaker_and_nested_quotes_stay_whole() -> None:
    found = _quotes(
        '"We are not ready," said Tomas Brekke, head of the ferry union. "The captain told me '
        "'we need a week' and I believe him.\""
    )
    assert found == [
        ("We are not ready", "Tomas Brekke, head of the ferry union"),
        (
            "The captain told me 'we need a week' and I believe him.",
            "Tomas Brekke, head of the ferry union",
        ),
    ]


def test_a_quotation_with_no_speaker_is_never_shown_as_anyones_words() -> None:
    found = _quotes(
        'Locals have called the ferry the "Old Lady" for decades.',
        'The timetable, printed as "Winter Service", was posted on Monday.',
        '"Closed for repairs."',
    )
    assert found == []


def test_a_partial_quotation_takes_the_speaker_of_its_sentence() -> None:
    found = _quotes('Council leader Ada Voss called the closure an "avoidable embarrassment".')
    assert found == [("avoidable embarrassment", "Ada Voss, Council leader")]


def test_every_quote_is_verbatim_and_a_paraphrase_is_not_a_quote() -> None:
    paragraphs = [
        "Maren Lund said the repairs were finished and the ferry would sail on Friday.",
        '"It sails on Friday," Lund said.',
    ]
    article = make_article("Tidewater Post", paragraphs)
    found = list(find_quotes(article))
    assert [q.text for q in found] == ["It sails on Friday"]
    assert all(q.text in article.text for q in found)


def test_parse_speaker_splits_name_role_and_organisations() -> None:
    assert parse_speaker("Deputy Transport Minister Anneke Solberg") is not None
    minister = parse_speaker("Deputy Transport Minister Anneke Solberg")
    assert minister is not None and minister.name == "Anneke Solberg"
    assert minister.role == "Deputy Transport Minister"
    authority = parse_speaker("the Kessrow Port Authority")
    assert authority is not None and authority.name is None and authority.is_organisation
    tagged = parse_speaker("Rep. Jerrold Nadler, D-N.Y.")
    assert tagged is not None and tagged.name == "Jerrold Nadler"
    doctor = parse_speaker("chief executive Dr. Marguerite Toll")
    assert doctor is not None and doctor.name == "Marguerite Toll"
    assert doctor.role == "chief executive"
    addressed = parse_speaker("Dr. Marguerite Toll")
    assert addressed is not None and addressed.name == "Marguerite Toll" and addressed.role is None
    tagged = parse_speaker("(TNN) Sen. Ivo Ostrander")  # a dateline's outlet tag is no role
    assert tagged is not None and (tagged.name, tagged.role) == ("Ivo Ostrander", "Sen.")
    # "That's what Mira Holt said": words that say nothing of her are no role.
    bare = parse_speaker("That's what Mira Holt")
    assert bare is not None and (bare.name, bare.role) == ("Mira Holt", None)
    # "the wife of ... Ivo Brekke" is not Brekke; "the head of ... Ana Reis" is Reis.
    wife = parse_speaker("the wife of former harbour master Ivo Brekke")
    assert wife is not None and wife.name is None
    head = parse_speaker("head of the port agency Ana Reis")
    assert head is not None and head.name == "Ana Reis"
    # A document wrote it, and nobody is named: no speaker.
    assert parse_speaker("a letter faxed to foreign news agencies") is None
    # An office's name, then the person's: "Secretary of State Ivo Brekke".
    office = parse_speaker("Secretary of State Ivo Brekke")
    assert office is not None and (office.name, office.role) == ("Ivo Brekke", "Secretary of State")


def test_reported_speech_separates_the_speaker_from_the_claim() -> None:
    found = reported_speech("The official said that the meeting was not the start of talks.")
    assert found is not None
    mention, claim = found
    assert mention.role == "official" and claim == "the meeting was not the start of talks."
    assert reported_speech("The ferry sails on Friday.") is None


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        # A relative clause after the name says who they are, not who spoke.
        ("Inspector Pell Aro, who leads the inquiry, said divers had found the hull.",
         "Pell Aro", "Inspector"),
        ("Ana Reis, whose son died in the fire, said the inquiry was slow.", "Ana Reis", None),
        # Where the speaker was quoted is no part of the speaker.
        ("Mayor Ines Quill quoted in the Harbour Gazette said that the pier would reopen.",
         "Ines Quill", "Mayor"),
        # A participle belongs to the subject of its own clause.
        ("Early on, a warden suggested arson, but the owners pushed back saying it was the wiring.",
         None, "owners"),
        # "The Democrat" describes someone; it is not a name.
        ("The Democrat, who served two terms, said he would run again.", None, "Democrat"),
    ],
)  # fmt: skip
def test_reported_speech_finds_the_speaker_in_a_long_subject(
    sentence: str, name: str | None, role: str
) -> None:
    found = reported_speech(sentence)
    assert found is not None
    assert (found[0].name, found[0].role) == (name, role)


def test_a_clause_after_said_is_not_taken_for_the_speaker() -> None:
    # "…, said authorities had several suspects": the speaker is before "said".
    found = reported_speech("Premier Tor Ablov, who heads the inquiry, said police had suspects.")
    assert found is not None
    assert found[0].name == "Tor Ablov" and found[1] == "police had suspects."


def test_outlet_credits_name_the_original_outlet() -> None:
    credits = OutletCredits(["Valley Signal"])
    assert credits.credited("The talks will continue, CNN reports.") == "CNN"
    assert credits.credited("According to the Guardian, the talks failed.") == "The Guardian"
    assert credits.credited('"We are ready," he said, the AP reported.') == "Associated Press"
    assert credits.credited("The Valley Signal reported that the pass was shut.") == "Valley Signal"
    assert credits.credited("Lund told the Courier.", own="Courier") is None
    assert credits.credited("Police said the road was shut.") is None
    assert credits.credited("Maren Lund said the road was shut.") is None
    # A person of an outlet credits the outlet; an outlet named with "of" stays whole.
    assert credits.credited("Gwen Ifill of Velm News said the vote was over.") == "Velm News"
    assert credits.credited("The University of Velm Press said so.") == "University of Velm Press"
    assert credits.credited("The Times of Velm reported it.") != "The Times"


def test_negation_cues_leave_out_advice_and_hedges_count_as_not_knowing() -> None:
    assert negation_scope("the meeting was not the start of talks") == frozenset({"start", "talk"})
    assert negation_scope("not only the ferry but the bridge") is None
    assert negation_scope("patients should not stop using their inhalers") is None
    assert negation_scope("it was too early to say who was behind it") is not None


def test_figures_keep_their_units_and_skip_years_and_clock_times() -> None:
    found = figures("About 2,300 workers joined the 2026 strike at 6 a.m., a 12% rise.")
    assert [(f.value, f.unit) for f in found] == [(2300.0, "people"), (12.0, "percent")]


def _story(*reports: tuple[str, list[str]]) -> list:  # type: ignore[type-arg]
    articles = [make_article(outlet, paragraphs) for outlet, paragraphs in reports]
    analysis = StoryAnalyzer().analyze(articles, candidate_sentences(articles))
    return analysis.statements  # type: ignore[return-value]


def test_a_denial_between_two_sources_is_found(embedder: Embedder) -> None:
    statements = _story(
        (
            "Tidewater Post",
            [
                "Union leaders left the ministry on Tuesday saying a second session of talks "
                "had been scheduled for Friday.",
                "The ferry strike is in its third day.",
            ],
        ),
        (
            "Marrow Herald",
            [
                '"This was a briefing, nothing more. No further session has been scheduled," '
                "said Ilse Varga, a ministry director.",
                "The ferry strike is in its third day.",
            ],
        ),
    )
    found = find_differences(statements, embedder)
    assert len(found) == 1
    difference = found[0]
    assert difference.kind == "denial"
    assert (
        difference.first.outlet == "Tidewater Post" and difference.second.outlet == "Marrow Herald"
    )
    # The quotation runs over two sentences; it is one candidate, kept whole.
    assert difference.second.speaker == "Ilse Varga, ministry director"
    assert difference.second.text.startswith('"This was a briefing, nothing more. No further')


def test_not_in_a_quote_that_agrees_is_no_difference(embedder: Embedder) -> None:
    statements = _story(
        ("Tidewater Post", ['"We will not pay a ransom," said Ada Voss, the hospital\'s chief.']),
        (
            "Marrow Herald",
            ["The hospital refused to pay a ransom, its spokesman Karl Ivers said on Monday."],
        ),
    )
    assert find_differences(statements, embedder) == []


def test_outlets_that_agree_are_not_flagged(embedder: Embedder) -> None:
    statements = _story(
        (
            "Tidewater Post",
            ["The ferry will resume sailing on Friday, port spokeswoman Maren Lund said."],
        ),
        ("Marrow Herald", ["Sailings resume on Friday, the port said, after repairs to the ramp."]),
    )
    assert find_differences(statements, embedder) == []


def test_a_denial_in_one_outlets_narration_is_not_a_difference(embedder: Embedder) -> None:
    statements = _story(
        ("Tidewater Post", ["The ferry was damaged in the storm and nobody was hurt."]),
        ("Marrow Herald", ["The ferry was damaged in the storm and two crew were hurt."]),
    )
    assert all(d.kind != "denial" for d in find_differences(statements, embedder))


def test_differing_figures_for_the_same_count_are_found(embedder: Embedder) -> None:
    statements = _story(
        ("Tidewater Post", ["The fire destroyed 40 homes in the village of Oss on Sunday night."]),
        ("Marrow Herald", ["The fire destroyed 25 homes in the village of Oss on Sunday night."]),
    )
    found = find_differences(statements, embedder)
    assert [(d.kind, d.detail) for d in found] == [("figures", "40 homes against 25 homes")]


def test_a_disputed_figure_is_shown_once_with_its_closest_tellings(embedder: Embedder) -> None:
    # Four reports make four differing pairs. The two closest claims come first,
    # though listed last; the other pairs tell the same dispute again and are left out.
    statements = _story(
        ("Isle Gazette", ["At least five people died in the Dorran earthquake, aid workers say."]),
        ("Fen Courier", ["One person was killed when the quake struck Dorran."]),
        ("Tidewater Post", ["The quake near Dorran killed five people on Sunday."]),
        ("Marrow Herald", ["The quake near Dorran on Sunday killed one person."]),
    )
    found = find_differences(statements, embedder)
    assert [d.detail for d in found] == ["five people against one person"]


def test_notable_quotes_take_one_full_quote_per_speaker_most_quoted_first() -> None:
    # Lund is quoted by two outlets, Brekke by one; a quote of four words or a
    # phrase ("a gamble") is too short to stand alone.
    first = make_article(
        "Tidewater Post",
        [
            '"It sails on Friday," said Maren Lund, the port spokeswoman.',
            'Union head Tomas Brekke called it "a gamble".',
            '"We checked every cable on the ramp," said Tomas Brekke.',
        ],
    )
    second = make_article("Marrow Herald", ['"The ramp is safe to use again," Lund said.'])
    analysis = StoryAnalyzer().analyze([first, second], candidate_sentences([first, second]))
    chosen = notable_quotes(analysis.quotes, limit=4)
    assert [(q.speaker, q.text) for q in chosen] == [
        ("Maren Lund, port spokeswoman", "The ramp is safe to use again"),
        ("Tomas Brekke, Union head", "We checked every cable on the ramp"),
    ]


def test_a_short_quotation_inside_a_word_does_not_lend_its_speaker() -> None:
    first = make_article(
        "Tidewater Post",
        [
            'Transport Minister Anneke Solberg said "no" when asked about talks.',
            "Union leader Dominic Vasko said members know nothing of a new offer.",
        ],
    )
    candidates = candidate_sentences([first])
    statements = StoryAnalyzer().analyze([first], candidates).statements
    vasko = next(s for s in statements if s.text.startswith("Union leader"))
    assert vasko.speaker is not None and vasko.speaker.name == "Dominic Vasko"


def test_said_no_ends_a_sentence() -> None:
    found = _quotes(
        "Asked about a deal, the ministry said no. "
        'Union leader Dominic Vasko told reporters: "We will strike again."'
    )
    assert found == [("We will strike again.", "Dominic Vasko, Union leader")]


def test_words_of_an_outlets_name_in_other_names_credit_no_outlet() -> None:
    credits = OutletCredits()
    assert credits.credited("The Independent Electoral Commission said the vote was fair.") is None
    assert credits.credited("According to Independent monitors, the vote was fair.") is None
    assert credits.credited("Police reported Times Square was evacuated.") is None
    assert credits.credited("Iran's Guardian Council said the vote was fair.") is None


def test_a_limit_of_zero_leaves_the_part_out(embedder: Embedder) -> None:
    article = make_article("Tidewater Post", ['"The ramp is safe to use again," Lund said.'])
    analysis = StoryAnalyzer().analyze([article], candidate_sentences([article]))
    assert analysis.quotes and notable_quotes(analysis.quotes, limit=0) == ()
    assert find_differences(analysis.statements, embedder, limit=0) == []


@pytest.mark.parametrize(
    ("ours", "theirs", "detail"),
    [
        # The same tolls, told differently: a reader sees the difference at once.
        ("Gunmen at the Varo wedding left 20 killed, 10 wounded.",
         "It left 21 dead, eight wounded.", "20 killed against 21 dead"),
        ("The storm killed 224 along the coast.",
         "More than 250 people were killed by the storm.",
         "killed 224 against More than 250 people"),
        # Numbers of different things, or a bound the other figure meets, are no difference.
        ("About half of the 115-yacht fleet has retired.",
         "A total of 37 yachts have retired.", None),
        ("Wind and solar gave 10 percent of the island's power.",
         "Eight percent of the island's power came from wind and two percent from solar.", None),
        ("The eight-month revolt brought him to power.",
         "The revolt began more than two months ago.", None),
        ("The fire killed at least 60 people.", "Police said 65 were dead after the fire.", None),
        ("In 1998, 20 people died in a fire at the Oss hotel.",
         "The fire at the Oss dance hall killed 60 people.", None),
        # Found in review: each reads as its words say.
        ("The fire killed 20 people.", "Twenty-five people died in the fire.",
         "20 people against Twenty-five people"),
        ("Police said 3 suspects were arrested after 20 people were killed.",
         "Twenty people died; police arrested 3 men.", None),
        ("Three gunmen killed 20 people.", "The attack killed 20.", None),
        ("Between 30 and 40 people died.", "35 people died.", None),
        ("The toll rose from 45 to 60 dead.", "52 dead.", "60 dead against 52 dead"),
        ("On May 3, 60 people were killed.", "65 people were killed on May 3.",
         "60 people against 65 people"),
        ("In Hanover 50 people were arrested.", "Police in Hanover arrested 70 people.",
         "50 people against 70 people"),
        ("The blast killed 12 people.", "The blast killed 10 people and injured 2 people.",
         "12 people against 10 people"),
        ("The storm killed 20 people a week ago.", "The storm killed 25 people.",
         "20 people against 25 people"),
        ("Manokwari, a city of 160,000 people, shook.",
         "Indonesia, with over 230 million population, sits on a fault.", None),
        # A part of a toll is not the toll; a past disaster's toll, ten times
        # today's, is another quantity; "Varland's" names Varland.
        ("The blaze killed 60 people.", "Only 18 of the dead have been named.", None),
        ("The blaze killed 60 people.", "Relatives said the blaze killed 64 of them.",
         "60 people against killed 64"),
        ("The quake killed four people in Dorran.",
         "The 1998 wave killed more than 200,000 people.", None),
        ("The quake killed four people in Dorran.",
         "A wave years ago killed more than 200,000 people in Dorran.", None),
        ("The agency says Varland must feed its 23 million people.",
         "The harvest meets two-thirds of the needs of Varland's 22 million people.",
         "23 million people against 22 million people"),
        ("Guards detained over 21,000 undocumented migrants in July.",
         "Guards made about 18,000 arrests in July.",
         "over 21,000 undocumented migrants against about 18,000 arrests"),
    ],
)  # fmt: skip
def test_figures_differ_only_on_the_same_quantity(
    ours: str, theirs: str, detail: str | None
) -> None:
    found = differing_figures(figures(ours), figures(theirs))
    assert (found and f"{found[0].text} against {found[1].text}") == detail


def test_a_third_person_denial_of_a_fact_stays_a_denial() -> None:
    assert negation_scope("He did not fire the shots.") == frozenset({"fire", "shot"})
    assert negation_scope("He never thought it was murder.") == frozenset()
    # "none of the crew" says of the crew that they were not hurt: it denies "hurt".
    assert negation_scope("None of the crew were hurt.") == frozenset({"hurt"})


def test_what_cannot_be_or_could_not_be_done_denies_nothing() -> None:
    assert negation_scope("The port cannot take another strike nor a longer closure.") is None
    assert negation_scope("The mill halted as it was unable to obtain pulp.") is None
    assert negation_scope("Police were unable to confirm the death.") == frozenset({"death"})


def test_a_denial_about_someone_or_somewhere_else_is_no_difference(embedder: Embedder) -> None:
    statements = _story(
        ("Tidewater Post", ["Governor Ana Reis said armed smugglers were based in Velm."]),
        ("Marrow Herald", ["Minister Odo Strand said there were no smugglers based in Kessrow."]),
    )
    assert find_differences(statements, embedder) == []


def test_declining_to_speak_of_a_matter_affirms_and_denies_nothing(embedder: Embedder) -> None:
    assert is_open("Police would not talk about any possible suspects.")
    assert is_open("The mayor declined to comment on the inquiry.")
    assert not is_open("Police would not have a suspect before May.")
    statements = _story(
        ("Tidewater Post", ['"Police have not identified any suspects," Inspector Hal Brun said.']),
        ("Marrow Herald", ["Rosa Kell, the chief, said she would not discuss the suspects."]),
    )
    assert find_differences(statements, embedder) == []


def test_a_denial_of_ones_own_stance_or_a_hedge_is_no_difference(embedder: Embedder) -> None:
    statements = _story(
        ("Tidewater Post", ['"We have no part in this feud," said Anton Reyes, the mayor.']),
        ("Marrow Herald", ['"The mayor must end this feud," said Lina Okafor, a councillor.']),
        ("Isle Gazette", ['"The feud could not be settled," said Piet Vann, the harbour master.']),
    )
    assert find_differences(statements, embedder) == []


def test_a_side_that_is_one_quotation_says_so() -> None:
    def claim(text: str) -> Claim:
        return Statement(text, text, "a1", "Marrow Herald", "marrow herald").as_claim()

    whole = claim('"No second session of talks has been set."')
    # Its words, marked quoted: the page puts the marks back, once.
    assert whole.quoted and whole.text == "No second session of talks has been set."
    assert not claim('"No session is set," said Ilse Varga, a ministry director.').quoted
    assert not claim("Union leaders said a second session was set for Friday.").quoted


def test_a_place_is_never_the_person_a_pronoun_stands_for() -> None:
    found = _quotes(
        "Customs chief Amal Rizk spoke to reporters at the border post on Monday.",
        "Trucks from Saudi Arabia have waited at the crossing for a week.",
        '"We will reopen the crossing by Friday," she said.',
    )
    assert found == [("We will reopen the crossing by Friday", "Amal Rizk")]


@pytest.mark.parametrize(
    "claim",
    ["0 people were hurt.", "It cost $0.", "Turnout was 0.0%.", "000 votes", "a 0-0 draw",
     "killed 0 of them", "between 0 and 0 percent", "- 5 -", "3.", "1,000,000,000,000 tons"],
)  # fmt: skip
def test_figures_read_any_number_without_failing(claim: str) -> None:
    for figure in figures(claim):
        assert figure.low <= figure.value <= figure.high


def test_a_photo_credit_names_no_one_a_pronoun_can_stand_for() -> None:
    found = _quotes(
        "Defence Secretary Rolf Hale spoke in Velm on Monday.",
        # A caption and its credit run into the next quotation, as scraped pages do.
        'A soldier at the base in Velm. AGENCY/Ola Brandt "The loss is under investigation," '
        "Hale said before a meeting with his counterpart.",
        '"We will release what we learn," he added.',
    )
    assert found[-1] == ("We will release what we learn", "Rolf Hale")


def test_of_two_people_with_one_surname_the_given_name_says_which() -> None:
    found = _quotes(
        "The missing men are Darren Holm and Peter Vass, both engineers.",
        "Eamon Holm, the father of one of the missing men, said he had heard the news.",
        '"We are hoping it is not true," he said at his home.',
    )
    assert found[-1] == (
        "We are hoping it is not true",
        "Eamon Holm, father of one of the missing men",
    )


def test_a_name_with_its_role_between_commas_before_said_is_the_speaker() -> None:
    found = _quotes(
        "Port director Ada Voss opened the session.",
        '"He is ill, and he is old," Tomas Brekke, the island\'s deputy mayor, said on Monday.',
    )
    assert found[-1][1] is not None and found[-1][1].startswith("Tomas Brekke")


def test_what_someone_has_is_not_someone_a_pronoun_stands_for() -> None:
    found = _quotes(
        "Mara Lind, a singer, played to a full hall in Velm on Saturday.",
        "Midway through the set she sent her Silver Foxes into a frenzy online.",
        '"I have kept this song a secret for a year," she told the crowd.',
    )
    assert found[-1] == ("I have kept this song a secret for a year", "Mara Lind, singer")


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ('"The market will recover," said Liesbeth Van de Craen, an analyst at Velm Bank.',
         "Liesbeth Van de Craen, analyst at Velm Bank"),
        ('"We will not vote for it," said House Minority Leader Nancy Pelosi (D-San Francisco).',
         "Nancy Pelosi (D-San Francisco), House Minority Leader"),
    ],
)  # fmt: skip
def test_names_stay_whole(paragraph: str, speaker: str) -> None:
    assert [s for _, s in _quotes(paragraph)] == [speaker]


def test_a_party_tag_does_not_split_one_speaker_in_two() -> None:
    found = _quotes(
        '"We will not vote for it," said House Minority Leader Nancy Pelosi (D-San Francisco).',
        '"It is a bad bill," Pelosi said.',
    )
    assert len({speaker for _, speaker in found}) == 1


def test_an_imagined_line_is_no_quote() -> None:
    assert _quotes('Imagine if the mechanic said, "Your brakes are fine," and they failed.') == []


def test_a_speaker_quoted_by_two_outlets_is_heard_in_both_accounts() -> None:
    first = make_article(
        "Tidewater Post",
        ['"The ramp will reopen once every cable is checked," said Maren Lund, the spokeswoman.'],
    )
    second = make_article(
        "Marrow Herald",
        ['"We will not let a single car on before the inspectors sign," Lund said.'],
    )
    analysis = StoryAnalyzer().analyze([first, second], candidate_sentences([first, second]))
    chosen = notable_quotes(analysis.quotes, limit=4)
    assert [(q.outlet, q.text) for q in chosen] == [
        ("Tidewater Post", "The ramp will reopen once every cable is checked"),
        ("Marrow Herald", "We will not let a single car on before the inspectors sign"),
    ]
    assert notable_quotes(analysis.quotes, limit=4, accounts=1) == chosen[:1]


def test_one_wire_quotation_in_two_outlets_is_shown_once() -> None:
    wire = '"The ramp will reopen once every cable is checked," said Maren Lund, the spokeswoman.'
    first = make_article("Tidewater Post", [wire])
    second = make_article("Marrow Herald", [wire.replace("Maren Lund, the spokeswoman", "Lund")])
    analysis = StoryAnalyzer().analyze([first, second], candidate_sentences([first, second]))
    chosen = notable_quotes(analysis.quotes, limit=4)
    assert [q.text for q in chosen] == ["The ramp will reopen once every cable is checked"]


def test_a_surname_with_a_prefix_is_a_name_and_a_brand_is_not() -> None:
    book = SpeakerBook()
    book.add_names_in(
        "Divers searched for Ailsa McCann near the pier. Rory O'Brien and Dana DeLuca "
        "watched from the quay. PayPal Holdings and JetBlue Airways sponsored the search."
    )
    for surname in ("McCann", "O'Brien", "DeLuca"):
        assert book.names_anyone(f"{surname} was seen at dawn.")
    for brand in ("Holdings", "Airways"):
        assert not book.names_anyone(f"{brand} said nothing.")


def test_capitalised_words_that_describe_are_not_a_persons_name() -> None:
    book = SpeakerBook()
    book.add_names_in(
        "The Islamic Studies chair spoke to the Jewish Life weekly, and the Chief "
        "Financial Officer agreed with Eric Varga."
    )
    assert book.names_anyone("Varga was there.")
    for word in ("Studies", "Life", "Officer"):
        assert not book.names_anyone(f"{word} was there.")


@pytest.mark.parametrize(
    ("read", "clause", "name", "pronoun"),
    [
        (speaker_after, " the Harbour Ledger quoted Lund as saying on Friday.", "Lund", None),
        (
            speaker_after,
            ", the agency quoted harbour master Pieter Holm as saying.",
            "Pieter Holm",
            None,
        ),
        (speaker_after, " he was quoted as saying.", None, "he"),
        (speaker_after, ", she was quoted by the Harbour Ledger as saying.", None, "she"),
        (speaker_before, "The Tarnby Gazette quoted him as saying: ", None, "he"),
        (speaker_before, "She was quoted by the Tarnby Gazette as saying: ", None, "she"),
        # Another frame speaks: the usual reading holds.
        (speaker_after, ", Lund said the paper quoted him as saying.", "Lund", None),
        (speaker_after, ", Holm said the Ledger quoted Lund as saying.", "Holm", None),
        (
            speaker_before,
            "Harbour Radio quoted Holm as saying the pier was safe, but Lund said: ",
            "Lund",
            None,
        ),
    ],
)
def test_the_one_quoted_as_saying_is_the_speaker_not_the_outlet(
    read: Callable[[str], Mention | None], clause: str, name: str | None, pronoun: str | None
) -> None:
    mention = read(clause)
    assert mention is not None and (mention.name, mention.pronoun) == (name, pronoun)


def test_a_he_said_after_a_surname_speaker_in_a_long_clause_is_theirs() -> None:
    # The speaker is named only by surname, after an opening clause and an
    # aside between dashes; the next "he said" is still his, not Ostrander's.
    article = make_article(
        "Tidewater Post",
        [
            "Senator Ivo Ostrander criticised the harbour board on Monday.",
            "Asked how he felt about Ostrander's criticism -- that the board hides its "
            'accounts -- Brekke said, "It hurt."',
            '"I respect the senator," he said.',
        ],
    )
    analysis = StoryAnalyzer().analyze([article], candidate_sentences([article]))
    speakers = {q.text: q.speaker for q in analysis.quotes}
    assert speakers == {"It hurt.": "Brekke", "I respect the senator": "Brekke"}


def test_a_sentence_led_by_he_does_not_give_the_next_he_a_new_antecedent() -> None:
    article = make_article(
        "Tidewater Post",
        [
            '"I took to it at once," Ostrander says. He also praises the coach Ivo Brekke.',
            '"He made the game fun," he said.',
        ],
    )
    analysis = StoryAnalyzer().analyze([article], candidate_sentences([article]))
    assert {q.speaker for q in analysis.quotes} == {"Ostrander"}
