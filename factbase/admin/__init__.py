"""The editorial desk: the Django admin as editors and reviewers use it all day.

The admin only presents and collects input. Every write with domain rules goes through
factbase/review.py (status, verdict) or factbase/services.py (claim fields, evidence),
exactly as the API's does; the page's version travels in a hidden field so that a stale
page is refused instead of overwriting someone else's work.

    queue.py      the review queue (the claims changelist)
    claim_page.py the claim page
    forms.py      the claim page's forms
    articles.py   the article page
    highlight.py  article text with the claims' words marked
    lookups.py    claimants and sources
    external.py   other fact-checkers' fact-checks, read-only
    log.py        the review log, read-only
    common.py     what the pages share
"""

from __future__ import annotations

from django.contrib import admin

from factbase.admin.articles import ArticleAdmin
from factbase.admin.claim_page import ClaimAdmin
from factbase.admin.external import ExternalFactCheckAdmin
from factbase.admin.log import ReviewEventAdmin
from factbase.admin.lookups import ClaimantAdmin, SourceAdmin
from factbase.models import Article, Claim, Claimant, ExternalFactCheck, ReviewEvent, Source

admin.site.site_header = "factbase · fact-checking desk"
admin.site.site_title = "factbase desk"
admin.site.index_title = "The desk"
# The queue, the claim page and the article page need the width more than a second menu.
admin.site.enable_nav_sidebar = False

admin.site.register(Claim, ClaimAdmin)
admin.site.register(Article, ArticleAdmin)
admin.site.register(Claimant, ClaimantAdmin)
admin.site.register(Source, SourceAdmin)
admin.site.register(ReviewEvent, ReviewEventAdmin)
admin.site.register(ExternalFactCheck, ExternalFactCheckAdmin)
