"""First-contact figures of the claim detector on labelled articles it was not tuned on.

    .venv/bin/python bench/detector_heldout.py [--heldout-only]

Scores the held-out articles (``tests/factbase/articles/heldout/``) and, unless
``--heldout-only``, every labelled article of the tuning set too (group "new-tuning" for
the ones written after the detector's first version, "tuning" for the rest; an article
moved from the held-out folder to the tuning set stays in the figures), and writes
per-article and pooled recall, precision and claimant accuracy to
``bench/results/detector_heldout.{json,md}``.

The figures are computed the way ``tests/factbase/test_detect.py`` computes them: a
labelled row matches the first candidate whose text starts with the row's ``s``; it is
proposed when ``detect.detect`` (the rules and the learned check-worthiness) proposes it;
claimants compare after lower-casing, folding white space and dropping a leading "the".
On top of the test's counts, precision is the share of proposed labelled sentences that
are not labelled "no".
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factbase import checkworthy, detect  # noqa: E402

ARTICLES = ROOT / "tests" / "factbase" / "articles"
HELDOUT = ARTICLES / "heldout"
RESULTS = ROOT / "bench" / "results"
# Written after the detector's first version, in styles it was not built for; they join
# the tuning set, unlike the held-out folder.
NEW_TUNING = ("central_bank_rate_rise", "earthquake_casualties", "utility_chief_interview")


def _norm(name: str | None) -> str | None:
    if name is None:
        return None
    return " ".join(name.lower().split()).removeprefix("the ")


@dataclass
class Figures:
    article: str
    group: str
    required: int = 0
    required_proposed: int = 0
    optional_proposed: int = 0
    no_labelled: int = 0
    no_proposed: int = 0
    labelled: int = 0
    claimant_ok: int = 0
    named_required: int = 0
    named_required_ok: int = 0
    null_required: int = 0
    null_required_ok: int = 0
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_claimants: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.required_proposed / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        good = self.required_proposed + self.optional_proposed
        proposed = good + self.no_proposed
        return good / proposed if proposed else 1.0

    @property
    def claimant_accuracy(self) -> float:
        return self.claimant_ok / self.labelled if self.labelled else 1.0

    @property
    def named_claimant_accuracy(self) -> float:
        return self.named_required_ok / self.named_required if self.named_required else 1.0

    @property
    def null_claimant_accuracy(self) -> float:
        return self.null_required_ok / self.null_required if self.null_required else 1.0

    def add(self, other: Figures) -> None:
        for name, value in asdict(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)

    def to_dict(self) -> dict[str, object]:
        rates = {
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "claimant_accuracy": round(self.claimant_accuracy, 4),
            "named_claimant_accuracy": round(self.named_claimant_accuracy, 4),
            "null_claimant_accuracy": round(self.null_claimant_accuracy, 4),
        }
        return {**asdict(self), **rates}


def evaluate(text_path: Path, group: str) -> Figures:
    text = text_path.read_text(encoding="utf-8")
    gold = json.loads(text_path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    candidates = detect.score(text)
    kept = {(c.start, c.end) for c in detect.detect(text)}  # what ingest would propose
    figures = Figures(article=text_path.stem, group=group)
    for row in gold[text_path.name]:
        start, label, want = str(row["s"]), row["label"], row["claimant"]
        cand = next((c for c in candidates if c.text.startswith(start)), None)
        proposed = cand is not None and (cand.start, cand.end) in kept
        got = cand.claimant if cand else "<not split out>"
        right = _norm(got) == _norm(want)
        figures.labelled += 1
        figures.claimant_ok += right
        if not right:
            figures.wrong_claimants.append(f"{start!r}: got {got!r}, want {want!r}")
        if label == "required":
            figures.required += 1
            figures.required_proposed += proposed
            if not proposed:
                figures.missed.append(start)
            if want is None:
                figures.null_required += 1
                figures.null_required_ok += right
            else:
                figures.named_required += 1
                figures.named_required_ok += right
        elif label == "optional":
            figures.optional_proposed += proposed
        else:
            figures.no_labelled += 1
            figures.no_proposed += proposed
            if proposed:
                figures.false_positives.append(start)
    return figures


def _row(f: Figures) -> str:
    return (
        f"| {f.article} | {f.group} | {f.required_proposed}/{f.required} ({f.recall:.2f}) "
        f"| {f.precision:.2f} ({f.no_proposed} 'no' proposed) "
        f"| {f.claimant_ok}/{f.labelled} ({f.claimant_accuracy:.2f}) "
        f"| {f.named_required_ok}/{f.named_required} | {f.null_required_ok}/{f.null_required} |"
    )


def markdown(per_article: list[Figures], pooled: dict[str, Figures]) -> str:
    lines = [
        f"# Detector `{detect.DETECTOR}` on labelled articles (held-out: never tuned on)",
        "",
        "Written by `bench/detector_heldout.py`. Recall: required sentences proposed; "
        "precision: proposed labelled sentences not labelled 'no'; claimant: every labelled "
        "sentence (named: required sentences with a speaker; null: the outlet's own).",
        "",
        "| article | group | recall | precision | claimant | named | null |",
        "|---|---|---|---|---|---|---|",
        *(_row(f) for f in per_article),
        *(_row(f) for f in pooled.values()),
        "",
        "## What went wrong",
        "",
    ]
    for f in per_article:
        lines.append(f"### {f.article}")
        lines += [f"- missed: {m!r}" for m in f.missed]
        lines += [f"- 'no' proposed: {m!r}" for m in f.false_positives]
        lines += [f"- wrong claimant: {w}" for w in f.wrong_claimants]
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--heldout-only", action="store_true")
    args = parser.parse_args()
    paths = [(p, "heldout") for p in sorted(HELDOUT.glob("*.txt"))]
    if not args.heldout_only:
        paths += [
            (p, "new-tuning" if p.stem in NEW_TUNING else "tuning")
            for p in sorted(ARTICLES.glob("*.txt"))
            if p.with_suffix(".gold.json").exists()
        ]
    per_article = [evaluate(p, g) for p, g in paths]
    pooled: dict[str, Figures] = {}
    for f in per_article:
        for key in (f"pooled {f.group}", "pooled all"):
            pooled.setdefault(key, Figures(article=key, group=key.split()[1])).add(f)
    result = {
        "detector": detect.DETECTOR,
        "threshold": detect.THRESHOLD,
        "learned_threshold": checkworthy.THRESHOLD,
        "articles": [f.to_dict() for f in per_article],
        "pooled": {
            k: {n: v for n, v in f.to_dict().items() if not isinstance(v, list)}
            for k, f in pooled.items()
        },
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "detector_heldout.json").write_text(
        json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (RESULTS / "detector_heldout.md").write_text(markdown(per_article, pooled), encoding="utf-8")
    for f in [*per_article, *pooled.values()]:
        print(_row(f))


if __name__ == "__main__":
    main()
