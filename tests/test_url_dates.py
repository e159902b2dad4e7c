"""An inferred publication date is checked against the date in the article's URL."""

from __future__ import annotations

from datetime import date

from tacitus.clean import clean_document
from tacitus.config import CleanConfig
from tacitus.records import CleanDocument, RawDocument

BODY = (
    "Iraq's parliament voted on Sunday to expel foreign troops, two days after a U.S. strike "
    "killed a senior Iranian commander at Baghdad airport on January 3. Lawmakers loyal to "
    "the prime minister backed the motion, which the cabinet must now approve."
)
HISTORY = (
    "Protesters gathered outside the embassy on Tuesday, chanting slogans first heard when "
    "students seized the compound on November 4, 1979. Police said the crowd dispersed "
    "peacefully by evening, and no arrests were reported."
)


def published(text: str, url: str | None) -> tuple[date | None, str | None, str]:
    meta = {"url": url} if url else {}
    raw = RawDocument(source="test://page", raw=text, fmt="text", meta=meta)
    document = clean_document(raw, CleanConfig())
    assert isinstance(document, CleanDocument)
    return document.published, document.published_source, document.published_evidence or ""


def test_an_inferred_date_agreeing_with_the_url_month_is_kept() -> None:
    value, source, evidence = published(BODY, "https://news.example.com/world/2020/01/iraq-vote")
    assert value == date(2020, 1, 5) and source == "inferred"
    assert "URL" not in evidence


def test_the_url_date_wins_over_a_body_that_disagrees() -> None:
    url = "https://news.example.com/2021-03-09/iraq-parliament-vote.html"
    value, source, evidence = published(BODY, url)
    assert value == date(2021, 3, 9) and source == "inferred"
    assert "URL" in evidence and "the text suggested 2021-01" in evidence


def test_a_history_paragraph_does_not_date_a_web_article_to_1979() -> None:
    value, _, _ = published(HISTORY, "https://news.example.com/world/embassy-protest")
    assert value is None
    # The same text from a print archive keeps the date its references give.
    value, _, _ = published(HISTORY, None)
    assert value is not None and value.year == 1979


def test_a_year_in_the_url_slug_rules_out_a_body_date_years_older() -> None:
    url = "https://news.example.com/politics/embassy-protest-2016-anniversary/"
    value, _, _ = published(BODY.replace("January 3", "January 3, 2008"), url)
    assert value is None
    # A slug naming next year's vote does not rule out this year's date.
    url = "https://news.example.com/iraq-vote-2021-preview/"
    value, _, _ = published(BODY.replace("January 3", "January 3, 2020"), url)
    assert value == date(2020, 1, 5)


def test_a_url_may_name_its_month() -> None:
    url = "https://news.example.com/news/2020/jan/6/iraq-parliament-votes/"
    value, _, evidence = published(BODY.replace("January 3", "January 3, 2008"), url)
    assert value == date(2020, 1, 6) and "URL" in evidence
    # A month name inside a slug's words is no date: "mar" in "mar-a-lago".
    value, _, _ = published(BODY, "https://news.example.com/2019/mar-a-lago-talks/x")
    assert value is None or value.month != 3


def test_a_date_opening_the_body_is_checked_against_the_url_too() -> None:
    text = (
        "Sept. 11, 2001, changed how the country thinks about security, the president said on "
        "Monday at a memorial service in Virginia, where he laid a wreath for the victims."
    )
    value, _, evidence = published(text, "https://news.example.com/story/2017/09/11/memorial")
    assert value == date(2017, 9, 11) and "URL" in evidence
    value, _, _ = published(text, "https://news.example.com/USA/2014/0922/memorial-service")
    assert value == date(2014, 9, 22)


def test_a_url_with_an_impossible_day_dates_nothing_and_breaks_nothing() -> None:
    for url in (
        "https://news.example.com/2019/02/31/vote",
        "https://news.example.com/2019/0230/x/",
    ):
        _, _, evidence = published(BODY, url)
        assert "URL" not in evidence
