"""Extraction judged against hand-written truth: news-style pages (menus outside <nav>,
share bars, teasers, comments, ads between paragraphs, SVG icons with titles) read
through the product's own reader, compared with the body and headline they really hold."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from factbase.ingest import article_from_fields, read_article_file
from factbase.ingest.store import DetectionFailure, detect_text
from factbase.models import ArticleReader

PAGES = Path(__file__).parent / "pages"
MIN_MEAN_F1 = 0.93
MIN_HEADLINE_SHARE = 0.75
MAX_CLAIMS_OUTSIDE = 0.05

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def token_score(found: str, truth: str) -> Score:
    """Bag-of-words overlap, the usual measure of boilerplate removal."""
    got, want = tokens(found), tokens(truth)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return Score(precision, recall, f1)


def squash(text: str) -> str:
    return " ".join(text.split())


def page_paths() -> list[Path]:
    return sorted(PAGES.glob("*.html"))


def heldout_page_paths() -> list[Path]:
    """Realistic pages written blind (``pages/heldout/README.md``): never tune on them."""
    return sorted((PAGES / "heldout").glob("*.html"))


def truth_of(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(path.with_name(path.stem + ".truth.json").read_text())
    return data


def claims_outside(text: str, body: str) -> tuple[int, int]:
    """(claims detected in `text`, of which not in the true body)."""
    found = detect_text(text)
    assert not isinstance(found, DetectionFailure), found
    inside = squash(body)
    return len(found), sum(squash(c.text) not in inside for c in found)


def test_there_are_enough_pages_each_with_its_truth() -> None:
    paths = page_paths()
    assert len(paths) >= 8
    for path in paths:
        truth = truth_of(path)
        assert truth["headline"]
        assert truth["paragraphs"]


def test_a_page_of_only_boilerplate_scores_low() -> None:
    """The measure can fail: menus and comments against a body share few words."""
    assert token_score("Home News Sport Weather Reader comments", "Cargo rose 12 percent").f1 == 0


def _read_against_truth(paths: list[Path]) -> tuple[float, float, int, int]:
    """(mean token F1, share of headlines exact, claims detected, of which outside the true
    body) of the product's reader over ``paths``."""
    f1s: list[float] = []
    headlines = 0
    detected = outside = 0
    for path in paths:
        truth = truth_of(path)
        body = "\n\n".join(truth["paragraphs"])  # type: ignore[arg-type]
        data = read_article_file(path)  # an IngestError here is a refused page: a failure
        f1s.append(token_score(data.text, body).f1)
        headlines += data.title == truth["headline"]
        n, out = claims_outside(data.text, body)
        detected += n
        outside += out
    return sum(f1s) / len(f1s), headlines / len(f1s), detected, outside


@pytest.mark.django_db
def test_pages_are_read_close_to_their_true_body_and_headline() -> None:
    f1, headlines, detected, outside = _read_against_truth(page_paths())
    assert f1 >= MIN_MEAN_F1
    assert headlines >= MIN_HEADLINE_SHARE
    assert detected > 0
    assert outside / detected <= MAX_CLAIMS_OUTSIDE, (outside, detected)


# Held-out floors, from the first contact of the reader after its ninth round of fixes
# (against the ninth set, now tuning: a live blog's summary, galleries, guestbooks,
# credits and sign-offs named so, a call to readers beside an address; set 9 F1 0.966 ->
# 1.000, 7/87 -> 0 claims outside) with the tenth held-out page set, written blind
# meanwhile (bench/results/extraction_heldout10_first_contact.md): mean F1 0.971,
# headline exact 6/6, claims outside the body 4/79 (5.1%). Three pages read F1 1.000;
# the lowest, a Ghost post whose FAQ toggle cards hold answers in <p>s (0.874, 3 of its
# 13 claims outside); a match report keeps its stats box rows (0.985), a syndicated wire
# story its end notes (0.967). A small margin under each. The targets are 0.93,
# 75 % and 5 %: F1 and the headline share are met, claims outside miss by a tenth of a
# point (5.1%). The reader from before the ninth round reads the tenth set the same
# (0.971). (The ninth set at first contact, the round before: F1 0.966, headline 6/6,
# 7/87 outside.)
HELDOUT_MIN_MEAN_F1 = 0.95
HELDOUT_MIN_HEADLINE_SHARE = 0.95
HELDOUT_MAX_CLAIMS_OUTSIDE = 0.07


@pytest.mark.django_db
@pytest.mark.skipif(not heldout_page_paths(), reason="no pages in tests/factbase/pages/heldout/")
def test_heldout_pages_meet_their_floors() -> None:
    f1, headlines, detected, outside = _read_against_truth(heldout_page_paths())
    assert len(heldout_page_paths()) >= 6
    assert f1 >= HELDOUT_MIN_MEAN_F1
    assert headlines >= HELDOUT_MIN_HEADLINE_SHARE
    assert detected > 0
    assert outside / detected <= HELDOUT_MAX_CLAIMS_OUTSIDE, (outside, detected)


def test_a_story_wrapper_with_an_ad_word_in_its_class_is_not_taken_for_an_ad() -> None:
    """Only a small block is an ad slot: a wrapper named "ad-free" holds the story."""
    page = (PAGES / "harbour_tribune.html").read_text(encoding="utf-8")
    page = page.replace('<div class="story-body">', '<div class="story-body ad-free">')
    truth = truth_of(PAGES / "harbour_tribune.html")
    body = "\n\n".join(truth["paragraphs"])  # type: ignore[arg-type]
    data = article_from_fields(html=page)
    assert data.reader == ArticleReader.TRAFILATURA
    assert token_score(data.text, body).f1 >= MIN_MEAN_F1


def test_the_headline_is_the_one_the_page_shows_not_its_social_title() -> None:
    """og:title is often a shorter variant for sharing; the <h1> is the story's headline,
    and it is not a paragraph of the body."""
    path = PAGES / "weekly_record.html"
    truth = truth_of(path)
    data = read_article_file(path)
    assert data.title == truth["headline"]
    assert data.text.split("\n\n")[0] == truth["paragraphs"][0]  # type: ignore[index]


# The patterns of real CMS pages, each in a small page of its own ------------------------

_STORY = [
    "The county council approved a new budget of 48 million dollars on Tuesday evening after a"
    " debate that lasted more than four hours in the packed chamber.",
    "Council leader Maria Olsen said the plan would protect libraries and bus routes while"
    " raising the property tax rate by 2.5 percent, the first rise since 2019.",
    "Opposition members argued that the reserves, which stand at 11 million dollars, should"
    " have been used to avoid the increase for households already struggling with bills.",
    "The budget takes effect in April, and a public consultation on the bus network will open"
    " next month, according to the council's published timetable.",
]


def _page(body: str, *, head: str = "") -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Budget approved | The Example Post</title>"
        f"<meta property='og:title' content='Budget approved'>{head}</head>"
        f"<body>{body}</body></html>"
    )


def _paragraphs_of(html: str) -> list[str]:
    return article_from_fields(html=html).text.split("\n\n")


def test_a_body_of_br_separated_lines_in_a_table_cell_is_read_as_its_paragraphs() -> None:
    """Legacy table layouts: the story is one <td>, its paragraphs split by <br><br>, beside
    menu cells and above a table of reader comments."""
    menu = "".join(f"<tr><td><a href='/s{i}/'>Section {i}</a></td></tr>" for i in range(30))
    story = "<br><br>\n".join(_STORY)
    comments = "".join(
        f"<tr><td class='comment'><b>reader{i}</b> wrote on Feb {i}, 2026<br>"
        f"The mill closed in 2001 and {400 + i} jobs went with it.<br>"
        "<a href='/report'>Report abuse</a></td></tr>"
        for i in range(5)
    )
    html = _page(
        "<table width='990'><tr><td class='leftcol'><table>"
        f"{menu}</table></td><td class='maincol'><table>"
        "<tr><td><h1><font size='5'>Council approves budget after four-hour debate</font></h1>"
        "</td></tr><tr><td><font size='2'><b>By Carla Mendez</b><br>Staff Writer</font></td></tr>"
        f"<tr><td class='storytext'><font face='Verdana' size='2'>\n{story}\n</font></td></tr>"
        "<tr><td><table class='comments'><tr><td><b>Reader Comments</b> (5)</td></tr>"
        f"{comments}</table></td></tr></table></td></tr></table>"
    )
    data = article_from_fields(html=html)
    assert data.title == "Council approves budget after four-hour debate"
    assert data.text.split("\n\n") == _STORY


def test_a_logo_h1_before_the_story_h1_is_not_the_headline() -> None:
    """Some templates mark the site logo up as an <h1> (a link home) before the story's."""
    html = _page(
        "<header><h1 class='logo'><a href='/'><span>The Example Post</span></a></h1></header>"
        "<article><h1>Council approves budget after four-hour debate</h1>"
        + "".join(f"<p>{p}</p>" for p in _STORY)
        + "</article>",
        head="<meta property='og:site_name' content='The Example Post'>",
    )
    data = article_from_fields(html=html)
    assert data.title == "Council approves budget after four-hour debate"
    assert data.text.split("\n\n") == _STORY


def test_subheadings_and_the_article_header_are_not_paragraphs() -> None:
    """Section subheadings, the dek and byline in the article's <header> are not body text."""
    html = _page(
        "<article><header><h1>Council approves budget after four-hour debate</h1>"
        "<p class='dek'>Property tax to rise 2.5 percent, the first increase since 2019.</p>"
        "<span>By Carla Mendez</span></header><div class='body'>"
        f"<p>{_STORY[0]}</p><p>{_STORY[1]}</p><h2>What the opposition says</h2>"
        f"<p>{_STORY[2]}</p><h2>What happens next</h2><p>{_STORY[3]}</p></div></article>"
    )
    assert _paragraphs_of(html) == _STORY


def test_a_live_blog_is_read_as_the_paragraphs_of_its_entries() -> None:
    """Live blogs: every entry an <article> with a <header> (time, "Posted by", a title in
    <h3>), key points in the page header, an embedded social post inside an entry."""
    entries = "".join(
        f"<article class='live-entry'><header><time datetime='2026-02-11T1{i}:00Z'>1{i}:00"
        f"</time> <span>Posted by Liam Okonkwo</span><h3>Update number {i}</h3></header>"
        f"<div class='entry-body'><p>{p}</p>"
        + (
            "<div class='embed embed--social'><blockquote class='twitter-tweet'><p>Crews carried"
            " out 47 rescues since midnight. Do not drive through flood water.</p>&mdash; Fire"
            " Service (@fire) <a href='https://x.example/s/1'>February 11, 2026</a></blockquote>"
            "</div>"
            if i == 1
            else ""
        )
        + "</div></article>"
        for i, p in enumerate(_STORY)
    )
    html = _page(
        "<main><article class='live'><header><h1>Budget day live: council debates the plan</h1>"
        "<div class='key-points'><h2>Key points</h2><ul><li>Budget of 48 million dollars</li>"
        "<li>Property tax up 2.5 percent</li></ul></div></header>"
        f"<div class='live-feed'>{entries}</div></article></main>",
        head='<script type=\'application/ld+json\'>{"@type": "LiveBlogPosting"}</script>',
    )
    assert _paragraphs_of(html) == _STORY


def test_link_paragraphs_pull_quotes_and_sign_offs_are_not_paragraphs() -> None:
    """ "Read more:"/"Related:" link paragraphs, a pull quote repeating a body sentence and a
    wire sign-off line sit among the paragraphs without being any."""
    quote = "The plan would protect libraries and bus routes."
    html = _page(
        "<article><h1>Council approves budget after four-hour debate</h1>"
        f"<p>{_STORY[0]}</p>"
        "<p><strong>Read more:</strong> <a href='/a'>Bus routes to be reviewed next year</a></p>"
        f"<p>{_STORY[1]} {quote}</p>"
        f"<blockquote class='wp-block-pullquote'><p>“{quote}”</p><cite>Maria Olsen</cite>"
        "</blockquote>"
        f"<p>{_STORY[2]}</p>"
        "<p>Related: <a href='/b'>Reserves fell by a third in five years, audit finds</a></p>"
        f"<p>{_STORY[3]}</p>"
        "<p>Reporting by Carla Mendez in Dunmore; Editing by Jane Whitcombe</p>"
        "<div><p>Our standards: <a href='/standards'>how we report the news</a></p></div>"
        "</article>"
    )
    assert _paragraphs_of(html) == [_STORY[0], f"{_STORY[1]} {quote}", *_STORY[2:]]


def test_a_data_table_with_its_source_note_is_not_read() -> None:
    """A data table in the body goes with its caption and the source note under it."""
    rows = "".join(f"<tr><th>Item {i}</th><td>{i}.5%</td><td>{i}.1%</td></tr>" for i in range(8))
    html = _page(
        "<article><h1>Council approves budget after four-hour debate</h1>"
        f"<p>{_STORY[0]}</p><p>{_STORY[1]}</p>"
        "<div class='table-wrapper'><table><caption>Spending by service, %</caption>"
        f"<thead><tr><th>Service</th><th>2025</th><th>2026</th></tr></thead>{rows}</table>"
        "<p class='note'>Source: County finance office. Figures are rounded.</p></div>"
        f"<p>{_STORY[2]}</p><p>{_STORY[3]}</p></article>"
    )
    assert _paragraphs_of(html) == _STORY


def test_amp_templates_and_remote_lists_are_not_read() -> None:
    """AMP pages: a mustache <template> and an <amp-list> placeholder (content fetched at
    load time, a newsletter call to action) are no part of the story."""
    html = _page(
        "<article><h1>Council approves budget after four-hour debate</h1>"
        f"<p>{_STORY[0]}</p><p>{_STORY[1]}</p>"
        "<amp-list width='auto' height='120' src='https://example.com/api/cta'>"
        "<template type='amp-mustache'><div><p>{{title}}</p></div></template>"
        "<div placeholder><p>Get the Council Report newsletter</p>"
        "<p>Every Tuesday: what is happening in the council chamber.</p></div></amp-list>"
        f"<p>{_STORY[2]}</p><p>{_STORY[3]}</p></article>"
    )
    assert _paragraphs_of(html) == _STORY


def test_link_paragraphs_are_told_by_their_label_whatever_its_punctuation() -> None:
    """Promos between paragraphs: several links after the label, a label without a colon,
    links that touch; a paragraph whose words are not all label and link stays."""
    html = _page(
        "<article><h1>Council approves budget after four-hour debate</h1>"
        f"<p>{_STORY[0]}</p>"
        "<p>Related: <a href='/a'>Bus routes reviewed</a> | <a href='/b'>Library hours</a></p>"
        f"<p>{_STORY[1]}</p>"
        "<p><strong>READ MORE</strong> <a href='/c'>Reserves fell by a third, audit finds</a></p>"
        f"<p>{_STORY[2]}</p>"
        "<p>See also:<a href='/d'>Tax rises</a><a href='/e'>Bus fares</a></p>"
        f"<p>{_STORY[3]}</p>"
        "<p>The full budget is online: <a href='/f'>read the council's 212-page report</a>, or"
        " ask at any library.</p></article>"
    )
    assert _paragraphs_of(html) == [
        *_STORY,
        "The full budget is online: read the council's 212-page report, or ask at any library.",
    ]


def test_sign_offs_are_told_from_body_sentences_about_reporting() -> None:
    kept = "Reporting by the Ledger last year found that 41 percent of bus stops lacked shelters."
    html = _page(
        "<article><h1>Council approves budget after four-hour debate</h1>"
        + "".join(f"<p>{p}</p>" for p in _STORY)
        + f"<p>{kept}</p>"
        "<p>(Reporting by Carla Mendez; Writing by Tom Hale; Editing by Jane Whitcombe)</p>"
        "<p>Additional reporting by Daniel Okoro in London.</p></article>"
    )
    assert _paragraphs_of(html) == [*_STORY, kept]


def test_labels_deks_captions_and_credits_named_as_such_are_not_paragraphs() -> None:
    """An ad label in a slot with no ad name, a dek outside the <header>, a caption and a
    photo credit written as <p>s in the body; an inline link named "related" keeps its
    words in its paragraph."""
    html = _page(
        "<article><h1>Council approves budget after four-hour debate</h1>"
        "<div class='article-standfirst'><p>Property tax to rise 2.5 percent, the first"
        " increase since 2019.</p></div><div class='body'>"
        f"<p>{_STORY[0]}</p><div class='slot'><p>Advertisement</p></div>"
        "<p>Council leader Maria Olsen said the plan would protect libraries and <a"
        " class='related-link' href='/buses'>bus routes</a> while raising the property tax"
        " rate by 2.5 percent, the first rise since 2019.</p>"
        "<p>Story continues below advertisement</p>"
        "<div class='image'><img src='/a.jpg'><p class='image-caption'>Councillors vote on"
        " the budget on Tuesday, when 48 members were present.</p></div>"
        f"<p>{_STORY[2]}</p><p>Photo: Dale Kirby / The Example Post</p>"
        f"<p>{_STORY[3]}</p></div></article>"
    )
    assert _paragraphs_of(html) == _STORY


def test_a_source_note_under_a_wrapped_data_table_is_not_read() -> None:
    rows = "".join(f"<tr><th>Item {i}</th><td>{i}.5%</td></tr>" for i in range(8))
    html = _page(
        "<article><h1>Council approves budget after four-hour debate</h1>"
        f"<p>{_STORY[0]}</p><p>{_STORY[1]}</p>"
        f"<div class='scroll'><div class='inner'><table>{rows}</table></div></div>"
        "<p>Sources: County finance office; State audit 2025</p>"
        f"<p>{_STORY[2]}</p><p>{_STORY[3]}</p></article>"
    )
    assert _paragraphs_of(html) == _STORY


def test_bylines_times_captions_contacts_and_embedded_posts_in_plain_blocks_are_left_out() -> None:
    """The same asides with no name or <header> to tell them: a live entry's "Posted by"
    and time lines, a byline, a caption ending in its photo credit, an embedded post with
    its "— Name (@handle)" signature, a newsletter call, the author's contact line."""
    html = _page(
        "<main><div class='feed'><h1>Council approves budget after four-hour debate</h1>"
        "<div class='entry'><div>16:42 GMT</div><div>Posted by Liam Okonkwo</div>"
        f"<p>{_STORY[0]}</p></div>"
        "<div class='entry'><div>Updated 15:31</div><p>By Carla Mendez and Tom Hale</p>"
        f"<p>{_STORY[1]}</p>"
        "<p>Councillors vote on the budget on Tuesday evening. (Herald photo/Dale Kirby)</p>"
        "<blockquote><p>Crews carried out 47 rescues since midnight. Do not drive through"
        " flood water.</p>&mdash; County Fire Service (@countyfire) <a href='/s'>February"
        " 11, 2026</a></blockquote>"
        f"<p>{_STORY[2]}</p><p>Sign up for our free Council Report newsletter</p>"
        f"<p>{_STORY[3]}</p>"
        "<p><i>Contact Carla Mendez at 570-555-0143 or cmendez@post.example.</i></p>"
        "<p>By Tuesday, every school had reopened, the county said.</p>"
        "</div></div></main>"
    )
    assert _paragraphs_of(html) == [
        *_STORY,
        "By Tuesday, every school had reopened, the county said.",
    ]


def test_a_br_separated_story_in_a_wrapper_with_an_ad_word_is_still_read() -> None:
    """Its paragraphs are counted once they are paragraphs: the wrapper holds the story."""
    html = _page(
        "<div class='menu'><a href='/'>Home</a> <a href='/news'>News</a></div>"
        "<h1>Council approves budget after four-hour debate</h1>"
        f"<div class='story-text ad-free'>{'<br><br>'.join(_STORY)}</div>"
        "<div class='footer'>Copyright 2026 The Example Post</div>"
    )
    data = article_from_fields(html=html)
    assert data.reader == ArticleReader.TRAFILATURA
    assert data.text.split("\n\n") == _STORY


def test_a_key_points_box_outside_the_header_is_not_read() -> None:
    html = _page(
        "<article><h1>Council approves budget after four-hour debate</h1>"
        "<div class='story-key-points'><ul><li>Budget of 48 million dollars approved</li>"
        "<li>Property tax to rise 2.5 percent</li></ul></div>"
        + "".join(f"<p>{p}</p>" for p in _STORY)
        + "<div class='highlights'><ul><li>Reserves stand at 11 million dollars</li></ul></div>"
        "</article>"
    )
    assert _paragraphs_of(html) == _STORY


def test_a_story_h1_holding_an_anchor_or_a_link_to_itself_is_the_headline() -> None:
    for h1 in (
        "<h1><a name='top'></a>Council approves budget after four-hour debate</h1>",
        "<h1><a href='/news/2026/budget'>Council approves budget after four-hour debate</a></h1>",
    ):
        html = _page(
            "<header><h1><a href='https://post.example/'>The Example Post</a></h1></header>"
            f"<article>{h1}" + "".join(f"<p>{p}</p>" for p in _STORY) + "</article>"
        )
        assert article_from_fields(html=html).title == (
            "Council approves budget after four-hour debate"
        )


def test_a_print_version_with_bare_paragraphs_keeps_only_its_story() -> None:
    """A print page: every <p> a child of <body>, no article container. Its dateline, a
    sign-off naming the reporters, printed comments, the "printed from" address and the
    copyright line are not paragraphs; a correction notice at the end is."""
    correction = (
        "Correction: An earlier version of this article said the budget was 84 million"
        " dollars. The correct figure is 48 million dollars."
    )
    html = _page(
        "<div class='noprint'><a href='javascript:window.print()'>Print this page</a></div>"
        "<h1>Council approves budget after four-hour debate</h1>"
        "<p class='byline'>By Carla Mendez, County Reporting Service</p>"
        "<p>Tuesday 10 February 2026, 9:15pm</p>"
        + "".join(f"<p>{p}</p>" for p in _STORY)
        + "<p><i>Reporting by Carla Mendez and Tom Hale.</i></p>"
        f"<p><i>{correction}</i></p><hr>"
        "<div class='printcomments'><b>Comments (2)</b>"
        "<p><b>taxpayer_1</b> wrote on 11 February 2026, 8:02am:<br>The council spent 3"
        " million dollars on new offices in 2024.</p>"
        "<p><b>J. Hill</b> wrote on 11 February 2026, 9:40am:<br>Reserves rose by 20 percent"
        " in two years.</p></div><hr>"
        "<p>This story was printed from: https://post.example/news/2026/budget/</p>"
        "<p>&copy; Copyright 2026 The Example Post. All rights reserved. Registered in"
        " England No. 1234567.</p>"
    )
    assert _paragraphs_of(html) == [*_STORY, correction]


def test_a_kicker_key_points_and_captions_named_in_camel_case_are_not_paragraphs() -> None:
    """A tabloid: a kicker above the <h1>, key points between it and the body the page
    marks as its articleBody, gallery captions named "imageCaption", and a call for tips
    at the end of the body."""
    html = _page(
        "<main><div class='article-text'><span class='label'>EXCLUSIVE</span>"
        "<h1>Council approves budget after four-hour debate</h1>"
        "<ul><li><strong>Budget of 48 million dollars approved</strong></li>"
        "<li><strong>Property tax to rise 2.5 percent</strong></li></ul>"
        "<p class='when'>Published: 21:04, 10 February 2026</p>"
        f"<div itemprop='articleBody'><p>{_STORY[0]}</p><p>{_STORY[1]}</p>"
        "<div class='imageGroup'><div><img src='/a.jpg'><p class='imageCaption'>Councillors"
        " vote on the budget, which 48 members approved</p></div><div><img src='/b.jpg'>"
        "<p class='imageCaption'>The chamber was full for the debate for 4 hours</p></div></div>"
        f"<p>{_STORY[2]}</p><p>{_STORY[3]}</p>"
        "<p><strong>Do you have a story for the Post? Email <a href='mailto:tips@post.example'>"
        "tips@post.example</a> or call 0800 555 0192.</strong></p></div></div></main>"
    )
    assert _paragraphs_of(html) == _STORY


def test_disclaimers_editorial_notes_and_reworded_pull_quotes_are_not_paragraphs() -> None:
    """An opinion column's disclaimer and letters call, an interview's "edited for length"
    note, and a pull quote repeating a sentence with other punctuation."""
    said = (
        "Council leader Maria Olsen said the budget was fair. \u201cIf people are going to pay"
        " more, they deserve to see exactly why,\u201d she said."
    )
    html = _page(
        "<article><h1>Council approves budget after four-hour debate</h1>"
        f"<p>{_STORY[0]}</p><p>{said}</p>"
        "<blockquote>\u201cIf people are going to pay more, they deserve to see exactly"
        " why.\u201d</blockquote>"
        + "".join(f"<p>{p}</p>" for p in _STORY[1:])
        + "<p><em>This interview has been edited for length and clarity.</em></p>"
        "<p>The views expressed in this article are the author\u2019s own and do not"
        " necessarily reflect those of the Example Post.</p>"
        "<p>Have your say: email letters@post.example. Letters of up to 300 words may be"
        " published.</p></article>"
    )
    assert _paragraphs_of(html) == [_STORY[0], said, *_STORY[1:]]


def test_story_sentences_like_those_asides_are_kept() -> None:
    kept = [
        "Residents could email housing@council.example with their views, the council said.",
        "The figures do not necessarily reflect the true number of cases, the report said.",
        "Reporting by the Ledger in 2025 found 41 percent of stops lacked shelters.",
        "Copyright law was changed in 2019, the minister said in her statement.",
        "The views expressed at the meeting were mixed, with 40 residents opposed to it.",
        "Call 0800 555 0192 or email help@council.example, the council told residents.",
    ]
    html = _page(
        "<article><h1>Council approves budget after four-hour debate</h1>"
        + "".join(f"<p>{p}</p>" for p in [*_STORY, *kept])
        + "</article>"
    )
    assert _paragraphs_of(html) == [*_STORY, *kept]


def test_a_story_is_kept_beside_a_teaser_body_and_inside_a_block_named_comment() -> None:
    """An opinion page's body in a block whose names also say "comment" (the section),
    and a short story with no marked body above an "Up next" article whose body is
    marked articleBody: the story is read, not taken for comments or for a header."""
    html = _page(
        "<main><h1>Council approves budget after four-hour debate</h1>"
        "<div class='article-body comment'>"
        + "".join(f"<p>{p}</p>" for p in _STORY)
        + "</div></main>"
    )
    data = article_from_fields(html=html)
    assert data.reader == ArticleReader.TRAFILATURA
    assert data.text.split("\n\n") == _STORY
    html = _page(
        "<main><div class='story'><h1>Council approves budget after four-hour debate</h1>"
        + "".join(f"<p>{p}</p>" for p in _STORY[:2])
        + "<article class='up-next'><h2>Up next</h2><div itemprop='articleBody'>"
        "<p>Bus fares rise 12 percent in March, the operator said on Monday.</p>"
        "<p>About 40,000 riders use the network every day, figures show.</p></div>"
        "</article></div></main>"
    )
    read = _paragraphs_of(html)  # trafilatura reads the marked teaser too, before the story
    assert read[read.index(_STORY[0]) :][:2] == _STORY[:2]
