"""Settings for development, tests and production alike, switched by environment variables.

Every value has a safe local default so that `make run` works on a fresh machine with no
configuration; a bad value fails loudly at start-up rather than being ignored.
"""
import os
from datetime import time, timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PMQA_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# Off unless asked for: `make run`, the tests and `make bench` turn it on for themselves.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# The previous key(s), comma-separated, so that rotating the key does not sign everyone out.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # The Django admin, for superusers only (office administrators use /manage/).
    "pmqa.admin_site.SuperuserAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tables2",
    "import_export",
    "rest_framework",
    "knox",
    "axes",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "django_celery_beat",
    "simple_history",
    "treebeard",
    # The shared core (the bottom layer: it imports no process app and nothing of pmqa/).
    "core",
    "core.offices",
    "core.workdays",
    "core.plans",
    # One app per process (CS1–CS7).
    "stakeholders",
    "channels",
    "complaints",
    "networks",
    "participation",
    "satisfaction",
    "service_standards",
    # The top layer: indicators and reports across processes.
    "reports",
    # PMQA 4.0: the self-assessment and the 7.2 result tables, read through every process's selectors.
    "assessment",
]

MIDDLEWARE = [
    # First: every log line of the request, even the security middleware's, carries its id (core.request_id).
    "core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.CleanTextInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a login refused by django-axes into the Thai lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pmqa.urls"
WSGI_APPLICATION = "pmqa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "pmqa.navigation.navigation",
            ],
            "builtins": ["core.templatetags.thai"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # A kept connection is checked before a request uses it: one broken by a database restart is replaced at
        # once instead of failing that request (docs/operations.md, the postgres_restart drill).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the Celery worker read while the web process writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
# A read replica for the background recounts of the dashboards (docs/scaling.md): off unless DATABASE_REPLICA_URL
# is set. The router sends only the reads inside core.db_router.reporting_reads() there; everything else to default.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"],
                                                 conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["core.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "offices.User"
# Django's validators with Thai messages (Django's Thai catalogue has none of them). The last is no rule: its
# password_changed hook revokes the user's API tokens whenever a password is set, by any path.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "core.offices.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "core.offices.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "core.offices.passwords.CommonPasswordValidator"},
    {"NAME": "core.offices.passwords.NumericPasswordValidator"},
    {"NAME": "core.offices.passwords.RevokeApiTokensOnPasswordChange"},
]
# django-axes first: it refuses a locked-out sign-in before the password is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Five wrong passwords lock that username from that address for 30 minutes. Username and address together: one
# attacker cannot lock everyone out, and the many people behind one office's NAT are not locked together.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The address through the proxies we trust (TRUSTED_PROXY_COUNT), as every other limit reads it.
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_address"
# Keep trying during a lock-out and it still ends when the page said it would.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.offices.views_account.login_locked_out"
# Failures and lock-outs are kept in the database (admin, axes_list_attempts), not printed by every command.
AXES_VERBOSE = False
# API tokens (django-rest-knox): hashed in the database, several per user, expiring after this many days.
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 90)
if API_TOKEN_TTL_DAYS < 1:
    raise ImproperlyConfigured("API_TOKEN_TTL_DAYS must be 1 or more")
REST_KNOX = {"TOKEN_TTL": timedelta(days=API_TOKEN_TTL_DAYS), "AUTO_REFRESH": False}
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Thai first; English through Django's i18n. Message ids are the Thai texts themselves.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ไทย")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
# Office hours (เวลาราชการ): a service standard in minutes counts only the time inside them, on working days
# (core.workdays.calendar.office_minutes_between / office_deadline). Government offices open 08:30–16:30.
OFFICE_HOURS = (time(8, 30), time(16, 30))
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Where `manage.py backup` writes when not given --output (docker-compose.yml: /backups, the host's ./backups).
BACKUP_DIR = Path(os.environ.get("PMQA_BACKUP_DIR") or VAR_DIR / "backups")
# Evidence files are served by a view that checks the user's scope, never by URL alone.
MEDIA_URL = "/media-not-served/"
STORAGES = {
    # Django's, except that a full disk is a Thai refusal with no partial file left (core.storage).
    "default": {"BACKEND": "core.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("PMQA_PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# One cache for every process — the web server and the Celery worker share the dashboard figures and the
# public pages' rate limits: Redis in production (CACHE_URL), otherwise a table in the database
# (`manage.py createcachetable`, which make run and the compose migrate step run).
CACHE_URL = os.environ.get("CACHE_URL", "")
# Redis through django-redis, because the cache is a help, never a requirement: with Redis down (the redis_down drill)
# IGNORE_EXCEPTIONS makes reads misses and drops writes, and the short timeouts keep any request from waiting on it
# for more than a fraction of a second; figures are counted from the database and the rate limits open
# (core.ratelimit), each failure logged. Django's own RedisCache raises instead, which turned every page into a 500.
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": CACHE_URL,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5, "IGNORE_EXCEPTIONS": True},
    }
    if CACHE_URL.startswith(("redis://", "rediss://"))
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "pmqa_cache"}
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = EVIDENCE_MAX_BYTES + 1024 * 1024

# E-mail: the console locally, SMTP in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or "pmqa@localhost"

# Celery: a broker that needs no server for a first try (kombu's filesystem transport, one
# folder for in and out), Redis in production and in the integration tests.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    # Redis: a message taken by a worker that then vanished entirely (killed with its pool, the machine lost) goes back
    # to the queue once it has been unacknowledged this long (acks_late: a task is acknowledged when it ends). It
    # must be longer than the longest task, or a task still running is handed to a second worker: the longest is an
    # evidence pack or a 100,000-row report, minutes; two hours leaves a wide margin. So after a whole worker is
    # killed its running tasks start again up to two hours later (docs/deploy.md). A pool process that dies while
    # its worker lives is another matter: task_reject_on_worker_lost below requeues its task at once.
    else {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 2 * 60 * 60)}
)
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or (
    f"file://{VAR_DIR / 'celery' / 'results'}" if CELERY_BROKER_URL.startswith("filesystem") else CELERY_BROKER_URL
)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ACKS_LATE = True
# A publish the broker refuses is tried twice more within half a second, not for long (kombu's default): the web
# then keeps the task in its outbox (core.queueing) rather than holding the request.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
# With acks_late, a task whose pool process died (SIGKILL, out of memory) is acknowledged as failed unless this is
# set: then it is requeued and runs again. Every task is written to be run again (the daily check's digests, the
# imports, the packs, the period claims of core.schedule), which is what makes this safe.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A worker process reserves one message at a time: a long task (a daily check, a pack) does not hold others back
# behind it, and a killed worker takes at most one unstarted message per process with it.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Separate queues for a ministry-sized installation (docs/scaling.md, "Separate Celery queues"): a 95-second evidence
# pack or a dashboard recount no longer holds the worker that sends the morning's digests. Off by default, because a
# worker started without `-Q` consumes only the default queue: turn it on (CELERY_SEPARATE_QUEUES=true) only with
# workers for every queue, e.g. `celery -A pmqa worker -Q notifications,celery` and `-Q reports,imports`.
CELERY_QUEUE_ROUTES = {
    "complaints.tasks.daily_sla_check": {"queue": "notifications"},
    "reports.tasks.quarterly_summaries": {"queue": "notifications"},
    "reports.tasks.make_quarterly_summary": {"queue": "notifications"},
    "reports.tasks.build_evidence_pack": {"queue": "reports"},
    "reports.tasks.refresh_indicators": {"queue": "reports"},
    "reports.tasks.recount_executive": {"queue": "reports"},
    "complaints.tasks.recount_dashboard": {"queue": "reports"},
    "service_standards.tasks.recount_dashboard": {"queue": "reports"},
    "channels.tasks.recount_counted": {"queue": "reports"},
    "complaints.tasks.prune_import_uploads": {"queue": "imports"},
    "core.tasks.worker_heartbeat": {"queue": "celery"},
    "core.tasks.outbox_flush": {"queue": "celery"},
    "pmqa.workdays.tasks.seed_holidays_task": {"queue": "celery"},
}
CELERY_TASK_ROUTES = CELERY_QUEUE_ROUTES if env_bool("CELERY_SEPARATE_QUEUES", False) else {}
CELERY_BEAT_SCHEDULE = {
    # The heartbeat /health/ reads: beat sent it and a worker ran it within the last few minutes.
    "core-worker-heartbeat": {
        "task": "core.tasks.worker_heartbeat",
        "schedule": 60,
    },
    # Tasks the broker refused while it was down (core.queueing), sent again once it is back.
    "core-outbox-flush": {
        "task": "core.tasks.outbox_flush",
        "schedule": 60,
    },
    # Every morning; the task itself does nothing on weekends and holidays.
    "complaints-daily-sla-check": {
        "task": "complaints.tasks.daily_sla_check",
        "schedule": crontab(hour=8, minute=0),
    },
    # Import uploads keep complainants' details until confirmed; expired ones go every night.
    "complaints-prune-import-uploads": {
        "task": "complaints.tasks.prune_import_uploads",
        "schedule": crontab(hour=2, minute=30),
    },
    # Computed indicators (the CS3 KPI …) follow the data within a quarter of an hour.
    "reports-refresh-indicators": {
        "task": "reports.tasks.refresh_indicators",
        "schedule": 15 * 60,
    },
    # The quarterly executive summary: the task acts only on the first working day of a fiscal quarter, in office
    # hours (reports.summaries.summary_due), for the quarter just ended.
    "reports-quarterly-summaries": {
        "task": "reports.tasks.quarterly_summaries",
        "schedule": crontab(hour=9, minute=0),
    },
    # Next year's holidays as soon as the package knows them; the cabinet's later
    # special days are added by administrators.
    "seed-holidays-for-next-year": {
        "task": "pmqa.workdays.tasks.seed_holidays_task",  # its registered name (core/workdays/tasks.py)
        "schedule": 60 * 60 * 24,
    },
}

# The address people reach the app at, for links in e-mails (e.g. https://pmqa.example.go.th).
PMQA_SITE_URL = os.environ.get("PMQA_SITE_URL", "").rstrip("/")
# LINE Messaging API (optional): digests go to users' LINE ids as well as e-mail when a token is set.
LINE_CHANNEL_ACCESS_TOKEN = os.environ.get("LINE_CHANNEL_ACCESS_TOKEN", "")
LINE_API_URL = os.environ.get("LINE_API_URL") or "https://api.line.me/v2/bot/message/push"
# How many reverse proxies stand in front of the app and append to X-Forwarded-For (nginx: 1; a load balancer
# in front of nginx: 2). The client's address is read through exactly that many (core.ratelimit.client_address);
# 0 (running without a proxy) uses the connection's address. Never more than really exist: a client could then
# choose its own address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")
# Public pages (no login): how many submissions one address may make per hour.
PUBLIC_SUBMIT_RATE = os.environ.get("PUBLIC_SUBMIT_RATE") or "10/h"
PUBLIC_TRACK_RATE = os.environ.get("PUBLIC_TRACK_RATE") or "60/h"
SURVEY_ANSWER_RATE = os.environ.get("SURVEY_ANSWER_RATE") or "30/h"
# Reading the published participation projects (no login): generous, a village may share one address.
PUBLIC_RESULTS_RATE = os.environ.get("PUBLIC_RESULTS_RATE") or "300/h"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # `Authorization: Token <token>` as before; knox keeps only a hash of each token.
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # DRF's parsers, with text cleaned as form input is and over-deep JSON refused (core.api_parsers).
    "DEFAULT_PARSER_CLASSES": ["core.api_parsers.JSONParser", "core.api_parsers.FormParser",
                               "core.api_parsers.MultiPartParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api_pagination.CappedLimitOffsetPagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "core.api_errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PMQA หมวด 3 API",
    "DESCRIPTION": "API สำหรับหน่วยงานและระบบของสำนักงานอำเภอ (ส่งข้อมูล อ่านแผนปฏิบัติการ วันหยุด)",
    "VERSION": "1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {"TicketKindEnum": "complaints.choices.Kind", "ReplyKindEnum": "complaints.choices.ReplyKind",
                            "TicketStatusEnum": "complaints.choices.Status",
                            "StepStatusEnum": "core.plans.choices.StepStatus"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"  # wide tables scroll inside the page
IMPORT_EXPORT_USE_TRANSACTIONS = True

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# Behind a TLS proxy (docs/deploy.md): trust its X-Forwarded-Proto, send plain-HTTP requests to HTTPS, and tell
# browsers to use nothing but HTTPS for a year (HSTS). Preloading the host into browsers is the domain owner's
# decision (hstspreload.org), so it is off unless SECURE_HSTS_PRELOAD says so — and its deploy-check warning with it.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", BEHIND_TLS_PROXY)
# The proxy and the monitoring ask http://127.0.0.1:8000/health/ directly, without TLS.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if BEHIND_TLS_PROXY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# The Content-Security-Policy (django-csp) every page is sent with: scripts only from the app's own static files
# (no inline script, no eval), nothing from other sites (government networks are often closed anyway), no plugins,
# forms posting only to the app, framing only by the app itself (the questionnaire builder's preview). Inline
# styles stay allowed: style attributes carry the widths of progress bars and Gantt columns, and Swagger UI (the API
# docs) injects its own; they can run no code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],  # Bootstrap draws its form icons as data: SVG
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Every line carries the request id (core.request_id), in the web and in the Celery tasks a request queued.
# Production (DEBUG off): one JSON object per line, for a log collector; DEBUG: readable lines. LOG_FORMAT=json|text
# chooses either way. The Celery worker and beat use this same configuration (pmqa/celery.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT") or ("text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "core.request_id.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL") or "INFO"},
    # WeasyPrint logs every rendering step at INFO; django-axes every sign-in (it keeps them in its tables) and
    # reports lock-outs at WARNING.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"},
                "axes": {"level": "WARNING"}},
}
