"""The table of contents of API v1."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from api.v1 import views

app_name = "v1"

urlpatterns = [
    path("articles/", views.ArticleList.as_view(), name="article-list"),
    path("articles/<int:pk>/", views.ArticleDetail.as_view(), name="article-detail"),
    path("claims/", views.ClaimList.as_view(), name="claim-list"),
    path("claims/<int:pk>/", views.ClaimDetail.as_view(), name="claim-detail"),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="v1:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="v1:schema"), name="redoc"),
]
