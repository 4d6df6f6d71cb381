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
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
from lxml import etree
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
    if tree is not None:
        language = _language(tree)
        _drop_ad_blocks(tree)
        page = _trafilatura(tree, url=url, language=language)
        if page is not None:
            return page
    title, text = html_to_text(content)
    return Page(title=shorten(title, MAX_TITLE), text=text, reader=ArticleReader.HTML_FALLBACK)


# Words that name an advertising slot in a class or id ("ad-container", "advert-slot",
# "dfp-mid"), matched as whole parts of a name so "header" or "download" never are.
_AD_WORDS = frozenset({"ad", "ads", "advert", "adverts", "advertisement", "sponsored", "dfp"})
_NAME_PARTS = re.compile(r"[\s_-]+")
# An ad slot is a small block; one holding more paragraphs than this is a wrapper of the
# story whose name only happens to contain such a word ("story-body ad-free").
_AD_MAX_PARAGRAPHS = 2


def _drop_ad_blocks(tree: Any) -> None:
    """Remove the elements a page marks as ads before trafilatura reads it: an ad slot
    with a sentence of its own between two paragraphs otherwise passes for one."""
    for element in tree.xpath("//*[@class or @id]"):
        names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if (
            _AD_WORDS.intersection(_NAME_PARTS.split(names))
            and element.getparent() is not None
            and len(element.xpath(".//p")) <= _AD_MAX_PARAGRAPHS
        ):
            element.drop_tree()


def _language(tree: Any) -> str:
    html = tree if tree.tag == "html" else tree.getroottree().getroot()
    lang = (html.get("lang") or html.get("xml:lang") or "").strip()
    return lang if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", lang) else ""


def _shown_headline(tree: Any) -> str:
    """The text of the page's one <h1>: the headline a reader sees. trafilatura prefers
    og:title, often a shorter variant written for sharing."""
    h1s = tree.xpath("//h1")
    return " ".join(h1s[0].text_content().split()) if len(h1s) == 1 else ""


def _trafilatura(tree: Any, *, url: str | None, language: str) -> Page | None:
    shown = _shown_headline(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=True,
    )
    if not isinstance(document, Document) or document.body is None:
        return None
    title = shown or " ".join((document.title or "").split())
    paragraphs = _paragraphs(document.body)
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the headline, printed again above the story
    text = "\n\n".join(paragraphs)
    if not text:
        return None
    return Page(
        title=shorten(title, MAX_TITLE),
        text=text,
        reader=ArticleReader.TRAFILATURA,
        author=shorten(document.author or "", MAX_NAME),
        published_at=document.date or "",
        publisher=shorten(document.sitename or "", MAX_NAME),
        language=language,
        canonical_url=document.url or "",
    )


# trafilatura's output tree: paragraphs, headings, quotes, list items are the blocks.
_BLOCKS = frozenset({"p", "head", "quote", "item", "code", "cell"})


def _paragraphs(body: Any) -> list[str]:
    """The blocks of trafilatura's tree as paragraphs; a line break inside one (<lb/>, or
    the newlines of its whole-body baseline) also starts a paragraph."""
    out: list[str] = []
    for element in body.iter():
        if element.tag in _BLOCKS and not any(a.tag in _BLOCKS for a in element.iterancestors()):
            for line in _text_with_breaks(element).split("\n"):
                words = " ".join(line.split())
                if words:
                    out.append(words)
    return out


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
