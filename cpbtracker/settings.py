"""Settings, read from environment variables with safe defaults.

- CPBTRACKER_DATA_DIR: where the embedded database and the generated secret key live
  (default: $XDG_DATA_HOME/cpbtracker, i.e. ~/.local/share/cpbtracker). Created on first run.
- DATABASE_URL: `sqlite:///path/db.sqlite3` or `postgres://user@host/db`; without it, SQLite in
  the data directory.
- SECRET_KEY: without it, one is generated on first run and kept in the data directory.
- DEBUG: off unless set to 1/true/yes/on. Every on/off setting takes 1/true/yes/on or
  0/false/no/off (any case); another value stops the start with ImproperlyConfigured.
- ALLOWED_HOSTS: comma-separated (default: 127.0.0.1,localhost).
- CACHE_URL: a shared cache for several app servers, e.g. `redis://127.0.0.1:6379/1`
  (default: a per-process memory cache).
- CPBTRACKER_STATIC_MANIFEST: set by `cpbtracker serve`: static files are served hashed and
  compressed from the collected manifest instead of straight from the package.
- CPBTRACKER_LOG_FORMAT: `json` for one JSON object per log line (set by `cpbtracker serve`).
- HTTPS: 1 when the site is served over HTTPS only (secure cookies, HSTS, redirect to HTTPS);
  HSTS_SECONDS (default 31536000), HSTS_INCLUDE_SUBDOMAINS and HSTS_PRELOAD (default on).
- CSRF_TRUSTED_ORIGINS: comma-separated origins, e.g. https://cpb.example.org.
- PROXY_SSL_HEADER: the header a TLS-terminating proxy sets, e.g. X-Forwarded-Proto (only
  behind a proxy that always sets or strips it).
- TRUSTED_PROXY_COUNT: proxies in front of the site, each appending to X-Forwarded-For
  (default 1 with PROXY_SSL_HEADER, else 0); sign-in throttling counts the client's address.
- API_BASIC_AUTH: 1 lets API clients sign in with HTTP Basic auth (off: session only); only
  over HTTPS (check cpbtracker.W001).
- EMAIL_HOST: the SMTP server that sends password-reset links; without it there is no password
  reset (the sign-in page shows no link). EMAIL_PORT (default 587), EMAIL_HOST_USER,
  EMAIL_HOST_PASSWORD, EMAIL_USE_TLS (default on), DEFAULT_FROM_EMAIL.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
import django_cache_url
from django.core.exceptions import ImproperlyConfigured

from cpbtracker.lib import languages

BASE_DIR = Path(__file__).resolve().parent


TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _env_flag(name: str, default: bool = False) -> bool:
    """A true/false setting; anything else is a mistake, not a silent "false"."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value not in TRUE | FALSE:
        raise ImproperlyConfigured(
            f"{name}={os.environ[name]!r}: give one of {', '.join(sorted(TRUE | FALSE))}"
        )
    return value in TRUE


def _data_dir() -> Path:
    configured = os.environ.get("CPBTRACKER_DATA_DIR")
    if configured:
        path = Path(configured)
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(xdg) / "cpbtracker"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _secret_key(data_dir: Path) -> str:
    """The SECRET_KEY from the environment, else the one generated on first run."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        _write_private(key_file, secrets.token_urlsafe(50))
    return key_file.read_text().strip()


def _write_private(path: Path, text: str = "") -> None:
    """Create ``path`` readable by its owner only: the mode is set as the file is created, so
    there is no moment when others may read it."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(text)


def _env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _api_authentication() -> list[str]:
    """Session sign-in for the API; HTTP Basic only when API_BASIC_AUTH asks for it."""
    classes = ["rest_framework.authentication.SessionAuthentication"]
    if _env_flag("API_BASIC_AUTH"):
        classes.append("rest_framework.authentication.BasicAuthentication")
    return classes


DATA_DIR = _data_dir()
SECRET_KEY = _secret_key(DATA_DIR)
DEBUG = _env_flag("DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "cpbtracker",
    "cpbtracker.plan",
    "cpbtracker.parties",
    "cpbtracker.accounts",
    "cpbtracker.reporting",
    "cpbtracker.indicators",
    "cpbtracker.evaluation",
    "axes",
    "csp",
    "cpbtracker.records",
    "cpbtracker.capacity",
    "cpbtracker.bch",
]

MIDDLEWARE = [
    "cpbtracker.health.HealthCheckMiddleware",  # first: any host name, plain HTTP
    "django.middleware.security.SecurityMiddleware",
    "cpbtracker.lib.inputs.InputMiddleware",  # NUL in the address; parameters that do not parse
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cpbtracker.accounts.language.LanguageMiddleware",  # ?lang= and the user's preference
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "cpbtracker.urls"
WSGI_APPLICATION = "cpbtracker.wsgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Concurrent saves wait for the write lock (BEGIN IMMEDIATE, up to 20 s) instead of failing
    # with "database is locked"; WAL lets pages read while a save is written.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The SQLite file is created readable by its owner only (SQLite gives its journal and WAL files
# the same mode); creating an empty file is creating an empty database.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    _sqlite_file = Path(DATABASES["default"]["NAME"])
    if str(_sqlite_file) not in {"", ":memory:"} and not _sqlite_file.exists():
        _sqlite_file.parent.mkdir(parents=True, exist_ok=True)
        _write_private(_sqlite_file)

LANGUAGE_CODE = "en"
# The six UN languages of the Biosafety Clearing-House (cpbtracker.lib.languages).
LANGUAGES = [(language.django_code, language.name) for language in languages.UN_LANGUAGES]
LANGUAGES_BIDI = languages.rtl_codes()
# The decision of the meeting of the Parties that adopted the plan, cited in the evaluation
# document's mandate (the draft CBD/SBI/3/18 until the adopted decision's symbol is set).
PLAN_DECISION = os.environ.get("CPBTRACKER_PLAN_DECISION", "").strip() or "CBD/CP/MOP/DEC/10/3"
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-in while locked out
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling: after 5 failed sign-ins in a row for one account from one address, that
# account is locked out at that address (its owner still signs in from elsewhere, so wrong
# passwords from anywhere cannot lock a known account out); after 5 from one address for any
# accounts, that address is. For 15 minutes; a success resets the account's count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "cpbtracker.accounts.signin.client_address"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"

# Password reset by e-mail only where an SMTP server is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_flag("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cpbtracker@localhost")
LOGOUT_REDIRECT_URL = "plan:overview"

MEDIA_ROOT = DATA_DIR / "media"  # uploaded files (kept in backups)

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise expects it even when serving from the finders
if _env_flag("CPBTRACKER_STATIC_MANIFEST"):
    # `cpbtracker serve`: hashed names (cached for ever by browsers) and gzip copies.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "cpbtracker.lib.staticfiles.HashedGzipStaticFilesStorage"},
    }
else:
    # Serve app static files straight from the package, so `make demo` needs no collectstatic.
    WHITENOISE_USE_FINDERS = True

CACHES = {"default": django_cache_url.config(default="locmem://")}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": _api_authentication(),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "cpbtracker API",
    "DESCRIPTION": (
        "The Implementation Plan and Capacity-Building Action Plan for the Cartagena Protocol "
        "on Biosafety (2021-2030): plan, Parties and (later) reports and indicators."
    ),
    "VERSION": "0.1.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# HTTPS deployments (see the README's production settings).
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS")
if _env_flag("HTTPS"):
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = _env_flag("HSTS_PRELOAD", default=True)
if os.environ.get("PROXY_SSL_HEADER"):
    _header = "HTTP_" + os.environ["PROXY_SSL_HEADER"].strip().upper().replace("-", "_")
    SECURE_PROXY_SSL_HEADER = (_header, "https")
# How many proxies stand before the site (their X-Forwarded-For entries give the client's address).
TRUSTED_PROXY_COUNT = int(
    os.environ.get("TRUSTED_PROXY_COUNT", "1" if os.environ.get("PROXY_SSL_HEADER") else "0")
)

# Content-Security-Policy: pages load scripts, styles and images from this site only, with no
# inline script or style; the API docs page loosens it for Swagger UI's own styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The plan's final reporting cycle, the only one a final evaluation may be made for; unset: the
# first cycle whose deadline is in 2030 or later (the plan runs 2021-2030).
EVALUATION_FINAL_CYCLE = (
    int(os.environ["EVALUATION_FINAL_CYCLE"]) if os.environ.get("EVALUATION_FINAL_CYCLE") else None
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "cpbtracker.lib.logs.JsonFormatter"}},
    "handlers": {
        # The server (`serve`) logs JSON lines to stdout; commands keep stdout for their output.
        "console": (
            {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}
            if os.environ.get("CPBTRACKER_LOG_FORMAT") == "json"
            else {"class": "logging.StreamHandler"}
        )
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# `cpbtracker bch pull` (docs/bch.md): the Biosafety Clearing-House's API, and how politely we
# read it: at most 5 requests a second, a bounded number of retries with exponential back-off
# (on time-outs and 5xx answers), one index page of 100 documents.
BCH_API_URL = os.environ.get("BCH_API_URL", "").strip() or "https://api.cbd.int"
BCH_PULL = {
    "requests_per_second": 5.0,
    "retries": 3,
    "backoff_seconds": 1.0,
    "timeout_seconds": 30.0,
    "page_size": 100,
}
