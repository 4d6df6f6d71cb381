"""Importing other fact-checkers' ClaimReview feeds (manage.py import_claimreview)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from factbase.external import InvalidItem, fields_of, import_claimreviews
from factbase.models import ExternalFactCheck
from tests.budget import examples


def review(n: int, **extra: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checks.example.org/{n}/",
        "claimReviewed": f"Claim number {n} about the harbour bridge toll.",
        "name": f"Headline {n}",
        "author": {
            "@type": "Organization",
            "name": "Example Checks",
            "url": "https://checks.example.org/",
        },
        "datePublished": "2024-05-01",
        "reviewRating": {"@type": "Rating", "alternateName": "false"},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Ann Lee"}},
    }
    item.update(extra)
    return item


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_a_json_array_json_lines_and_a_datafeed_all_go_in(tmp_path: Path) -> None:
    array = write(tmp_path, "a.json", json.dumps([review(1), review(2)]))
    lines = write(tmp_path, "b.jsonl", "\n".join(json.dumps(review(n)) for n in (3, 4)) + "\n")
    feed = write(
        tmp_path,
        "c.json",
        json.dumps(
            {
                "@type": "DataFeed",
                "dataFeedElement": [
                    {"@type": "DataFeedItem", "item": [review(5)]},
                    review(6),
                ],
            }
        ),
    )
    report = import_claimreviews([array, lines, feed])
    assert (report.created, report.updated, report.refused) == (6, 0, [])
    check = ExternalFactCheck.objects.get(url="https://checks.example.org/5/")
    assert (check.publisher, check.rating, check.claimant, str(check.published_at)) == (
        "Example Checks",
        "false",
        "Ann Lee",
        "2024-05-01",
    )


@pytest.mark.django_db
def test_importing_twice_changes_nothing_and_a_changed_rating_is_updated(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", "\n".join(json.dumps(review(n)) for n in range(3)))
    import_claimreviews([path])
    again = import_claimreviews([path])
    assert (again.created, again.updated) == (0, 0)
    changed = review(1, reviewRating={"@type": "Rating", "alternateName": "mostly-true"})
    report = import_claimreviews([write(tmp_path, "b.json", json.dumps([changed]))])
    assert (report.created, report.updated) == (0, 1)
    assert ExternalFactCheck.objects.get(url=changed["url"]).rating == "mostly-true"
    assert ExternalFactCheck.objects.count() == 3


@pytest.mark.django_db
def test_without_a_url_the_identifier_keeps_it_to_one_copy(tmp_path: Path) -> None:
    item = review(1, url=None, identifier="check-1")
    path = write(tmp_path, "a.json", json.dumps([item, item]))
    import_claimreviews([path])
    import_claimreviews([path])
    assert ExternalFactCheck.objects.filter(identifier="check-1").count() == 1


@pytest.mark.django_db
def test_every_bad_item_is_named_with_its_reason_and_the_rest_go_in(tmp_path: Path) -> None:
    lines = [
        json.dumps(review(1)),
        json.dumps(review(2, url="javascript:alert(1)")),
        json.dumps(review(3, claimReviewed=None)),
        json.dumps(review(4, author=None)),
        json.dumps(review(5, url=None)),
        "{not json",
        json.dumps(["a list"]),
        json.dumps(review(6, **{"@type": "Review"})),
        json.dumps(review(7, reviewRating=None, itemReviewed=None, datePublished="soon")),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines))
    report = import_claimreviews([path])
    assert report.created == 2  # items 1 and 7: a missing rating or speaker is no reason
    reasons = dict(report.refused)
    assert sorted(reasons) == [f"{path}:{n}" for n in (2, 3, 4, 5, 6, 7, 8)]
    assert "http(s)" in reasons[f"{path}:2"]
    assert "claimReviewed" in reasons[f"{path}:3"]
    assert "author" in reasons[f"{path}:4"]
    assert "identifier" in reasons[f"{path}:5"]
    assert "not JSON" in reasons[f"{path}:6"]
    assert "ClaimReview" in reasons[f"{path}:8"]
    item7 = ExternalFactCheck.objects.get(url=review(7)["url"])
    assert (item7.rating, item7.claimant, item7.published_at) == ("", "", None)


@pytest.mark.django_db
def test_the_command_reports_counts_and_names_refusals(tmp_path: Path) -> None:
    path = write(
        tmp_path, "a.jsonl", json.dumps(review(1)) + "\n" + json.dumps(review(2, url="ftp://x/"))
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("import_claimreview", str(path), stdout=out, stderr=err, verbosity=0)
    assert out.getvalue().strip() == "1 fact-checks imported, 0 updated, 1 refused"
    assert f"{path}:2: refused:" in err.getvalue()
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_claimreview", str(tmp_path / "missing.json"))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)


@settings(max_examples=examples(300), deadline=None)
@given(
    base=st.sampled_from([{}, review(1)]),
    overrides=st.dictionaries(
        st.sampled_from(
            [
                "@type",
                "url",
                "claimReviewed",
                "author",
                "identifier",
                "reviewRating",
                "itemReviewed",
                "datePublished",
                "name",
            ]
        ),
        JSON,
        max_size=4,
    ),
)
def test_any_json_item_is_either_fields_or_a_named_refusal(
    base: dict[str, Any], overrides: dict[str, Any]
) -> None:
    item = {**base, **overrides}
    try:
        fields = fields_of(item)
    except InvalidItem as exc:
        reason = str(exc)
    else:
        ExternalFactCheck(**fields).full_clean(validate_unique=False, validate_constraints=False)
        reason = "stored"
    assert reason
