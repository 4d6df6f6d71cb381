"""The W3C selectors the API serves anchor on the publisher's page, judged in Chromium by
the libraries annotation clients use.

Each article is rendered as a news site renders it (one <p> per paragraph, whitespace
collapsed, with and without white space between the tags) and every annotation the
API serves for it must anchor to exactly one range whose text is its `exact`, with
Apache Annotator's TextQuoteSelector matcher (exact search, prefix and suffix
included) and with dom-anchor-text-quote (the diff-match-patch fuzzy anchoring of the
Hypothesis lineage, whose bitap patterns are at most 32 UTF-16 units).

The libraries run unmodified from node_modules. @apache-annotator/dom ships ES modules
that import Babel's CommonJS runtime, and dom-anchor-text-quote is CommonJS, so neither
loads in a page as it is: rollup (already in the test tools' lock) bundles them once
per session into a temporary file.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from factbase import services
from factbase.ingest.store import article_addresses_add
from factbase.models import Article, Claim

ROOT = Path(__file__).parents[2]
NODE_MODULES = ROOT / "node_modules"
REPORTS = ROOT / "reports"
SEED_URL = (
    "https://www.aljazeera.com/news/2025/3/27/"
    "frances-macron-says-not-all-european-countries-agree-on-force-for-ukraine"
)

ENTRY = """
export { createTextQuoteSelectorMatcher } from "@apache-annotator/dom";
export * as quote from "dom-anchor-text-quote";
export * as position from "dom-anchor-text-position";
"""

# Resolves bare specifiers from the project's node_modules (rollup 2 has no resolver of
# its own) and turns the CommonJS modules into ES modules, into one IIFE: `Anchoring`.
BUNDLER = """
const { createRequire } = require("node:module");
const [root, input, output] = process.argv.slice(2);
const req = createRequire(root + "/package.json");
const { rollup } = req("rollup");
const commonjs = req("@rollup/plugin-commonjs");
const bare = {
  name: "bare",
  resolveId(source) { return /^[./\\0]/.test(source) ? null : req.resolve(source); },
};
rollup({ input, plugins: [bare, commonjs()], onwarn() {} })
  .then((b) => b.write({ file: output, format: "iife", name: "Anchoring" }))
  .catch((e) => { console.error(e); process.exit(1); });
"""

# Every selector through both libraries. dom-anchor-text-quote is given the
# TextPositionSelector's start as its hint, as the Hypothesis client gave it: a quote with
# neither prefix nor suffix (a one-sentence paragraph) whose first 32 units recur nearer
# the middle of the page is otherwise anchored there. Its score without the hint, and
# where the page positions land, are measured for the record only (the positions count
# in the article text the API serves, not in the page).
ANCHOR_ALL = """
async (annotations) => {
  const results = [];
  for (const a of annotations) {
    const quote = a.target.selector.find((s) => s.type === "TextQuoteSelector");
    const position = a.target.selector.find((s) => s.type === "TextPositionSelector");
    const scope = document.createRange();
    scope.selectNodeContents(document.body);
    const apache = [];
    for await (const range of Anchoring.createTextQuoteSelectorMatcher(quote)(scope)) {
      apache.push(range.toString());
    }
    const fuzzyAnchor = (options) => {
      try {
        const range = Anchoring.quote.toRange(document.body, quote, options);
        return range === null ? null : range.toString();
      } catch (error) {
        return "error: " + error.message;
      }
    };
    const fuzzy = fuzzyAnchor({ hint: position.start });
    const unhinted = fuzzyAnchor({});
    let positioned;
    try {
      positioned = Anchoring.position.toRange(document.body, position).toString();
    } catch (error) {
      positioned = null;
    }
    results.push({ exact: quote.exact, apache, fuzzy, unhinted, positioned });
  }
  return results;
}
"""


@pytest.fixture(scope="session")
def anchoring_libraries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Apache Annotator and dom-anchor-text-quote, bundled as they ship, for a page."""
    node = shutil.which("node")
    assert node, "node is needed to bundle the anchoring libraries"
    for package in ("@apache-annotator/dom", "@apache-annotator/selector", "rollup"):
        assert (NODE_MODULES / package).is_dir(), f"{package} is missing: run `npm ci`"
    folder = tmp_path_factory.mktemp("anchoring")
    (folder / "entry.mjs").write_text(ENTRY)
    (folder / "bundle.cjs").write_text(BUNDLER)
    out = folder / "anchoring.js"
    subprocess.run(
        [node, str(folder / "bundle.cjs"), str(ROOT), str(folder / "entry.mjs"), str(out)],
        check=True,
        timeout=120,
    )
    return out


# Articles -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """An article as paragraphs of sentences: every sentence becomes a claim."""

    name: str
    title: str
    paragraphs: tuple[tuple[str, ...], ...]

    @property
    def url(self) -> str:
        return f"https://news.example.org/2025/{self.name}"

    @property
    def text(self) -> str:
        return "\n\n".join(" ".join(sentences) for sentences in self.paragraphs)

    def spans(self) -> list[tuple[int, int]]:
        spans, offset = [], 0
        for sentences in self.paragraphs:
            for sentence in sentences:
                spans.append((offset, offset + len(sentence)))
                offset += len(sentence) + 1
            offset += 1  # "\n\n" after the paragraph's last sentence, less its space
        return spans


EMOJI = Sample(
    "emoji",
    "\U0001f30d A hotter year",
    (
        (
            "\U0001f525\U0001f525 Wildfires burned 4 million hectares \U0001f332\U0001f332 in "
            "2024, the agency said.",
            "Emissions rose 3% \U0001f4c8\U0001f4c8\U0001f4c8 over the year, officials reported.",
            "Rain fell \U0001f327\ufe0f\U0001f327\ufe0f\U0001f327\ufe0f\U0001f327\ufe0f on "
            "9 days in March.",
            "Rivers rose 2 metres, the agency said.",
        ),
        (
            "The minister \U0001f9d1\u200d\U0001f692 said 12,000 firefighters were deployed.",
            "Emissions rose 3% \U0001f4c8\U0001f4c8\U0001f4c8 over the year, officials reported.",
            "A flag \U0001f1eb\U0001f1f7 and math \U0001d400\U0001d401\U0001d402 sit in this "
            "sentence of 2025.",
        ),
    ),
)
TYPOGRAPHY = Sample(
    "typography",
    "\u201cNot unanimous\u201d: the summit\u2019s 30 leaders",
    (
        (
            "\u201cIt is not unanimous,\u201d he said after a summit of nearly\u00a030 countries.",
            "The UK\u2019s prime minister pledged \u00a32\u00a0billion\u00a0\u2014 about "
            "$2.6\u00a0billion.",
        ),
        (
            "Officials said the force\u00a0would have 10,000 troops.",
            "\u2018We do not need unanimity,\u2019 Macron  said,\tadding that 20 states "
            "would join.",
        ),
    ),
)
SAMPLES = {sample.name: sample for sample in (EMOJI, TYPOGRAPHY)}


def _store(sample: Sample, editor: Any) -> Article:
    article = Article.objects.create(
        url=sample.url, title=sample.title, publisher="Example News", text=sample.text
    )
    article_addresses_add(article=article, urls=[sample.url])  # as ingest records it
    for start, end in sample.spans():
        services.claim_create(article=article, start=start, end=end, actor=editor)
    return article


def _seed(editor: Any) -> Article:
    call_command("ingest", str(ROOT / "seeds"), stdout=io.StringIO())
    return Article.objects.get(url=SEED_URL)


# Pages --------------------------------------------------------------------------------

_BLANK = re.compile(r"[ \t\n\r\f]+")


def _paragraph_html(paragraph: str) -> str:
    """A paragraph as a CMS writes it: collapsed white space, entities for the hard ones."""
    collapsed = _BLANK.sub(" ", paragraph).strip(" ")
    return html.escape(collapsed, quote=False).replace("\u00a0", "&nbsp;")


def render(article: Article, *, between: str) -> str:
    """The article as a news site's page: a headline, then one <p> per paragraph."""
    paragraphs = [p for p in article.text.split("\n") if p.strip()]
    body = between.join(f"<p>{_paragraph_html(p)}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(article.title)}</title></head><body>"
        f"<header><a href='/'>Example News</a></header>{between}"
        f"<article><h1>{html.escape(article.title)}</h1>{between}{body}</article>"
        f"{between}<footer>\u00a9 Example News</footer></body></html>"
    )


LAYOUTS = {"newlines": "\n", "tight": ""}


@pytest.mark.browser
@pytest.mark.django_db
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("name", ["seed", *sorted(SAMPLES)])
def test_every_annotation_anchors_once_with_both_libraries(
    page: Any,
    anon: Any,
    editor: Any,
    publish: Callable[..., Claim],
    anchoring_libraries: Path,
    name: str,
    layout: str,
) -> None:
    article = _seed(editor) if name == "seed" else _store(SAMPLES[name], editor)
    for claim in Claim.objects.filter(annotations__article=article):
        publish(claim)
    response = anon.get("/api/v1/annotations/", {"uri": article.url})
    assert response.status_code == 200
    annotations = response.json()["items"]
    assert annotations
    if name != "seed":
        assert len(annotations) == len(SAMPLES[name].spans())

    page.set_content(render(article, between=LAYOUTS[layout]))
    page.add_script_tag(path=str(anchoring_libraries))
    results = page.evaluate(ANCHOR_ALL, annotations)

    counts = {
        "annotations": len(results),
        "apache_annotator": sum(r["apache"] == [r["exact"]] for r in results),
        "dom_anchor_text_quote": sum(r["fuzzy"] == r["exact"] for r in results),
        "dom_anchor_text_quote_without_hint": sum(r["unhinted"] == r["exact"] for r in results),
        "text_position_on_page": sum(r["positioned"] == r["exact"] for r in results),
    }
    REPORTS.mkdir(exist_ok=True)
    with (REPORTS / "anchoring.jsonl").open("a") as report:
        report.write(json.dumps({"article": name, "layout": layout, **counts}) + "\n")
    wrong = [r for r in results if r["apache"] != [r["exact"]] or r["fuzzy"] != r["exact"]]
    assert wrong == [], counts
