"""The benchmark's URLconf: the production URLs plus the comparison views under /bench/.

Selected with FACTBASE_URLCONF=bench.urls (bench/run.py does); production never mounts it.
"""

from django.urls import path

from bench import conventional
from factbase.urls import handler404, handler500
from factbase.urls import urlpatterns as production

urlpatterns = [
    *production,
    path("bench/drf/claims/", conventional.ConventionalClaimList.as_view()),
    path("bench/bytes/claims/", conventional.claims_as_bytes),
]

__all__ = ["handler404", "handler500", "urlpatterns"]
