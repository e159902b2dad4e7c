"""Clean stage: hygiene with an exact offset map, boilerplate, dates, language, rejections."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from tacitus.clean import clean_document, describe
from tacitus.clean.lookalikes import fold_text
from tacitus.config import CleanConfig
from tacitus.records import CleanDocument, RawDocument, Rejection

WIRE_PAGE = """\
Home | World | Business | Markets | Sport
Harbour Authority Suspends Night Shipping After Tanker Collision

By Rosa Lindqvist
Thursday 6 June 2024 - 08:40

{BODY}

Related Stories
Kelsby port expansion approved after long delay
Fuel prices climb for third straight week
Coast guard upgrades radar network

Sign up for our daily newsletter to get the top stories straight to your inbox.
""".format(
    BODY="\n\n".join(
        (
            "Two oil tankers collided at the entrance to the port of Kelsby on Wednesday night, "
            "forcing the harbour authority to suspend all night-time shipping until further "
            "notice, officials said.",
            "Nobody was hurt in the collision, but one of the vessels was leaking fuel and "
            "clean-up crews had laid floating barriers around it by dawn, the authority said "
            "in a statement.",
            "Fishermen in the bay said the slick had already reached the northern beaches. "
            '"We cannot work until this is cleaned up," said Aron Tell, who heads the local '
            "fishing cooperative.",
            "The port handles about a fifth of the country's fuel imports, and traders warned "
            "that prices could rise if the suspension lasted more than a few days.",
        )
    )
)
BODY_OPENINGS = ("Two oil tankers", "Nobody was hurt", "Fishermen in the bay", "The port handles")

SPUN = (
    "Thе govеrnmеnt of Valmora said on Tuеsday that it would rеopеn thе bordеr crossing "
    "closеd sincе Fеbruary, aftеr talks with its nеighbour еndеd in an agrееmеnt.\n\n"
    "Officials said trucks carrying food and mеdicinе would bе allowеd through first, "
    "and that passеngеr traffic would rеsumе nеxt month.\n"
)


def clean(text: str, fmt: str = "text", **meta: object) -> CleanDocument | Rejection:
    raw = RawDocument(source="test://article", raw=text, fmt=fmt, meta=dict(meta))  # type: ignore[arg-type]
    return clean_document(raw, CleanConfig())


def as_document(result: CleanDocument | Rejection) -> CleanDocument:
    assert isinstance(result, CleanDocument), result
    return result


def assert_offsets_point_at_source(doc: CleanDocument) -> None:
    """Every cleaned sentence maps back to the same words in the raw text."""
    sentences = list(re.finditer(r"[A-Z][^.!?\n]{10,}[.!?]", doc.text))
    assert sentences
    for match in random.Random(7).sample(sentences, min(6, len(sentences))):
        start, end = doc.offsets.raw_span(match.start(), match.end())
        raw_span = doc.raw[start:end]
        assert fold_text(raw_span).replace("’", "'") == match.group()


def test_wire_page_keeps_every_body_paragraph_and_drops_the_chrome() -> None:
    doc = as_document(clean(WIRE_PAGE))

    paragraphs = doc.text.split("\n\n")
    assert [p[:15] for p in paragraphs] == [o[:15] for o in BODY_OPENINGS]
    assert doc.title == "Harbour Authority Suspends Night Shipping After Tanker Collision"
    removed = "\n".join(block.text for block in doc.boilerplate)
    for chrome in (
        "Home | World",
        "By Rosa Lindqvist",
        "Related Stories",
        "Coast guard",
        "newsletter",
    ):
        assert chrome in removed
    assert all(block.reason for block in doc.boilerplate)
    assert doc.published == date(2024, 6, 6) and doc.published_source == "text"
    assert_offsets_point_at_source(doc)


def test_boilerplate_blocks_point_at_the_raw_text() -> None:
    doc = as_document(clean(WIRE_PAGE))

    for block in doc.boilerplate:
        first_line = block.text.split("\n")[0]
        assert doc.raw[block.raw_start : block.raw_end].startswith(first_line)


def test_look_alike_letters_are_folded_to_plain_latin() -> None:
    doc = as_document(clean(SPUN))

    assert doc.text.isascii()
    assert "The government of Valmora said on Tuesday" in doc.text
    assert_offsets_point_at_source(doc)


def test_genuine_cyrillic_words_stay_cyrillic() -> None:
    text = (
        "The opposition newspaper Новая газета said on Monday that it would suspend printing "
        "after a second warning from the media regulator, its editors told readers."
    )
    doc = as_document(clean(text))

    assert "Новая газета" in doc.text


def test_invisible_characters_mojibake_and_typography_are_normalized() -> None:
    text = (
        "The minister\u200b said the \u00e2\u20ac\u0153emergency\u00e2\u20ac\u009d "
        "pro\u00adgramme would run until March \u2013 and that \ufb01nancing was secured.\n"
    )
    doc = as_document(clean(text))

    assert doc.text == (
        'The minister said the "emergency" programme would run until March - '
        "and that financing was secured."
    )
    start, _ = doc.offsets.raw_span(doc.text.index('"emergency"'), doc.text.index(" programme"))
    assert doc.raw[start:].startswith("\u00e2\u20ac\u0153emergency\u00e2\u20ac\u009d")
    fi = doc.text.index("financing")
    assert doc.raw[slice(*doc.offsets.raw_span(fi, fi + 2))] == "\ufb01"


def test_html_text_maps_into_the_markup() -> None:
    page = """<!doctype html><html><head><title>Ferry Strike Ends | Coastal Post</title>
<meta property="og:site_name" content="Coastal Post">
<meta property="article:published_time" content="2023-09-14T07:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>
<h1>Ferry Strike Ends</h1>
<p>Ferry crews in the island province of Tarm returned to work on Wednesday after a
two-week strike, the operator said, ending disruption for thousands of passengers.</p>
<p>The union accepted a pay rise of six percent &amp; a shorter rota, its leader told
reporters outside the harbour office in the provincial capital.</p>
<p>Ticket sales resumed on the operator's website within hours of the announcement.</p>
</article><footer>Coastal Post - all content is copyrighted.</footer></body></html>"""
    doc = as_document(clean(page, fmt="html"))

    assert doc.outlet == "Coastal Post"
    assert doc.published == date(2023, 9, 14) and doc.published_source == "metadata"
    assert doc.text.startswith("Ferry crews in the island province")
    at = doc.text.index("The union accepted")
    end = doc.text.index("rota,") + len("rota,")
    start, stop = doc.offsets.raw_span(at, end)
    assert (
        doc.raw[start:stop] == "The union accepted a pay rise of six percent &amp; a shorter rota,"
    )


def test_metadata_date_wins_over_the_text() -> None:
    doc = as_document(clean(WIRE_PAGE, published="2024-06-07"))

    assert doc.published == date(2024, 6, 7) and doc.published_source == "metadata"


def test_date_is_inferred_from_dated_references_with_the_year_fixed() -> None:
    text = (
        "Flooding forced thousands from their homes in the river delta on Sunday, officials "
        "said, after rain that began on Thursday, May 9 swelled the main channel.\n\n"
        "The regional council first warned of rising water on May 10 and opened shelters "
        "in schools on Saturday. It is the worst flooding in the delta since 2020.\n"
    )
    doc = as_document(clean(text))

    assert doc.published == date(2024, 5, 12)
    assert doc.published_source == "inferred"
    assert "Sunday" in (doc.published_evidence or "")


def test_no_year_in_the_text_means_no_date_not_today() -> None:
    text = (
        "Rescue teams reached the last cut-off village on Sunday, three days after the "
        "landslide of June 4 buried the only road, the governor's office said.\n"
    )
    doc = as_document(clean(text))

    assert doc.published is None
    assert "June 4" in doc.meta["published_partial"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Le gouvernement a annoncé lundi la réouverture du poste-frontière, fermé depuis "
            "février, après un accord avec le pays voisin sur le transport de marchandises.",
            "not English",
        ),
        (
            "El ministro de Defensa dijo el martes que la situación en la frontera estaba "
            "\"under control\" y que las tropas permanecerán en la zona hasta que se firme "
            "un nuevo acuerdo con el país vecino, según la agencia oficial.",
            "not English (detected Spanish)",
        ),
        ("Home | World | Sport | Weather\nSubscribe to our newsletter for the latest news "
         "in your inbox.\nShare\nComment", "only boilerplate"),
        ("12 345 678 -- 90 / 11 ## 2024", "no sentence"),
    ],
)  # fmt: skip
def test_unusable_documents_are_rejected_with_a_reason(text: str, reason: str) -> None:
    result = clean(text)

    assert isinstance(result, Rejection) and reason in result.reason


def test_a_huge_single_line_is_handled() -> None:
    sentence = "Officials said the talks would continue next week in the capital. "
    result = clean(sentence * 12_000)

    doc = as_document(result)
    assert len(doc.offsets) == len(doc.text)


def test_ids_are_stable_and_describe_shows_text_and_removals() -> None:
    first, second = as_document(clean(WIRE_PAGE)), as_document(clean(WIRE_PAGE))

    assert first.doc_id == second.doc_id
    report = describe(first)
    assert "Two oil tankers collided" in report
    assert "Related Stories" in report and "after the article" in report
    assert "2024-06-06 (text)" in report
