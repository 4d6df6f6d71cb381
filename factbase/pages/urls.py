from django.contrib.sitemaps.views import sitemap
from django.urls import path

from factbase.pages import views

urlpatterns = [
    path("factchecks/", views.factcheck_list, name="factcheck-list"),
    path("factchecks/<int:pk>/<str:slug>/", views.factcheck_detail, name="factcheck-detail"),
    path("factchecks/<int:pk>/", views.factcheck_detail, {"slug": ""}, name="factcheck-short"),
    path("factchecks/feed/", views.FactcheckFeed(), name="factcheck-feed"),
    path(
        "sitemap.xml",
        sitemap,
        {
            "sitemaps": {"factchecks": views.FactcheckSitemap},
            "template_name": "factchecks/sitemap.xml",
        },
        name="sitemap",
    ),
]
