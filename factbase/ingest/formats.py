"""The formats an article arrives in: plain text, Markdown, an HTML page, a JSON sidecar.

Each reader returns what it found (title, text and, for a page, its metadata); what makes
a valid article is decided once, in `article.clean_article`.

HTML is read by trafilatura, the extraction library made for news pages: it finds the
story among menus, share bars, galleries of other stories, comments and ads, and reads
the headline, author, date and canonical address from the page's metadata (JSON-LD,
og: tags, <link rel="canonical">). When it finds nothing (a fragment, a bare page), the
whole-page reader below takes over, and the stored article says which one read it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import islice
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Document

from factbase.ingest.article import MAX_NAME, MAX_TITLE, IngestError, normalize_text, shorten
from factbase.models import ArticleReader

META_SUFFIX = ".meta.json"
META_FIELDS = {"title", "url", "publisher", "author", "published_at", "language"}


@dataclass(frozen=True, slots=True)
class Page:
    """What an HTML page says about itself; empty strings where it says nothing."""

    title: str
    text: str
    reader: str
    author: str = ""
    published_at: str = ""
    publisher: str = ""
    language: str = ""
    canonical_url: str = ""


# Plain text and Markdown ---------------------------------------------------------------


def split_title(content: str, *, keep: bool) -> tuple[str, str]:
    """With a sidecar the whole file is the text; without, its first line is the title."""
    content = normalize_text(content)
    if keep:
        return "", content
    first, _, rest = content.partition("\n")
    return first.strip(), rest


_MD_HEADING = re.compile(r"^#{1,6}\s*", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(content: str) -> str:
    """Markdown to the plain words a reader sees (headings, links and emphasis unwrapped)."""
    text = _MD_HEADING.sub("", normalize_text(content))
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(r"\2", text)


# Sidecar -------------------------------------------------------------------------------


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name[: -len(path.suffix)] + META_SUFFIX)


def read_sidecar(path: Path) -> dict[str, Any] | None:
    """The JSON object beside `path` (NAME.meta.json), or None when there is none."""
    sidecar = sidecar_path(path)
    if not sidecar.exists():
        return None
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(f"Malformed sidecar {sidecar.name}: {exc}", path=path) from None
    if not isinstance(meta, dict):
        raise IngestError(f"Malformed sidecar {sidecar.name}: not a JSON object.", path=path)
    for key, value in meta.items():
        if key in META_FIELDS and value is not None and not isinstance(value, str):
            raise IngestError(
                f"Malformed sidecar {sidecar.name}: {key!r} must be a string.", path=path
            )
    return meta


# HTML ----------------------------------------------------------------------------------


def read_html(content: str, *, url: str | None = None) -> Page:
    """The article in an HTML page: its main text, one paragraph per block, and metadata."""
    if "\x00" in content:
        raise IngestError("NUL characters are not allowed.", field="html")
    try:
        tree = lxml.html.fromstring(content)
    except (etree.ParserError, ValueError):
        tree = None
    if tree is not None and _over(tree, MAX_PAGE_ELEMENTS):
        raise IngestError(
            f"The page holds more than {MAX_PAGE_ELEMENTS:,} elements; factbase reads article"
            " pages up to that size. Send the article's text instead.",
            field="html",
        )
    if tree is not None:
        page = _trafilatura(tree, url=url, language=_language(tree))
        if page is not None:
            return page
    title, text = html_to_text(content)
    return Page(title=shorten(title, MAX_TITLE), text=text, reader=ArticleReader.HTML_FALLBACK)


def _language(tree: Any) -> str:
    html = tree if tree.tag == "html" else tree.getroottree().getroot()
    lang = (html.get("lang") or html.get("xml:lang") or "").strip()
    return lang if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", lang) else ""


# Real article pages hold a few hundred to a few thousand elements. Pages are bounded
# twice, each page refused with its reason: as parsed (before any work on it, so that even
# a 10 MiB page of tags is turned away in a second), and once menus, ads and other
# boilerplate are dropped, before trafilatura reads it: its extraction grows faster than
# the page on some shapes (short paragraphs with inline markup: 10,000 took 1.7 s, 20,000
# 8.4 s).
MAX_PAGE_ELEMENTS = 60_000
MAX_STORY_ELEMENTS = 20_000


def _story_too_big() -> IngestError:
    return IngestError(
        f"The page holds more than {MAX_STORY_ELEMENTS:,} elements besides its menus and"
        " ads; factbase reads article pages up to that size. Send the article's text"
        " instead.",
        field="html",
    )


def _over(tree: Any, limit: int) -> bool:
    """Whether ``tree`` holds more than ``limit`` elements (counting stops there)."""
    return sum(1 for _ in islice(tree.iter(), limit + 1)) > limit


def _trafilatura(tree: Any, *, url: str | None, language: str) -> Page | None:
    # The metadata (headline, author, date, site) is read off the page as it came: the
    # byline and date often sit in the article's <header>, which the body never includes.
    meta = extract_metadata(tree, default_url=url)
    meta.sitename = _site_name(tree, meta)
    story_h1 = _story_h1(tree, meta)
    title = _headline_of(story_h1) or " ".join((meta.title or "").split())
    _drop_not_story(tree, story_h1)
    if _over(tree, MAX_STORY_ELEMENTS):
        raise _story_too_big()
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=False,
    )
    if not isinstance(document, Document) or document.body is None:
        return None
    paragraphs = _paragraphs(document.body, title)
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the headline, printed again above the story
    text = "\n\n".join(paragraphs)
    if not text:
        return None
    return Page(
        title=shorten(title, MAX_TITLE),
        text=text,
        reader=ArticleReader.TRAFILATURA,
        author=shorten(meta.author or "", MAX_NAME),
        published_at=meta.date or "",
        publisher=shorten(meta.sitename or "", MAX_NAME),
        language=language,
        canonical_url=meta.url or "",
    )


# The headline --------------------------------------------------------------------------

# A site's name is a few words ("The Example Post"); the <title> holds it beside the
# headline, after a bar or a dash.
_SITE_NAME_MAX_WORDS = 6
_TITLE_PARTS = re.compile(r"\s+[|\u2013\u2014\u00b7:-]\s+")


def _site_name(tree: Any, meta: Any) -> str:
    """The site's name: the metadata's, unless that is no name but a headline (with no
    og:site_name, trafilatura takes the part of the <title> holding a dot, for a domain,
    and a headline's figure, "$4.2 million", has one); then, or with none, the short last
    part of the <title> that is not its headline."""
    name = " ".join((meta.sitename or "").split())
    if name and len(name.split()) <= _SITE_NAME_MAX_WORDS:
        return name
    head = tree.find(".//head") if tree.tag == "html" else None
    title = head.findtext("title") if head is not None else None
    parts = [" ".join(p.split()) for p in _TITLE_PARTS.split(title or "")]
    if len(parts) < 2:
        return ""
    last = parts[-1]
    words = last.split()
    if len(words) <= _SITE_NAME_MAX_WORDS and not any(c.isdigit() for c in last) and last:
        return last
    return ""


_WORD = re.compile(r"\w+")


def _story_h1(tree: Any, meta: Any) -> Any:
    """The page's story <h1>, whose text is the headline a reader sees (trafilatura prefers
    og:title, often a shorter variant written for sharing). Templates that also mark the
    site's logo up as an <h1> (a link home, or the site's name) have it skipped; of
    several left, the one sharing most words with the page's metadata title. An element
    marked schema.org ``itemprop="headline"`` stands with them (a Joomla item's title is an
    <h2> under the menu's section-name <h1>), an <h1> winning a tie. A page with neither
    (a site builder's styled text box) has its headline told by the metadata title."""
    sitename = " ".join((meta.sitename or "").split()).lower()
    h1s = []
    for h1 in tree.iter("h1"):
        text = " ".join(h1.text_content().split())
        if text and text.lower() != sitename and not _links_home(h1):
            h1s.append((text, h1))
    marked = [
        (text, e)
        for e in tree.xpath("//*[@itemprop='headline']")
        if e.tag not in ("meta", "h1") and (text := " ".join(e.text_content().split()))
    ]
    if not h1s and not marked:
        return _titled_block(tree, meta)
    if len(h1s) == 1 and not marked:
        return h1s[0][1]
    wanted = set(_WORD.findall((meta.title or "").lower()))
    candidates = [(text, e, 1) for text, e in h1s] + [(text, e, 0) for text, e in marked]
    return max(
        candidates,
        key=lambda t: (len(wanted.intersection(_WORD.findall(t[0].lower()))), t[2], len(t[0])),
    )[1]


# A headline is a line of a few words, not a paragraph.
_HEADLINE_MAX_WORDS = 30
_TEXT_BLOCKS = ("p", "div", "h2", "h3", "h4", "h5", "h6")


def _titled_block(tree: Any, meta: Any) -> Any:
    """With no <h1>, the headline is the short block of text, holding no other block, whose
    words are most like the metadata title's (a share of both, so a long paragraph about
    the same thing is not), sharing at least half of the title's words; it is made the
    page's <h1>, as it shows: what stands above it (a section label) is no story."""
    wanted = set(_WORD.findall((meta.title or "").lower()))
    if len(wanted) < 3:
        return None
    best, best_score = None, 0.0
    for element in tree.iter(*_TEXT_BLOCKS):
        if any(isinstance(c.tag, str) and c.tag not in _PHRASING for c in element):
            continue
        text = " ".join(islice(element.itertext(), _HEADLINE_MAX_WORDS))
        words = set(_WORD.findall(text.lower()))
        if not 2 <= len(text.split()) <= _HEADLINE_MAX_WORDS:
            continue
        shared = len(wanted & words)
        score = 2 * shared / (len(wanted) + len(words))
        if 2 * shared >= len(wanted) and score > best_score:
            best, best_score = element, score
    if best is not None:
        best.tag = "h1"
    return best


def _headline_of(h1: Any) -> str:
    return " ".join(h1.text_content().split()) if h1 is not None else ""


def _links_home(h1: Any) -> bool:
    """Whether the heading is a link to the site's front page (a logo)."""
    for link in h1.iter("a"):
        href = (link.get("href") or "").strip()
        if not href:
            continue  # a named anchor, or a link to the page itself
        path = re.sub(r"^(https?:)?//[^/]*", "", href)  # "https://site.example/" -> "/"
        if path in ("", "/", "./") or path.startswith(("/?", "/#", "/index.")):
            return True
    return False


# Pre-cleaning: what a page shows around the story, removed before trafilatura reads it --

# Words that name an advertising slot in a class or id ("ad-container", "advert-slot",
# "dfp-mid"), matched as whole parts of a name so "header" or "download" never are.
_AD_WORDS = frozenset({"ad", "ads", "advert", "adverts", "advertisement", "sponsored", "dfp"})
# Words that name a block around the story, not of it: a promotion or call to action
# ("nl-cta", "newsletter-signup"), an embedded post ("embed--social", "twitter-tweet"), a
# pull quote, a dek ("entry-subtitle", "standfirst"), a caption or credit ("wp-caption",
# "cutline"), an author box, a paywall prompt, teasers of other stories, a box of key
# points or highlights, an editor's callout card or fact box, a video player with its
# title, a block of links to other stories, footnotes, a reader's quiz or poll, a
# timeline, a print page's briefs, letters, jump lines ("Continued on page 4") and ears
# (the boxes beside the masthead), a sign-off, a gallery, a guestbook, a live blog's
# summary, a feature's credits. Only blocks are matched: an
# inline link or span so named inside a paragraph is part of its sentence.
_AROUND_WORDS = frozenset(
    {
        "cta",
        "promo",
        "newsletter",
        "signup",
        "subscribe",
        "paywall",
        "embed",
        "tweet",
        "pullquote",
        "standfirst",
        "dek",
        "subtitle",
        "subheadline",
        "strapline",
        "caption",
        "cutline",
        "credit",
        "bio",
        "related",
        "recommended",
        "teaser",
        "outbrain",
        "taboola",
        "cookie",
        "consent",
        "keypoints",
        "highlights",
        "takeaways",
        "callout",
        "factbox",
        "infobox",
        "player",
        "video",
        "links",
        "footnote",
        "footnotes",
        "quiz",
        "poll",
        "timeline",
        "brief",
        "briefs",
        "letter",
        "letters",
        "jump",
        "ear",
        "signoff",
        "gallery",
        "guestbook",
        "summary",
        "credits",
    }
)
# Embed codes of social networks whose class names have none of those parts.
_EMBED_CLASSES = frozenset({"instagram-media", "fb-post", "fb-video"})
_NAME_PARTS = re.compile(r"[\s_-]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")  # "imageCaption" -> "image Caption"
# A block of readers' comments: a class or id naming it ("comments", "printcomments",
# "reader-comments", "comments-module", "comment-list"), not a state of the page around
# the story ("has-comments", "no-comments") nor commentary.
_COMMENTS_NAME = re.compile(
    r"(?!(has|no|show|hide|with|allow|enable|open)[-_]?comment)([a-z]+[-_]?)?comments?"
    r"([-_](module|section|area|list|container|wrapper|block|box|thread|panel|widget|wrap))?"
)
# A state of a block, not what it is: "has-embed", "no-promo", "with-related-links",
# "hasCaption" (the comments rule below says the same of "has-comments").
_STATE_NAME = re.compile(r"(has|no|with|without|show|hide|enable|disable|allow)([-_]|(?=[A-Z]))")
# A block so named holds the story, whatever else its names say ("article-body comment").
_STORY_WORDS = frozenset({"body", "content", "text", "story", "article", "entry"})
# Such a block is small; one holding more paragraphs than this is a wrapper of the story
# whose name only happens to contain such a word ("story-body ad-free", "wp-embed-responsive").
_SLOT_MAX_PARAGRAPHS = 2
# Elements a browser never shows as they are: templates filled by script, and AMP lists
# whose content is fetched when the page loads (their placeholder is a promotion).
_NEVER_SHOWN = ("template", "amp-list")
# An article's <header> holds its headline, dek, byline, key points, a live-blog entry's
# time and "Posted by" line; one with more paragraphs than this wraps the story itself. A
# <details> box (key facts, an explainer the reader opens) is as small.
_HEADER_MAX_PARAGRAPHS = 3


def _drop_not_story(tree: Any, story_h1: Any = None) -> None:
    # A comment inside a paragraph (React's "<!-- -->" between two text nodes) would end
    # it for trafilatura, which loses the text after it; a browser shows none of it.
    etree.strip_tags(tree, etree.Comment)
    _custom_elements_to_blocks(tree)
    # (before loose text is split into paragraphs, which would split a box from its label)
    _drop_labelled_link_boxes(
        tree, _ancestors_of(story_h1, *tree.xpath("//*[@itemprop='articleBody']"))
    )
    # first the paragraphs of loose text, so that what a block holds is counted right
    _split_at_double_breaks(tree)
    _text_divs_to_paragraphs(tree)
    _drop_story_header(tree, story_h1)
    protected = _ancestors_of(story_h1, *tree.xpath("//*[@itemprop='articleBody']"))
    _drop_transcripts(tree, protected)
    for element in tree.xpath(_NAMED):
        _drop_atomic_names(element)
        raw = " ".join(name for name in _names_of(element).split() if not _STATE_NAME.match(name))
        names = raw.lower()
        parts = _name_parts(raw)
        if (
            any(_COMMENTS_NAME.fullmatch(token) for token in names.split())
            and parts.isdisjoint(_STORY_WORDS)
            and element not in protected
            and element.getparent() is not None
        ):
            _drop(element)  # readers' comments, however many paragraphs they hold
            continue
        if "key" in parts and "points" in parts:
            parts.add("keypoints")  # "key-points", "story-key-points"
        if "info" in parts and "box" in parts:
            parts.add("infobox")  # "info-box"
        around = element.tag not in _PHRASING and (
            not _AROUND_WORDS.isdisjoint(parts) or not _EMBED_CLASSES.isdisjoint(names.split())
        )
        if (
            (around or not _AD_WORDS.isdisjoint(parts))
            and element.getparent() is not None
            and element not in protected
            and element.tag not in ("html", "body")
            and len(element.xpath(".//p")) <= _SLOT_MAX_PARAGRAPHS
        ):
            _drop(element)
    for element in list(tree.iter(*_NEVER_SHOWN, "header", "details")):
        if element.getparent() is None or (element.tag == "details" and element in protected):
            continue
        if (
            element.tag not in ("header", "details")
            or len(element.xpath(".//p")) <= _HEADER_MAX_PARAGRAPHS
        ):
            _drop(element)
    _drop_link_paragraphs(tree)
    _drop_table_notes(tree)


# The label a box of links to other stories opens with, in bold or as a heading, when
# nothing in its names says what it is: "<td><b>Related stories</b><br><a>...</a>".
_BOX_LABELS = frozenset(
    {"related", "related stories", "related articles", "related links", "more stories"}
    | {"more on this story", "most read", "most popular", "you may also like", "see also"}
    | {"latest stories", "top stories", "trending", "read more", "more from the site"}
)
_BOX_MIN_LINKS = 2
_BOX_MAX_WORDS = 250


# An ad's label, alone in its element, opening a small box: "<center><font>ADVERTISEMENT
# </font><br><a><img></a></center>".
_AD_LABELS = frozenset({"advertisement", "advert", "sponsored", "sponsored content"})
_AD_BOX_MAX_WORDS = 40


def _drop_labelled_link_boxes(tree: Any, protected: set[Any]) -> None:
    """Boxes of links to other stories, and ads, that say so only in their first words (an
    old layout's table cell, a block with no name): the label, then links with their
    teasers, or the ad. The box is the block the label opens; one holding the story never
    is."""
    for label in list(tree.iter("b", "strong", "font", "span", "small", *_HEADINGS)):
        text = " ".join(label.text_content().split()).rstrip(":").lower()
        ad = text in _AD_LABELS
        if not ad and (text not in _BOX_LABELS or label.tag in ("font", "span", "small")):
            continue
        box = label.getparent()
        while box is not None and box.tag in _PHRASING:
            box = box.getparent()
        if box is None or box in protected or box.tag in ("html", "body"):
            continue
        if _first_words(box, len(text.split())).lower().rstrip(":") != text:
            continue  # the label does not open the block: a sentence's bold words
        # Counted only as far as the limits (boxes inside boxes are each read so far).
        if ad:
            if _word_count(box, _AD_BOX_MAX_WORDS) <= _AD_BOX_MAX_WORDS:
                _drop(box)
            continue
        links = sum(1 for a in islice(box.iter("a"), _BOX_MAX_WORDS) if a.get("href"))
        if links >= _BOX_MIN_LINKS and _word_count(box, _BOX_MAX_WORDS) <= _BOX_MAX_WORDS:
            _drop(box)


def _word_count(block: Any, limit: int) -> int:
    """The number of words in a block's text, counted to one past ``limit`` at most."""
    count = 0
    for text in block.itertext():
        count += len(text.split())
        if count > limit:
            break
    return count


def _first_words(block: Any, count: int) -> str:
    """The first ``count`` words of a block's text (its text is read no further)."""
    words: list[str] = []
    for text in block.itertext():
        words.extend(text.split())
        if len(words) >= count:
            break
    return " ".join(words[:count])


def _names_of(element: Any) -> str:
    return " ".join(element.get(name) or "" for name in _NAME_ATTRIBUTES)


# Where a page names what a block is: its class and id, and the component a block is
# made by ("data-component='video-block'", "data-module='links'").
_NAME_ATTRIBUTES = ("class", "id", "data-component", "data-module")
_NAMED = "//*[" + " or ".join(f"@{name}" for name in _NAME_ATTRIBUTES) + "]"


def _custom_elements_to_blocks(tree: Any) -> None:
    """Custom elements (a hyphen in the tag: "<story-body>", "<x-paragraph>", "<ad-slot>")
    become <div>s named as their tag was, so that what a block is is judged by its name
    as any block's is, and a run of them holding only text is read as paragraphs. AMP's
    own elements ("amp-img", "amp-list") keep their tags: rules name them. One inside a
    paragraph ("<fact-link>") is part of its sentence and becomes a <span>."""
    for p in tree.iter("p"):  # the parser never nests one <p> in another
        for element in p.iterdescendants():
            if _custom(element.tag):
                element.tag = "span"
    for element in tree.iter():
        if _custom(element.tag):
            element.set("class", f"{element.get('class') or ''} {element.tag}".strip())
            element.tag = "div"


def _custom(tag: Any) -> bool:
    return isinstance(tag, str) and "-" in tag and not tag.startswith("amp-")


def _name_parts(names: str) -> set[str]:
    """The words of a block's class and id names, lowercased: "imageCaption" names a
    caption and "pullQuote" a pull quote, so a camel-cased name is split both ways."""
    return set(_NAME_PARTS.split(names.lower())) | set(
        _NAME_PARTS.split(_CAMEL.sub(" ", names).lower())
    )


# A paragraph of the story is a few sentences; a video's transcript is dropped only when
# the page holds at least this many paragraphs of this many words besides it.
_STORY_MIN_PARAGRAPHS = 2
_STORY_PARAGRAPH_MIN_WORDS = 15


def _drop_transcripts(tree: Any, protected: set[Any]) -> None:
    """A video's or a programme's transcript (a snippet in a sticky player, timestamped
    lines under the story) retells the story beside it, however many paragraphs it holds.
    A page whose story is told only as its transcript (a radio programme's) keeps it."""
    named = set()
    for element in tree.xpath("//*[@class or @id]"):
        if (
            "transcript" in _name_parts(_names_of(element))
            and element.tag not in _PHRASING
            and element not in protected
            and element.tag not in ("html", "body")
        ):
            named.add(element)
    outermost = [e for e in named if named.isdisjoint(e.iterancestors())]
    if not outermost:
        return
    inside: set[Any] = set()
    for transcript in outermost:
        inside.update(transcript.iter("p"))
    story = sum(
        1
        for p in tree.iter("p")
        if p not in inside and len(p.text_content().split()) >= _STORY_PARAGRAPH_MIN_WORDS
    )
    if story >= _STORY_MIN_PARAGRAPHS:
        for transcript in outermost:
            _drop(transcript)


# Generated utility classes: many names of a few letters each ("ki mh ts jm rz ad ng").
_ATOMIC_MAX_CHARS = 3
_ATOMIC_MIN_NAMES = 5


def _drop_atomic_names(element: Any) -> None:
    """Generated utility classes ("pw-post-body-paragraph ki mh ad ng") are a style's codes,
    not names, though one may spell "ad": a class list mostly of them (three in four or
    more) keeps only its longer names, for these rules and trafilatura's, which would take
    a story paragraph so coded for an ad."""
    names = (element.get("class") or "").split()
    short = sum(len(name) <= _ATOMIC_MAX_CHARS for name in names)
    if len(names) >= _ATOMIC_MIN_NAMES and 4 * short >= 3 * len(names):
        element.set("class", " ".join(name for name in names if len(name) > _ATOMIC_MAX_CHARS))


def _drop(element: Any) -> None:
    """Drop an element and what it holds; the text after it stays, apart from the text
    before it (lxml's drop_tree would glue their two words into one that is nowhere in
    the page)."""
    tail = element.tail
    if tail and not tail[0].isspace():
        element.tail = " " + tail
    element.drop_tree()


def _ancestors_of(*elements: Any) -> set[Any]:
    """``elements`` and their ancestors (depth is bounded by the parser). The set holds
    the elements themselves: lxml keeps one proxy per element only while it is held."""
    found: set[Any] = set()
    for element in elements:
        while element is not None and element not in found:
            found.add(element)
            element = element.getparent()
    return found


def _drop_story_header(tree: Any, story_h1: Any) -> None:
    """When the page marks its story's body (schema.org ``itemprop="articleBody"``, the
    first after the story's <h1>: one above it is a teaser's) and the block holding the
    body also holds the <h1>, what stands between the two (a dek, key points, the byline
    and time, a share bar) is the article's header, as an HTML5 <header> would be. Only a
    header's few paragraphs are dropped: more, and the marked body is not all of the
    story; and from the story's lead on (a dateline, or longer than a dek), nothing is: it
    is moved to the start of the marked body."""
    if story_h1 is None:
        return
    above = _ancestors_of(story_h1)
    body = _body_after(tree, story_h1, above)
    if body is None:
        return
    path = [body]
    while path[-1].getparent() is not None and path[-1] not in above:
        path.append(path[-1].getparent())
        if path[-1].tag == "article" and path[-1] not in above:
            return  # the body of another article (a teaser below the story)
    if path[-1] not in above or len(path) < 2 or path[-1] is story_h1:
        return  # in another tree, or inside the <h1> itself
    between = _between(story_h1, path)
    if between is None:
        return  # the body comes before the <h1>
    between = [b for b in between if isinstance(b.tag, str)]
    for i, element in enumerate(between):
        if any(_is_lead(p) for p in element.iter("p")):
            # the story starts here: its lead is read with the body that follows it (readers
            # of a marked body read only what it marks)
            for n, lead in enumerate(between[i:]):
                body.insert(n, lead)  # with its tail: the order of the words is kept
            between = between[:i]
            break
    held = sum(1 for b in between for _ in b.iter("p"))
    if held > _HEADER_MAX_PARAGRAPHS or (held and held >= sum(1 for _ in body.iter("p"))):
        return  # more than a header holds, or than the marked body: a teaser's body
    for element in between:
        _drop(element)


def _body_after(tree: Any, story_h1: Any, above: set[Any]) -> Any:
    """The first element marked articleBody after the story's <h1> starts; None if one
    holds the <h1> (one of ``above``, its ancestors): no header stands between them."""
    seen = False
    for element in islice(tree.iter(), MAX_PAGE_ELEMENTS):
        if element is story_h1:
            seen = True
        elif isinstance(element.tag, str) and element.get("itemprop") == "articleBody":
            if seen:
                return element
            if element in above:
                return None
    return None


def _between(story_h1: Any, path: list[Any]) -> list[Any] | None:
    """What stands between the <h1> and the body at the end of ``path`` (the body's way up
    to the block holding both), in document order; None when the body comes first."""
    common = path[-1]
    above = _ancestors_of(story_h1)
    branch = next(c for c in common if c in above)
    between: list[Any] = []
    # inside the <h1>'s branch: what follows the <h1> on its way up
    node = story_h1
    while node is not branch and node.getparent() is not None:
        between.extend(node.itersiblings())
        node = node.getparent()
    # in the common block: what follows the <h1>'s branch up to the body's
    for sibling in branch.itersiblings():
        if sibling is path[-2]:
            break
        between.append(sibling)
    else:
        return None
    # below the common block: what precedes the body on its way down to it
    for node in reversed(path[:-2]):
        between.extend(reversed(list(node.itersiblings(preceding=True))))
    return between


# A wire story's dateline: "DUNMORE (Example Wire) — ", "LONDON, March 3 (Reuters) - ".
_DATELINE = re.compile(
    r"[A-Z][A-Z.'\u2019 ]{1,40}(,[\w.' ]{1,40})?( ?\([^()]{1,40}\))? ?[\u2014\u2013-]{1,2} \S"
)
# A dek is a line or two; a paragraph longer than this is the story's.
_DEK_MAX_WORDS = 40


def _is_lead(p: Any) -> bool:
    """Whether a paragraph between the <h1> and the marked body is the story's lead."""
    text = " ".join(p.text_content().split())
    return bool(_DATELINE.match(text)) or len(text.split()) > _DEK_MAX_WORDS


# "Read more: <a>…</a>", "Related: <a>…</a> | <a>…</a>", "READ MORE <a>…</a>": a short
# label and links to other pages, set among the paragraphs. A label of the story's own
# words ending in a colon ("She wrote: <a>“…”</a>", "Update: <a>The council …</a>") is
# told by what it links: a sentence, where a link to another page is a headline.
_LABEL_MAX_WORDS = 4
_LINK_LABELS = frozenset(
    {"read more", "more", "related", "see also", "also read", "read also", "read next"}
)
_SEPARATORS = str.maketrans("", "", "|•·,;/»\u203a→-\u2013—…")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
# How a block that is not cut off mid-sentence ends: a sentence, a colon, a quote.
_OPEN_END = re.compile(r"[.!?:;\"'\u201d\u2019)\]]$")
# A teaser of another story: its excerpt and a last link to the rest of it.
_MORE_LINKS = frozenset(
    {"read more", "more", "see more", "continue reading", "keep reading", "read on"}
    | {"full story", "read full story", "read the full story", "read the rest"}
    | {"read full article", "read the full article"}
)
_TEASER_MAX_WORDS = 60  # an excerpt is short (WordPress's are 55 words)


_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
# A teaser card is small: a title, an excerpt, the link; a bigger block is not one card.
_CARD_MAX_ELEMENTS = 60


def _drop_link_paragraphs(tree: Any) -> None:
    for p in list(tree.iter("p")):
        if _is_link_paragraph(p):
            _drop(p)
    for card in [a.getparent() for a in tree.iter("a") if _is_card_link(a)]:
        if card.getparent() is not None and _is_card(card):
            _drop(card)


def _is_card_link(link: Any) -> bool:
    """A "Read more" link that ends a block, as it ends a teaser card."""
    parent = link.getparent()
    return (
        parent is not None
        and parent[-1] is link
        and not (link.tail or "").strip()
        and parent.tag not in _PHRASING
        and parent.tag != "p"
        and " ".join(link.text_content().translate(_SEPARATORS).split()).lower() in _MORE_LINKS
    )


def _is_card(block: Any) -> bool:
    """A teaser card: a small block of another story's title (a heading), its excerpt and
    a last link to the rest of it (a card of a "latest" rail or a site builder's list)."""
    elements = list(islice(block.iter(), _CARD_MAX_ELEMENTS + 1))
    return (
        len(elements) <= _CARD_MAX_ELEMENTS
        and any(e.tag in _HEADINGS for e in elements)
        and sum(e.tag == "p" for e in elements) <= _SLOT_MAX_PARAGRAPHS
    )


def _is_link_paragraph(p: Any) -> bool:
    """A label and links to other pages, or a teaser: an excerpt and a "Read more" link."""
    label, linked = _label_and_links(p)
    label = " ".join(label.translate(_SEPARATORS).split())
    if linked and len(label.split()) <= _LABEL_MAX_WORDS:
        if label.rstrip(":").lower() in _LINK_LABELS:
            return True
        if label.endswith(":") and not _SENTENCE_END.search(linked):
            return True
    return bool(label) and len(label.split()) <= _TEASER_MAX_WORDS and _ends_in_more_link(p)


def _label_and_links(p: Any) -> tuple[str, str]:
    """A paragraph's words outside links, and its words inside them."""
    outside: list[str] = []
    inside: list[str] = []
    depth = 0
    for event, node in etree.iterwalk(p, events=("start", "end")):
        if event == "start":
            if node.tag == "a":
                depth += 1
            (inside if depth else outside).append(node.text or "")
        else:
            if node.tag == "a":
                depth -= 1
            if node is not p:
                (inside if depth else outside).append(node.tail or "")
    return " ".join("".join(outside).split()), " ".join("".join(inside).split())


def _ends_in_more_link(p: Any) -> bool:
    """Whether the paragraph's last words are a link to the rest of another story ("…
    <a>Read more</a>", "<strong><a>Continue reading →</a></strong>")."""
    last = p
    while len(last) and not (last[-1].tail or "").strip():
        last = last[-1]
        if last.tag == "a":
            text = " ".join(last.text_content().translate(_SEPARATORS).split())
            return text.lower() in _MORE_LINKS
    return False


_NOTE = re.compile(r"(sources?|notes?|data|figures)\b\s*:", re.IGNORECASE)
_NOTE_MAX_CHARS = 300
# A story's closing note of its sources: "Sources: …", "Source: ONS".
_SOURCES = re.compile(r"sources?\s*:", re.IGNORECASE)


def _drop_table_notes(tree: Any) -> None:
    """A data table's source note (a short "Source: …" paragraph just under it) goes with
    the table, which is not read."""
    for table in list(tree.iter("table")):
        if table.getparent() is None or table.find(".//table") is not None:
            continue
        # the table's wrappers, when they hold nothing else ("table-wrapper", "scroll")
        node = table
        while (
            node.getnext() is None
            and node.getparent() is not None
            and len(node.getparent()) == 1
            and node.getparent().tag not in ("body", "article", "main", "section")
        ):
            node = node.getparent()
        note = node.getnext()
        if note is not None and isinstance(note.tag, str):
            text = " ".join(note.text_content().split())
            if len(text) <= _NOTE_MAX_CHARS and _NOTE.match(text):
                _drop(note)


# Inline (phrasing) elements: a run of them and of text is one paragraph.
_PHRASING = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "br",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    }
)


# A blank line in loose text: where a CMS that writes no <p>s (WordPress's classic editor
# shown without wpautop) starts a paragraph. Only the whitespace between two newlines is
# scanned, so a long run of spaces costs its length once.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
# Elements whose own text is never split there: a browser shows a blank line in a <p> as a
# space, and preformatted or raw text is not the page's prose.
_UNSPLIT = frozenset(
    {"p", "pre", "textarea", "script", "style", "code", "title", "option", "noscript", "svg"}
)


def _split_at_double_breaks(tree: Any) -> None:
    """Paragraphs written as runs of text split by <br><br> (old table layouts, pasted
    text) or by blank lines (a classic-editor post printed without its paragraphs made)
    become <p>s, as Readability and WordPress's wpautop do: trafilatura looks for the
    story in paragraphs, and finds none in a block of loose text."""
    parents: dict[int, tuple[Any, bool]] = {}
    made = 0  # the paragraphs blank lines make, each an element of the story
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        if element.tag == "br":
            following = element.getnext()
            if (
                parent is not None
                and following is not None
                and following.tag == "br"
                and not (element.tail or "").strip()
                and id(parent) not in parents
            ):
                parents[id(parent)] = (parent, False)
        if element.tag not in _PHRASING and element.tag not in _UNSPLIT:
            texts = [element.text, *(child.tail for child in element)]
            if any(text and _BLANK_LINE.search(text.strip()) for text in texts):
                parents[id(element)] = (element, True)
                made += sum(len(_BLANK_LINE.findall(text)) for text in texts if text)
                if made > MAX_STORY_ELEMENTS:
                    raise _story_too_big()  # refused before they are built
    for parent, at_blank_lines in parents.values():
        _split_children(parent, at_blank_lines=at_blank_lines)
    # Then, blocks made or not: "<td><div>...</div><br>A last paragraph.</td>", a line of
    # text after a block and a break, is a paragraph of its own, as a browser shows it.
    for element in [
        e
        for e in tree.iter()
        if isinstance(e.tag, str)
        and e.tag not in _PHRASING
        and e.tag not in _UNSPLIT
        and _loose_sentences_beside_blocks(e)
    ]:
        _split_children(element)


def _loose_sentences_beside_blocks(element: Any) -> bool:
    """Whether a block holds a line of loose text ending a sentence that starts after a
    line break after another block ("</center><br>A last paragraph."): a paragraph of
    its own. (Text that runs on after a block with no break, "...<div>ad</div> and
    then ...", is the same paragraph around a slot.)"""
    previous = None
    for child in element:
        if (
            child.tag == "br"
            and previous is not None
            and isinstance(previous.tag, str)
            and previous.tag not in _PHRASING
            and _SENTENCE_END.search((child.tail or "").strip())
        ):
            return True
        previous = child
    return False


# A run of at least this many <div>s of sentences in inline markup in one block is a run
# of paragraphs (a site builder's text box writes each paragraph so, without a <p>).
_TEXT_DIV_RUN = 2


def _text_divs_to_paragraphs(tree: Any) -> None:
    """<div>s that hold only text and inline elements, several side by side in one block,
    become <p>s, as a browser shows them: trafilatura reads paragraphs, and skips such
    a box of the story while it reads a box of <p>s beside it."""
    for parent in tree.iter():
        divs = [c for c in parent if c.tag == "div" and _only_text(c)]
        if len(divs) >= _TEXT_DIV_RUN:
            for div in divs:
                div.tag = "p"


def _only_text(block: Any) -> bool:
    """Whether a block holds only text and inline elements, and its text ends a sentence,
    as a paragraph's does (a video's title, a duration or an icon is no paragraph). Each
    block is scanned once: one holding no other block is never inside another such."""
    if not all(isinstance(c.tag, str) and c.tag in _PHRASING for c in block):
        return False
    return bool(_SENTENCE_END.search("".join(block.itertext()).strip()))


def _split_children(parent: Any, *, at_blank_lines: bool = False) -> None:
    children = list(parent)
    pieces: list[Any] = []
    current = _new_paragraph(None)

    def add_text(text: str | None) -> None:
        nonlocal current
        runs = _BLANK_LINE.split(text) if text and at_blank_lines else [text]
        _append_text(current, runs[0])
        for run in runs[1:]:
            pieces.append(current)
            current = _new_paragraph(run)

    add_text(parent.text)
    i = 0
    while i < len(children):
        child = children[i]
        if child.tag == "br" and i + 1 < len(children) and children[i + 1].tag == "br":
            j = i
            while (
                j + 1 < len(children)
                and children[j + 1].tag == "br"
                and not (children[j].tail or "").strip()
            ):
                j += 1
            if j > i:
                pieces.append(current)
                current = _new_paragraph(None)
                add_text(children[j].tail)
                i = j + 1
                continue
        tail, child.tail = child.tail, None
        if isinstance(child.tag, str) and child.tag not in _PHRASING:
            pieces.append(current)
            pieces.append(child)
            current = _new_paragraph(None)
        elif child.tag != "br" or len(current) or (current.text or "").strip():
            current.append(child)  # (a break that would open a paragraph shows nothing)
        add_text(tail)
        i += 1
    pieces.append(current)
    parent.text = None
    for child in list(parent):
        parent.remove(child)
    for piece in pieces:
        if piece.tag != "p" or len(piece) or (piece.text or "").strip():
            parent.append(piece)
    if parent.tag == "p" or parent.tag in _PHRASING:
        parent.tag = "div"  # a paragraph of paragraphs is a block
    for above in parent.iterancestors():
        # "<p><font>...<br><br>...</font></p>" (the parser's <p> around an old layout's
        # <font>): the paragraphs made inside are not one.
        if above.tag == "p":
            above.tag = "div"
        elif above.tag not in _PHRASING:
            break


def _append_text(p: Any, text: str | None) -> None:
    """Text at the end of the paragraph being built: after its last child, or its own."""
    if not text:
        return
    if len(p):
        p[-1].tail = (p[-1].tail or "") + text
    else:
        p.text = (p.text or "") + text


def _new_paragraph(text: str | None) -> Any:
    p = lxml.html.Element("p")
    p.text = text
    return p


# trafilatura's output tree --------------------------------------------------------------

# Its blocks: paragraphs, quotes, list items. Headings ("head") are the story's
# subheadings and a live blog's entry titles: not paragraphs.
_BLOCKS = frozenset({"p", "head", "quote", "item", "code", "cell"})
# Characters that show nothing: a site builder's empty spacer paragraph holds one.
_ZERO_WIDTH = str.maketrans("", "", "\u200b\u200c\u200d\u2060\ufeff")
_SKIPPED = frozenset({"head"})
# A wire story's sign-off: "Reporting by …; Editing by …", "(Additional reporting by …)".
_SIGN_OFF = re.compile(
    r"(\()?(additional |further )?(reporting|writing|editing|compiled|research|interview"
    r"|interviewed)( and [a-z]+)? by\b",
    re.IGNORECASE,
)
_SIGN_OFF_MAX_WORDS = 40
# "... See you on the 7th. — Hattie": a letter-like post's signature, ending its line.
_NAME_SIGN_OFF = re.compile(r"[.!?\u201d\u2019\"']\s+[\u2014\u2013]\s?[A-Z][a-z]+( [A-Z][a-z]+)?$")
# Sign-off words that also start a sentence ("Reporting by the Ledger found …", "Interviewed
# by police, the driver said …"): such a line is a sign-off only when names follow.
_SENTENCE_STARTS = frozenset({"reporting", "interview", "interviewed"})
# Such lines are short: a longer one is a paragraph, whatever its first words.
_ASIDE_MAX_CHARS = 400
# A line that only labels a slot or credits a picture: "Advertisement", "Story continues
# below advertisement", "Photo: Dale Kirby / The Example Post".
_LABEL_WORDS = frozenset(
    {"advertisement", "advert", "ad", "ads", "sponsored", "content", "story", "article"}
    | {"continues", "below", "scroll", "to", "continue", "reading", "with"}
)
_LABEL_MARKS = frozenset({"advertisement", "advert", "sponsored", "continues"})
_CREDIT = re.compile(r"\(?(photo|photograph|image|picture|video|graphic)s?\s*(:|by\b)", re.I)
_CREDIT_MAX_WORDS = 12
# A live entry's or the story's byline and time lines: "Posted by X", "Updated 15:31",
# "By Carla Mendez and Tom Hale" (names only: "By Tuesday, every school …" is a sentence).
_BYLINE_STARTS = ("posted by", "posted at")
# "Updated 15:31", "Published 2 hours ago", "Updated Feb 11, 2026" (not "Updated figures …")
_STAMP_STARTS = ("updated", "published", "last updated", "first published", "posted")
# A meta line of parts: "Posted 8 April 2026 by the editor · 4 min read".
_META_PARTS = re.compile(r"\s+[\u00b7|\u2022]\s+")
_READ_TIME = re.compile(r"\d{1,3} min(ute)?s? read", re.IGNORECASE)
_STAMP = re.compile(
    r"\d{1,2}[:.]\d{2}|\bago\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d",
    re.IGNORECASE,
)
_BYLINE_MAX_WORDS = 8
# A writer's role after the name in a byline: "By Nora Fielding Staff writer".
_BYLINE_ROLES = frozenset(
    {"staff", "writer", "writers", "reporter", "reporters", "correspondent", "editor"}
    | {"contributor", "columnist", "senior", "chief", "special", "political", "business"}
)
# "... contributed to this report.", "... contributed reporting."
_CONTRIBUTED = re.compile(
    r"\s(also )?contributed( reporting| to this (report|story|article))\.?$", re.IGNORECASE
)
_NAME_JOINERS = frozenset({"and", "&", "|", "-", "\u2013", "\u2014", "in", "de", "van", "von"})
# A caption that ends in its picture's credit: "… on Tuesday. (Herald photo/Dale Kirby)".
_CAPTION_CREDIT_WORDS = ("photo", "image", "picture", "credit", "illustration")
# A caption's closing credit: "… Picture: Gazette staff", "… Photo: Jo Hale/Agency".
_END_CREDIT = re.compile(
    r"[.!?]\s+(photo|photograph|picture|image|credit)s?\s*:\s*(?P<names>[^.:]{1,80})$", re.I
)
# The author's contact line: "Contact X at 555-0143 or x@post.example", "Follow X @x".
_CONTACT_STARTS = ("contact", "email", "e-mail", "reach", "follow", "write to")
_CONTACT_MAX_WORDS = 25
_ADDRESS = re.compile(r"\S@\w|(^|\s)@\w")
# A call to readers to write in, beside the address to write to.
_CALL_TO_READERS = re.compile(
    r"\b(tell us|get in touch|contact us|email us|write to us|let us know|send us)\b", re.I
)
# A newsletter call: "Sign up for our free … newsletter".
_NEWSLETTER_CALL = re.compile(r"(sign up|subscribe)\b.*\bnewsletters?\b", re.IGNORECASE)
_NEWSLETTER_MAX_WORDS = 15
# An embedded social post quoted with its signature: "— County Fire (@countyfire) date".
_POST_SIGNATURE = re.compile(r"[\u2014\u2013-] ?[^()\n]{1,80}\(@\w{1,30}\)")
# Only so many quotes are checked against the whole text (a pull quote repeats the body).
_MAX_QUOTES_CHECKED = 20
_QUOTE_MARKS = str.maketrans("", "", "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb")


def _paragraphs(body: Any, title: str = "") -> list[str]:
    """The blocks of trafilatura's tree as paragraphs; a line break inside one (<lb/>, or
    the newlines of its whole-body baseline) also starts a paragraph. Subheadings, the
    lines set in the story without being of it (sign-offs, labels, bylines, credits) and
    quotes that are not the story's (a pull quote repeating its words, an embedded social
    post) are left out."""
    blocks: list[tuple[str, list[str]]] = []
    for element in body.iter():
        if element.tag in _BLOCKS and not any(a.tag in _BLOCKS for a in element.iterancestors()):
            if element.tag in _SKIPPED:
                if (
                    blocks
                    and len(blocks) <= _HEADER_MAX_PARAGRAPHS
                    and all(_is_label(lines) for _, lines in blocks)
                    and title
                    and " ".join("".join(element.itertext()).split()) == title
                ):
                    blocks.clear()  # a kicker or label above the story's headline
                continue
            text = _text_with_breaks(element).translate(_ZERO_WIDTH)
            lines = [" ".join(line.split()) for line in text.split("\n")]
            lines = [line for line in lines if line and not _is_aside(line)]
            if blocks and len(lines) == 1 and _END_MARK.fullmatch(lines[0]):
                break  # a press release's end: its notes to editors and contacts follow
            if lines:
                blocks.append((element.tag, lines))
    others = " ".join(" ".join(lines) for tag, lines in blocks if tag != "quote")
    others = others.translate(_QUOTE_MARKS).lower()
    others_words = ""  # the body's words, read at the first quote that needs them
    out: list[str] = []
    checked = 0
    for tag, lines in blocks:
        if tag == "quote":
            whole = " ".join(lines)
            if _POST_SIGNATURE.search(whole):
                continue  # an embedded social post
            if checked < _MAX_QUOTES_CHECKED:
                checked += 1
                if not others_words:
                    others_words = f" {' '.join(_WORD.findall(others))} "
                if _repeats(whole, others, others_words):
                    continue
        for line in lines:
            if out and line[:1].islower() and not _OPEN_END.search(out[-1]):
                # A paragraph broken across columns or pages goes on in lower case where
                # the last piece stopped mid-sentence: one paragraph.
                out[-1] = f"{out[-1]} {line}"
            else:
                out.append(line)
    return out


_KICKER_MAX_WORDS = 6
# The line a press release ends at: "ENDS", "-ends-", "###", "-30-".
_END_MARK = re.compile(
    r"[-\u2013\u2014*\s]*ends?[-\u2013\u2014*\s]*|#{3}|[-\u2013\u2014]\s*30\s*[-\u2013\u2014]",
    re.IGNORECASE,
)


def _is_label(lines: list[str]) -> bool:
    """A kicker or section label ("EXCLUSIVE", "Analysis", "News | Local"): a few words,
    not a sentence."""
    text = " ".join(lines)
    return len(text.split()) <= _KICKER_MAX_WORDS and not text.endswith((".", "?", "!", "”"))


def _is_sign_off(text: str, words: list[str]) -> bool:
    """A wire sign-off ("Reporting by X; Editing by Y", "(Reporting by X)", "Additional
    reporting by X.") or an interview's ("Interview by X."), not a sentence of the story
    ("Reporting by the Ledger found …")."""
    sign_off = _SIGN_OFF.match(text)
    if not sign_off or len(words) > _SIGN_OFF_MAX_WORDS:
        return False
    return bool(
        sign_off.group(1)
        or sign_off.group(2)
        or sign_off.group(3).lower() not in _SENTENCE_STARTS
        or ";" in text
        or text.lower().count(" by ") >= 2
        or (len(words) <= 8 and not text.endswith("."))
        or _names_only(text[sign_off.end() :].rstrip(".").split())
    )


# A feature's credits: "Words by X. Photographs by Y. Produced by Z.", "Text and pictures
# by X | Design by Y": every clause a role and the names who had it.
_CREDIT_CLAUSE = re.compile(
    r"(words|text|story|reporting|writing|research|photographs|photography|photos|pictures"
    r"|images|video|graphics|illustrations?|design|data|maps?|animation|interactive"
    r"|development|production|produced|edited|editing)"
    r"( and [a-z]+)? by (?P<names>.+)",
    re.IGNORECASE,
)
_CLAUSE_ENDS = re.compile(r"\s*[.;|\u2022\u00b7]\s*")


def _is_credits(text: str, words: list[str]) -> bool:
    if len(words) > _SIGN_OFF_MAX_WORDS or " by " not in text.lower():
        return False
    clauses = [c for c in _CLAUSE_ENDS.split(text) if c]
    for clause in clauses:
        credit = _CREDIT_CLAUSE.fullmatch(clause)
        if not credit or not _names_only(credit.group("names").split()):
            return False
    return bool(clauses)


def _names_only(words: list[str]) -> bool:
    """Whether the words are names ("Jade Ellery and Tom Quist"), not a sentence."""
    return (
        1 <= len(words) <= _BYLINE_MAX_WORDS
        and all(
            w[0].isupper() or w.lower() in _NAME_JOINERS
            for w in (w.strip(",;") for w in words)
            if w
        )
        and not any(c.isdigit() for c in "".join(words))
    )


# A dateline or time stamp alone: "Thursday 26 February 2026, 4:55pm", "Published: 21:04,
# 12 February 2026 | Updated: 23:17, 12 February 2026".
_DATE_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
    | {"january", "february", "march", "april", "may", "june", "july", "august"}
    | {"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun"}
    | {"jul", "aug", "sep", "sept", "oct", "nov", "dec", "am", "pm", "gmt", "bst", "utc"}
    | {"cet", "cest", "et", "est", "edt", "pt", "pst", "pdt", "updated", "published"}
    | {"posted", "last", "first", "modified", "on", "at", "of", "the"}
)
_DATE_MARKS = frozenset(
    {"january", "february", "march", "april", "june", "july", "august", "september"}
    | {"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug"}
    | {"sep", "sept", "oct", "nov", "dec"}
)
_DATE_TOKEN = re.compile(r"\d{1,4}(st|nd|rd|th|am|pm|h)?|\d{1,2}[:.]\d{2}(am|pm)?", re.I)
_DATE_MAX_WORDS = 16
# Footer lines: "© 2026 …", "Copyright 2026 …", "Copyright © …".
_COPYRIGHT = re.compile(r"(©|copyright\s*©|(\(c\)|copyright)\s*\d{4})", re.IGNORECASE)
# A label and a bare address: "This story was printed from: https://…".
_ADDRESS_LINE = re.compile(r"([^.?!]{0,80}:\s*)?(https?://|www\.)\S+", re.IGNORECASE)
# An opinion page's disclaimer: "The views expressed in this article are the author's own".
_DISCLAIMER = re.compile(r"(the )?(views|opinions)( and opinions)? expressed\b", re.IGNORECASE)
_DISCLAIMER_OWNER = re.compile(
    r"\b(authors?|writers?|contributors?|columnists?|own|necessarily|users|readers)\b", re.I
)
_DISCLAIMER_MAX_WORDS = 40
# An editorial note: "This interview has been edited for length and clarity."
_EDITED_NOTE = re.compile(
    r"\b(edited|condensed|shortened)( and (edited|condensed))? for (length|clarity|brevity)",
    re.IGNORECASE,
)
_EDITED_NOTE_MAX_WORDS = 20
# A call for tips or letters: "Do you have a story? Email tips@…", "Have your say: email …",
# or, under a heading of its own, "Send your news tips to tips@…", "Email us at …" (said
# to the reader: "Call 0800 … or email help@…, the council told residents" is reported).
_READER_CALL = re.compile(
    r"[?:!]\s+(email|e-mail|contact|call|write to|get in touch|send|tell us|message)\b"
    r"|^(please )?(email|e-mail|contact|call|write to|send|message|text|tell) (us|your)\b",
    re.IGNORECASE,
)


def _is_date_line(text: str, words: list[str]) -> bool:
    if len(words) > _DATE_MAX_WORDS:
        return False
    found = []
    for match in _WORD.finditer(text.lower()):  # stops at the first word of a sentence
        word = match.group()
        if word not in _DATE_WORDS and not _DATE_TOKEN.fullmatch(word):
            return False
        found.append(word)
    return bool(found) and (not _DATE_MARKS.isdisjoint(found) or bool(_STAMP.search(text)))


def _is_note(text: str, words: list[str]) -> bool:
    """A footer's copyright, a printed page's address, an opinion disclaimer, an editorial
    note or a call to readers with an address: lines about the page, not the story."""
    if _is_date_line(text, words) or _COPYRIGHT.match(text):
        return True
    if ("://" in text or "www." in text) and _ADDRESS_LINE.fullmatch(text):
        return True
    if (
        len(words) <= _DISCLAIMER_MAX_WORDS
        and _DISCLAIMER.match(text)
        and _DISCLAIMER_OWNER.search(text)
    ):
        return True
    if len(words) <= _EDITED_NOTE_MAX_WORDS and _EDITED_NOTE.search(text):
        return True
    if len(text) <= _NOTE_MAX_CHARS and _SOURCES.match(text):
        return True  # "Sources: the council's returns, 2021 to 2025; …"
    return (
        len(words) <= _CONTACT_MAX_WORDS
        and "@" in text
        and bool(_ADDRESS.search(text))
        and bool(_READER_CALL.search(text))
    )


def _is_aside(text: str) -> bool:
    """A sign-off, a slot's label or a picture credit: a line set in the story, not of it."""
    if len(text) > _ASIDE_MAX_CHARS:
        return False
    words = text.split()
    if _is_sign_off(text, words) or _is_credits(text, words) or _is_contribution(text, words):
        return True
    if len(words) <= _SIGN_OFF_MAX_WORDS and _NAME_SIGN_OFF.search(text):
        return True  # a writer's closing line signed with a dash and a first name
    # "Did you go? Tell us what you think: email news@...": a call to readers.
    called = _ADDRESS.search(text) and _CALL_TO_READERS.search(text)
    if len(words) <= _SIGN_OFF_MAX_WORDS and called:
        return True
    lowered = set(_WORD.findall(text.lower()))
    if lowered and lowered <= _LABEL_WORDS and not lowered.isdisjoint(_LABEL_MARKS):
        return True
    if _CREDIT.match(text) and len(words) <= _CREDIT_MAX_WORDS:
        return True
    return (
        _is_byline(text, words)
        or _is_caption(text)
        or _is_contact(text, words)
        or _is_note(text, words)
    )


def _is_byline(text: str, words: list[str]) -> bool:
    parts = _META_PARTS.split(text)
    if len(parts) > 1:
        return all(
            _READ_TIME.fullmatch(part)
            or _is_date_line(part, part.split())
            or _is_byline(part, part.split())
            for part in parts
        )
    lowered = text.lower()
    if len(words) <= _BYLINE_MAX_WORDS and (
        lowered.startswith(_BYLINE_STARTS)
        or (lowered.startswith(_STAMP_STARTS) and bool(_STAMP.search(text)))
    ):
        return True
    if words[0] != "By" or not 2 <= len(words) <= _BYLINE_MAX_WORDS or text.endswith("."):
        return False
    return _names_and_roles(words[1:], ",") and not any(c.isdigit() for c in text)


def _names_and_roles(words: list[str], punctuation: str) -> bool:
    """Whether the words (stripped of ``punctuation``) are names, joiners between them
    and a writer's role: "Nora Fielding Staff writer", "Staff writer Ben Ortiz"."""
    return all(
        w[0].isupper() or w.lower() in _NAME_JOINERS or w.lower() in _BYLINE_ROLES
        for w in (w.strip(punctuation) for w in words)
        if w
    )


def _is_contribution(text: str, words: list[str]) -> bool:
    """A colleague's help credited at the end: "Staff writer Ben Ortiz contributed to this
    report.", "Jo Hale contributed reporting." (names and roles before the verb only)."""
    credit = _CONTRIBUTED.search(text)
    if not credit or len(words) > _SIGN_OFF_MAX_WORDS:
        return False
    who = text[: credit.start()].split()
    return bool(who) and _names_and_roles(who, ",;")


def _is_caption(text: str) -> bool:
    closing = _END_CREDIT.search(text)
    if closing and _is_credit_name(closing.group("names").split()):
        return True  # "… in November 2012. Photo: Marrowby Flood Group"
    if not text.endswith(")"):
        return False
    credit = text[text.rfind("(") :].lower()
    return any(word in credit for word in _CAPTION_CREDIT_WORDS) and (
        "/" in credit or ":" in credit or " by " in credit
    )


def _is_credit_name(words: list[str]) -> bool:
    """Whom a picture is credited to: a name, an agency, "Gazette staff" (no figures)."""
    return (
        1 <= len(words) <= _BYLINE_MAX_WORDS
        and words[0][0].isupper()
        and not any(c.isdigit() for c in "".join(words))
    )


def _is_contact(text: str, words: list[str]) -> bool:
    return (
        text.lower().startswith(_CONTACT_STARTS)
        and len(words) <= _CONTACT_MAX_WORDS
        and bool(_ADDRESS.search(text))
    ) or (len(words) <= _NEWSLETTER_MAX_WORDS and bool(_NEWSLETTER_CALL.search(text)))


def _repeats(quote: str, body: str, body_words: str) -> bool:
    """Whether a quote's words are a passage of the body (a pull quote), its attribution
    ("…” Mayor Denise Okafor") aside."""
    said = quote.translate(_QUOTE_MARKS).lower()
    if len(said.split()) < 4:
        return False
    if said in body:
        return True
    # the quote's own words end at its closing mark, an attribution may follow
    closing = quote.rfind("\u201d")
    if closing > 0:
        said = quote[:closing].translate(_QUOTE_MARKS).lower().strip()
        if len(said.split()) >= 4 and said in body:
            return True
    # its words, whatever the punctuation ("… exactly why.”" for "… exactly why,” she said")
    words = " ".join(_WORD.findall(said))
    return len(words.split()) >= 4 and f" {words} " in body_words


def _text_with_breaks(element: Any) -> str:
    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if node.tag == "lb":
                parts.append("\n")
            parts.append(node.text or "")
        elif node is not element:
            parts.append(node.tail or "")
    return "".join(parts)


class _TextExtractor(HTMLParser):
    """The fallback: every text outside scripts, navigation and icons, block by block."""

    BLOCKS = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "section",
            "article",
            "header",
            "footer",
            "tr",
            "table",
            "figcaption",
            "pre",
            "hr",
        }
    )
    # An inline SVG icon has a <title> of its own ("Share on X"): never the page's.
    SKIP = frozenset({"script", "style", "noscript", "template", "head", "nav", "aside", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self._skip = 0
        self._in_title = False
        self._in_h1 = False
        self._in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self._in_svg += 1
        if tag == "title" and not self._in_svg:
            self._in_title = True
        elif tag in self.SKIP:
            self._skip += 1
        if tag == "h1":
            self._in_h1 = True
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag == "svg" and self._in_svg:
            self._in_svg -= 1
        if tag == "h1":
            self._in_h1 = False
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            if self._in_h1:
                self.h1.append(data)
            self.parts.append(data)


def html_to_text(content: str) -> tuple[str, str]:
    """The title and the readable text of a whole HTML page, one paragraph per block."""
    parser = _TextExtractor()
    parser.feed(content)
    parser.close()
    text = "".join(parser.parts)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    body = "\n\n".join(p for p in paragraphs if p)
    h1 = " ".join("".join(parser.h1).split())
    title = h1 or " ".join("".join(parser.title).split())
    if title and body.startswith(title):
        body = body[len(title) :].lstrip()
    return title, body
