"""Stored TextQuoteSelector context rebuilt for pages: one paragraph, collapsed, 32 units.

Annotations stored before carry 32 code points of raw text around the quote, paragraph
breaks included, which anchor nowhere on a publisher's page (factbase/anchoring.py says
why). Positions and `exact` are unchanged. Reversing leaves the new context in place:
it is correct for the old code too.
"""

from typing import Any

from django.db import migrations

from factbase.anchoring import quote_context

BATCH = 2000


def rebuild(apps: Any, schema_editor: Any) -> None:
    Annotation = apps.get_model("factbase", "Annotation")
    Article = apps.get_model("factbase", "Article")
    article_ids = Annotation.objects.values_list("article_id", flat=True).distinct()
    changed = []
    for article in Article.objects.filter(pk__in=article_ids).only("text").iterator(100):
        for annotation in Annotation.objects.filter(article_id=article.pk).only(
            "start", "end", "prefix", "suffix"
        ):
            prefix, suffix = quote_context(article.text, annotation.start, annotation.end)
            if (prefix, suffix) != (annotation.prefix, annotation.suffix):
                annotation.prefix, annotation.suffix = prefix, suffix
                changed.append(annotation)
        if len(changed) >= BATCH:
            Annotation.objects.bulk_update(changed, ["prefix", "suffix"])
            changed = []
    Annotation.objects.bulk_update(changed, ["prefix", "suffix"])


class Migration(migrations.Migration):
    dependencies = [("factbase", "0009_matching_external_factchecks")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True)]
