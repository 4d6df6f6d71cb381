"""The fact-check domain: fields, constraints and small properties only.

Status changes live in factbase/review.py; writes in factbase/services.py and
factbase/ingest/; reads in factbase/selectors.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact


class ClaimKind(models.TextChoices):
    QUANTITY = "quantity", "Quantity"
    EVENT = "event", "Event"
    QUOTE = "quote", "Quote"
    PREDICTION = "prediction", "Prediction"
    CAUSATION = "causation", "Causation"
    RULE = "rule", "Rule"
    PERSONAL_EXPERIENCE = "personal_experience", "Personal experience"
    OTHER = "other", "Other"


class ClaimStatus(models.TextChoices):
    NEW = "new", "New"
    IN_REVIEW = "in_review", "In review"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    PUBLISHED = "published", "Published"
    DISMISSED = "dismissed", "Dismissed"


class Verdict(models.TextChoices):
    TRUE = "true", "True"
    MOSTLY_TRUE = "mostly_true", "Mostly true"
    HALF_TRUE = "half_true", "Half true"
    MOSTLY_FALSE = "mostly_false", "Mostly false"
    FALSE = "false", "False"
    MISLEADING = "misleading", "Misleading"
    UNVERIFIABLE = "unverifiable", "Unverifiable"


# ClaimReview ratingValue on a 1..5 scale; verdicts off the scale have none.
VERDICT_RATING: dict[str, int] = {
    Verdict.TRUE: 5,
    Verdict.MOSTLY_TRUE: 4,
    Verdict.HALF_TRUE: 3,
    Verdict.MOSTLY_FALSE: 2,
    Verdict.FALSE: 1,
}


class ClaimantKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"
    OTHER = "other", "Other"


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    REFUTES = "refutes", "Refutes"
    CONTEXT = "context", "Context"


class ReviewAction(models.TextChoices):
    START_REVIEW = "start_review", "Start review"
    PROPOSE = "propose", "Propose verdict"
    APPROVE = "approve", "Approve"
    SEND_BACK = "send_back", "Send back"
    DISMISS = "dismiss", "Dismiss"
    RESTORE = "restore", "Restore"
    REOPEN = "reopen", "Reopen"
    EDIT = "edit", "Edit"
    # Same claim: the duplicate is closed (dismissed), its appearances join the original.
    CLOSE_DUPLICATE = "close_duplicate", "Closed as a duplicate"
    DUPLICATE_JOINED = "duplicate_joined", "A duplicate joined"


def _choices_check(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class ArticleReader(models.TextChoices):
    """Which reader turned the file or page into the stored text."""

    TEXT = "text", "Plain text"
    MARKDOWN = "markdown", "Markdown"
    TRAFILATURA = "trafilatura", "HTML: trafilatura (main text and metadata)"
    HTML_FALLBACK = "html-fallback", "HTML: whole-page fallback (trafilatura found nothing)"


class Article(models.Model):
    url = models.URLField(max_length=2000, unique=True, null=True, blank=True)
    # The page's own address (<link rel="canonical">, og:url), else `url`: what ClaimReview
    # and W3C outputs should name. Every address it was seen at is an ArticleAddress.
    canonical_url = models.URLField(max_length=2000, blank=True)
    reader = models.CharField(
        max_length=16, choices=ArticleReader.choices, default=ArticleReader.TEXT
    )
    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, default="en")
    # Why the detector did not read this article (its language), empty when it did.
    detection_skipped = models.CharField(max_length=200, blank=True, editable=False)
    text = models.TextField()
    text_sha256 = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            # Without a URL, the text is the article's identity.
            models.UniqueConstraint(
                fields=["text_sha256"],
                condition=Q(url__isnull=True),
                name="article_unique_text_without_url",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="article_text_not_empty"),
            _choices_check("reader", ArticleReader, "article_reader_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class ArticleAddress(models.Model):
    """An address an article was seen at, found by the key of its normal form.

    factbase.addresses makes the key: every variant of one address (scheme, `www.`,
    tracking parameters, AMP copy, ...) has the same one, so `annotations?uri=` is one
    probe of this unique index whatever form the reader's browser shows.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="addresses")
    url = models.URLField(max_length=2000)
    key = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url


def claimant_name_key(name: str) -> str:
    """The name a claimant is known by, whatever its case and spacing ("dana  ORTIZ")."""
    return " ".join(name.split()).casefold()


class Claimant(models.Model):
    name = models.CharField(max_length=200, unique=True)
    # claimant_name_key(name), unique: one claimant per name however it is spelt.
    name_key = models.CharField(max_length=200, unique=True, editable=False)
    kind = models.CharField(
        max_length=16, choices=ClaimantKind.choices, default=ClaimantKind.PERSON
    )
    description = models.TextField(blank=True)
    aliases = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [_choices_check("kind", ClaimantKind, "claimant_kind_valid")]

    def __str__(self) -> str:
        return self.name


class Claim(models.Model):
    text = models.TextField()
    # ClaimReview's claimReviewed: the claim in a short sentence, without who said it
    # (Google asks for under 75 characters); set at creation from factbase.shortclaim.
    claim_reviewed = models.CharField(max_length=200, blank=True, db_default="")
    kind = models.CharField(max_length=24, choices=ClaimKind.choices, default=ClaimKind.OTHER)
    claimant = models.ForeignKey(
        Claimant, null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    checkworthiness = models.FloatField(null=True, blank=True)
    detector = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        max_length=24, choices=ClaimStatus.choices, default=ClaimStatus.NEW, editable=False
    )
    verdict = models.CharField(max_length=16, choices=Verdict.choices, blank=True)
    verdict_summary = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When its matches were last stored (factbase.matching.desk.claim_matches_store);
    # null: not matched yet (an ingest request matches only its first claims), so the
    # queue must not count it as matching nothing.
    matched_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "-checkworthiness"], name="claim_status_worth_idx"),
            models.Index(fields=["status", "-published_at", "-id"], name="claim_status_pub_idx"),
            # What `match_claims --pending` reads: the few claims not matched yet.
            models.Index(
                fields=["id"], condition=Q(matched_at__isnull=True), name="claim_pending_match_idx"
            ),
        ]
        permissions = [
            ("review_claim", "Can approve, send back and reopen claims"),
        ]
        constraints = [
            _choices_check("kind", ClaimKind, "claim_kind_valid"),
            _choices_check("status", ClaimStatus, "claim_status_valid"),
            models.CheckConstraint(
                condition=Q(verdict="") | Q(verdict__in=Verdict.values), name="claim_verdict_valid"
            ),
            models.CheckConstraint(
                condition=Q(checkworthiness__isnull=True)
                | Q(checkworthiness__gte=0, checkworthiness__lte=1),
                name="claim_checkworthiness_0_1",
            ),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.PUBLISHED)
                | (~Q(verdict="") & Q(published_at__isnull=False)),
                name="claim_published_has_verdict",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="claim_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    @property
    def etag(self) -> str:
        return f'"{self.version}"'


class Annotation(models.Model):
    """Where a claim appears: W3C TextPositionSelector (start, end) + TextQuoteSelector."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="annotations")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="annotations")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    exact = models.TextField()
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "start", "end"], name="annotation_one_claim_per_span"
            ),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="annotation_start_lt_end"),
            models.CheckConstraint(
                condition=Exact(Length("exact"), F("end") - F("start")),
                name="annotation_exact_matches_span",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}:{self.start}-{self.end}"


class Source(models.Model):
    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    published_at = models.DateField(null=True, blank=True)
    archived_url = models.URLField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title or self.url


class Evidence(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    stance = models.CharField(max_length=16, choices=Stance.choices)
    excerpt = models.TextField(blank=True)
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "evidence"
        constraints = [
            models.UniqueConstraint(fields=["claim", "source"], name="evidence_one_per_source"),
            _choices_check("stance", Stance, "evidence_stance_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.source}"

    @property
    def etag(self) -> str:
        return f'"{self.version}"'


class ReviewEvent(models.Model):
    """Append-only log of workflow transitions and content edits of a claim.

    Events are ordered by id (the database's sequence), never by a clock: app servers'
    clocks differ. `actor_name` is the actor's username when they acted, so renaming a
    user does not rewrite who did what. `claim_version` is the claim's version once the
    event was recorded (null on events from before it was kept).
    """

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    claim_version = models.PositiveIntegerField(null=True, blank=True)
    action = models.CharField(max_length=16, choices=ReviewAction.choices)
    from_status = models.CharField(max_length=24, choices=ClaimStatus.choices)
    to_status = models.CharField(max_length=24, choices=ClaimStatus.choices)
    from_verdict = models.CharField(max_length=16, choices=Verdict.choices, blank=True)
    to_verdict = models.CharField(max_length=16, choices=Verdict.choices, blank=True)
    note = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-id"]
        constraints = [_choices_check("action", ReviewAction, "reviewevent_action_valid")]

    def __str__(self) -> str:
        actor = self.actor_name or "the system"
        return f"{self.get_action_display()} by {actor} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def actor_username(self) -> str | None:
        """Who acted, by their name at the time; None for the system (ingest, fixtures)."""
        return self.actor_name or None


class ExternalFactCheck(models.Model):
    """A fact-check another organisation published, imported from its ClaimReview.

    Read-only in the desk and the API, always shown with its publisher, and never
    re-published as ours: it exists so that a claim already checked elsewhere is found.
    """

    publisher = models.CharField(max_length=200)
    publisher_url = models.URLField(max_length=2000, blank=True)
    url = models.URLField(max_length=2000, unique=True, null=True, blank=True)
    identifier = models.CharField(max_length=200, unique=True, null=True, blank=True)
    claim_reviewed = models.TextField()
    title = models.TextField(blank=True)
    claimant = models.CharField(max_length=300, blank=True)
    rating = models.CharField(max_length=200, blank=True)
    published_at = models.DateField(null=True, blank=True)
    claim_date = models.DateField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__isnull=False) | Q(identifier__isnull=False),
                name="externalfactcheck_has_url_or_identifier",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.claim_reviewed[:80]}"


class PublishedVersion(models.Model):
    """What readers were shown when a claim was (re)published: kept, never edited.

    A reopened fact-check stays public from its latest row, marked as under review,
    until it is approved again; each republication adds a row (a dated correction).
    """

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="published_versions")
    version = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    content = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "version"], name="publishedversion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} v{self.version}"


class MatchDecision(models.TextChoices):
    DIFFERENT = "different", "Different claims"
    SAME = "same", "Same claim"


def _one_of_other_or_external(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(other__isnull=False, external__isnull=True)
        | Q(other__isnull=True, external__isnull=False),
        name=name,
    )


class ClaimMatch(models.Model):
    """A stored match outcome: `claim` against another claim of the desk or an imported
    fact-check, with the matcher's score; what the queue's filters read (one join, no
    matching per row). Written by factbase.matching.desk at ingest and on publication."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matches")
    other = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="matched_by"
    )
    external = models.ForeignKey(
        ExternalFactCheck, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField()
    match = models.BooleanField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["claim_id", "-score"]
        constraints = [
            _one_of_other_or_external("claimmatch_other_or_external"),
            models.CheckConstraint(condition=~Q(other=F("claim")), name="claimmatch_not_itself"),
            models.UniqueConstraint(fields=["claim", "other"], name="claimmatch_unique_other"),
            models.UniqueConstraint(
                fields=["claim", "external"], name="claimmatch_unique_external"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} ~ {self.other_id or self.external_id}: {self.score:.2f}"


class ClaimMatchDecision(models.Model):
    """An editor's word on a suggested match, kept so it is never suggested again:
    `different`, or `same` (the claim was closed as a duplicate of `other`)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="match_decisions")
    other = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    external = models.ForeignKey(
        ExternalFactCheck, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    decision = models.CharField(max_length=16, choices=MatchDecision.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            _one_of_other_or_external("claimmatchdecision_other_or_external"),
            models.CheckConstraint(
                condition=~Q(other=F("claim")), name="claimmatchdecision_not_itself"
            ),
            models.UniqueConstraint(
                fields=["claim", "other"], name="claimmatchdecision_unique_other"
            ),
            models.UniqueConstraint(
                fields=["claim", "external"], name="claimmatchdecision_unique_external"
            ),
            _choices_check("decision", MatchDecision, "claimmatchdecision_decision_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} {self.decision} {self.other_id or self.external_id}"


class PublicationVersion(models.Model):
    """One row: a counter every change to what readers see in any annotation moves on.

    factbase.publication bumps it in the transaction of the change (a publish, a reopened
    or withdrawn fact-check, new addresses of an article); the annotation page's ETag
    carries it, so a current If-None-Match is answered without reading the claims.
    """

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.value)
