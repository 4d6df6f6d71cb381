"""factbase settings: one module, driven by environment variables.

Environments differ by variables only (DATABASE_URL, DJANGO_DEBUG, DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS, ...); there is no local/production split.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def env_bool(name: str, default: bool) -> bool:
    """A yes/no variable; a value that is neither (a typo like `ture`) stops startup.

    Reading an unknown value as False would silently turn a production switch off.
    """
    value = os.environ.get(name, "").strip().lower()
    if value == "":
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a yes/no value: use one of "
        f"{', '.join(sorted(_TRUE))} or {', '.join(sorted(_FALSE))}."
    )


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """A comma-separated list of addresses or CIDR networks; anything else stops startup."""
    networks = []
    for item in env_list(name, ""):
        try:
            networks.append(ipaddress.ip_network(item))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not an IP address or network ({error})."
            ) from error
    return networks


def env_public_url(name: str) -> str:
    """The public origin (`https://host[:port]`) absolute URLs are built on, or "" if unset.

    An origin only: paths come from reverse(), which already carries any script prefix.
    """
    value = os.environ.get(name, "").strip()
    if value == "":
        return ""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(f"{name}={value!r} is not an http(s) URL with a host.")
    if parts.path not in {"", "/"} or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name}={value!r} must be an origin such as https://factbase.example.org, "
            "without a path."
        )
    return f"{parts.scheme}://{parts.netloc}"


# The licence of the published data unless a deployment names its own: a common choice
# for published fact-checks (reuse with attribution).
CC_BY_4 = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


def env_data_license() -> dict[str, str]:
    """The licence of the published data, from FACTBASE_DATA_LICENSE_NAME and
    FACTBASE_DATA_LICENSE_URL: both or neither (CC BY 4.0), the URL absolute http(s)."""
    name = os.environ.get("FACTBASE_DATA_LICENSE_NAME", "").strip()
    url = os.environ.get("FACTBASE_DATA_LICENSE_URL", "").strip()
    if not name and not url:
        return dict(CC_BY_4)
    for variable, value in (
        ("FACTBASE_DATA_LICENSE_NAME", name),
        ("FACTBASE_DATA_LICENSE_URL", url),
    ):
        if not value:
            raise ImproperlyConfigured(
                f"{variable} is unset: set both FACTBASE_DATA_LICENSE_NAME and "
                "FACTBASE_DATA_LICENSE_URL, or neither (CC BY 4.0)."
            )
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(
            f"FACTBASE_DATA_LICENSE_URL={url!r} is not an http(s) URL with a host."
        )
    return {"name": name, "url": url}


DEBUG = env_bool("DJANGO_DEBUG", False)
# The fallback key is only fit for a laptop; `check --deploy` flags it.
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "django-insecure-factbase-development-key-change-me"
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "corsheaders",
    "csp",
    "factbase",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything that can answer (CommonMiddleware, whitenoise), so preflights and
    # every API answer carry the CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "factbase.http_headers.EdgeHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "api.exceptions.ProblemDetailsMiddleware",
]

# The benchmark mounts its comparison views from its own URLconf (bench/urls.py).
ROOT_URLCONF = os.environ.get("FACTBASE_URLCONF", "factbase.urls")
WSGI_APPLICATION = "factbase.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work beside the one writer; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue instead of failing with "database is locked".
    # A write waits this long for the lock, then is answered 503 with Retry-After.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": float(os.environ.get("FACTBASE_SQLITE_BUSY_TIMEOUT", "20")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }


# Scaling out (README "Scaling out"). DATABASE_POOL_MAX_SIZE > 0 gives each process a
# psycopg connection pool on PostgreSQL; DATABASE_REPLICA_URL adds a read replica, which
# factbase.db_router sends reads to, keeping writes and the reads that follow them on the
# primary.
DATABASE_POOL_MAX_SIZE = int(os.environ.get("DATABASE_POOL_MAX_SIZE", "0"))


def _pooled(database: Any) -> Any:
    if DATABASE_POOL_MAX_SIZE > 0 and database["ENGINE"] == "django.db.backends.postgresql":
        database["CONN_MAX_AGE"] = 0  # the pool, not the persistent connection, keeps them
        database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": min(
                int(os.environ.get("DATABASE_POOL_MIN_SIZE", "1")), DATABASE_POOL_MAX_SIZE
            ),
            "max_size": DATABASE_POOL_MAX_SIZE,
            "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", "10")),
        }
    return database


_pooled(DATABASES["default"])
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = _pooled(
        dj_database_url.parse(
            os.environ["DATABASE_REPLICA_URL"],
            conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
        )
    )
    # Tests read the replica's copy of the test database; nothing creates it there.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["factbase.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(0, "factbase.db_router.ReadYourWritesMiddleware")
# After a write, the same client reads from the primary for this long (a cookie).
FACTBASE_PRIMARY_STICKY_SECONDS = int(os.environ.get("FACTBASE_PRIMARY_STICKY_SECONDS", "5"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the apps' static folders so a fresh checkout works without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "factbase",
    }
}

# Request bodies: 2 MiB at most (an article with its claims fits many times over).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("FACTBASE_MAX_BODY_BYTES", 2 * 1024 * 1024))

# Security: production values come from the environment.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", False)
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp) on every response: the admin and the desk load only
# their own scripts, styles and images. The API reference pages add what drf-spectacular's
# templates need (factbase.http_headers).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# CORS (django-cors-headers): any origin may read the public API from a browser, and call
# it with a bearer token; credentials (the desk's session cookie) are never allowed
# cross-origin, so a page elsewhere cannot act as a logged-in editor (CORS_ALLOW_CREDENTIALS
# stays False; session writes also keep CSRF). Nothing outside /api/ answers CORS.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_HEADERS = ["accept", "authorization", "content-type", "if-match", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Link", "Location", "Retry-After"]
CORS_PREFLIGHT_MAX_AGE = 86400

# How long a shared cache may keep an anonymous public API read (Cache-Control max-age).
FACTBASE_PUBLIC_MAX_AGE = int(os.environ.get("FACTBASE_PUBLIC_MAX_AGE", "60"))

# The caller's address (factbase.web.client_ip): X-Forwarded-For is believed only from these
# addresses or CIDR networks (the load balancer, the nginx in front); none by default, so a
# server reached directly ignores the header. Throttles and login lockouts key on it.
FACTBASE_TRUSTED_PROXIES = env_networks("FACTBASE_TRUSTED_PROXIES")

# django-axes: wrong passwords lock the (username, address) pair for a while, so an
# attacker elsewhere cannot lock the owner out; an address that fails many times over any
# usernames (password spraying) is locked as a whole (factbase.login_lockout).
AXES_HANDLER = "factbase.login_lockout.PairAndAddressHandler"
AXES_CLIENT_IP_CALLABLE = "factbase.web.client_ip"
AXES_FAILURE_LIMIT = int(os.environ.get("FACTBASE_LOGIN_FAILURE_LIMIT", "5"))
FACTBASE_LOGIN_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("FACTBASE_LOGIN_ADDRESS_FAILURE_LIMIT", "20")
)
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("FACTBASE_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# The domain's own settings.
FACTBASE_FOUR_EYES = env_bool("FACTBASE_FOUR_EYES", True)
FACTBASE_THROTTLING = env_bool("FACTBASE_THROTTLING", True)
FACTBASE_PUBLISHER = {
    "name": os.environ.get("FACTBASE_PUBLISHER_NAME", "factbase"),
    "url": os.environ.get("FACTBASE_PUBLISHER_URL", "https://factbase.example.org/"),
}
# The origin absolute URLs in API bodies are built on (factbase.web.public_url); unset, the
# request's own host is used (fine behind a proxy that sets Host, wrong behind one that
# does not).
FACTBASE_PUBLIC_URL = env_public_url("FACTBASE_PUBLIC_URL")
# The licence readers may reuse the published fact-checks under: the OpenAPI document's
# info.license and every ClaimReview's `license`.
FACTBASE_DATA_LICENSE = env_data_license()

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.auth.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.CursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.ProblemAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonThrottle",
        "api.throttling.TokenThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("FACTBASE_THROTTLE_ANON", "120/min"),
        "user": os.environ.get("FACTBASE_THROTTLE_USER", "1200/min"),
    },
    "EXCEPTION_HANDLER": "api.exceptions.problem_exception_handler",
    "PAGE_SIZE": 20,
    # Content negotiation is by Accept header only: no ?format= in URLs or in the schema.
    "URL_FORMAT_OVERRIDE": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Bearer",
    "TOKEN_TTL": timedelta(days=int(os.environ.get("FACTBASE_TOKEN_TTL_DAYS", "90"))),
    "AUTO_REFRESH": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "factbase API",
    "DESCRIPTION": (
        "Fact-checks of news articles: claims anchored to the words of the article, "
        "their evidence and verdicts, as JSON, schema.org ClaimReview and W3C Web Annotations."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatus": "factbase.models.ClaimStatus",
        "Verdict": "factbase.models.Verdict",
        "ClaimKind": "factbase.models.ClaimKind",
        "Stance": "factbase.models.Stance",
        "ClaimantKind": "factbase.models.ClaimantKind",
        "ReviewAction": "factbase.models.ReviewAction",
        "TransitionAction": "factbase.review.WORKFLOW_ACTION_CHOICES",
        "MatchOrigin": "api.v1.matches.ORIGINS",
    },
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.postprocess",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
