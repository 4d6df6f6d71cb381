"""The table of contents of API v1."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from api.v1 import matches, standards, views

app_name = "v1"

urlpatterns = [
    path("articles/", views.ArticleList.as_view(), name="article-list"),
    path("articles/<int:pk>/", views.ArticleDetail.as_view(), name="article-detail"),
    path("claims/", views.ClaimList.as_view(), name="claim-list"),
    path("claims/<int:pk>/", views.ClaimDetail.as_view(), name="claim-detail"),
    path("claims/<int:pk>/transitions/", views.ClaimTransition.as_view(), name="claim-transitions"),
    path("claims/<int:pk>/history/", views.ClaimHistory.as_view(), name="claim-history"),
    path("claims/<int:pk>/evidence/", views.ClaimEvidenceList.as_view(), name="claim-evidence"),
    path(
        "claims/<int:pk>/claimreview/",
        standards.ClaimReviewDetail.as_view(),
        name="claim-claimreview",
    ),
    path("evidence/<int:pk>/", views.EvidenceDetail.as_view(), name="evidence-detail"),
    path("claimants/", views.ClaimantList.as_view(), name="claimant-list"),
    path("claimants/<int:pk>/", views.ClaimantDetail.as_view(), name="claimant-detail"),
    path("sources/", views.SourceList.as_view(), name="source-list"),
    path("sources/<int:pk>/", views.SourceDetail.as_view(), name="source-detail"),
    path("claimreview/", standards.ClaimReviewFeed.as_view(), name="claimreview-list"),
    path("matches/", matches.MatchList.as_view(), name="match-list"),
    path("claims/<int:pk>/matches/", matches.ClaimMatchList.as_view(), name="claim-matches"),
    path(
        "external-factchecks/",
        matches.ExternalFactCheckList.as_view(),
        name="externalfactcheck-list",
    ),
    path(
        "external-factchecks/<int:pk>/",
        matches.ExternalFactCheckDetail.as_view(),
        name="externalfactcheck-detail",
    ),
    path("annotations/", standards.WebAnnotationList.as_view(), name="annotation-list"),
    path(
        "annotations/<int:pk>/", standards.WebAnnotationDetail.as_view(), name="annotation-detail"
    ),
    # The documentation pages answer GET only (OPTIONS would render metadata as HTML).
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="v1:schema", metadata_class=None),
        name="docs",
    ),
    path(
        "redoc/",
        SpectacularRedocView.as_view(
            url_name="v1:schema", metadata_class=None, template_name="api/redoc.html"
        ),
        name="redoc",
    ),
]
