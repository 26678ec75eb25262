"""Settings for mandate-tracker.

Every knob is an environment variable (see `.env.example`). The defaults run a fresh clone on SQLite
with eager Celery tasks and the console email backend; production sets DATABASE_URL, CELERY_BROKER_URL,
EMAIL_URL, SECRET_KEY and ALLOWED_HOSTS.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env is optional; real deployments pass variables through the environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "simple_history",
    "axes",
    "mandates",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A NUL byte in the path or query string is a 400 before any view or database sees it.
    "mandates.middleware.RejectNulBytesMiddleware",
    "csp.middleware.CSPMiddleware",
    # Serves /static/ from the app itself: no CDN, no separate web server needed for CSS.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, held to UI_LANGUAGES (mandates/middleware.py).
    "mandates.middleware.InterfaceLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "mandates.middleware.MethodNotAllowedPage",
    # Last, as django-axes requires: turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

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
                "mandates.context_processors.review_waiting",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# django-axes first: a locked-out user or address is refused before the password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "mandates:overview"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
# Interface languages (issue #12): strings are marked for translation ({% translate %}, gettext) and French is
# planned; UI_LANGUAGES lists those whose translations exist (locale/<lang>/), the only ones a browser can select.
LANGUAGES = [("en", "English"), ("fr", "Français")]
UI_LANGUAGES = env.list("UI_LANGUAGES", default=["en", "en-gb"])
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Without collectstatic (a fresh clone, the demo) WhiteNoise finds files where they live.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)

# Email: console in the demo; production sets EMAIL_URL=smtp+tls://user:pass@host:587
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="mandate-tracker@localhost")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# Celery: without a broker (the demo) tasks run in-process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ACKS_LATE = True
# A redis:// broker uses kombu's Redis transport patched to survive a Redis restart (tracker/broker.py).
if CELERY_BROKER_URL.startswith("redis://"):
    CELERY_BROKER_TRANSPORT = "tracker.broker:Transport"
# A message the worker has taken but not acknowledged (a countdown waiting in the worker, a task running
# with acks_late) goes back to the queue after this many seconds; it must be longer than the longest
# countdown or ETA of any task (tasks.MAX_COUNTDOWN_SECONDS), or the task runs twice (docs/reliability.md).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=6 * 3600),
}
# Keep trying to reach the broker when the worker starts before Redis does, and after a connection loss.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None  # forever: the supervisor should not see the worker exit
# On a broker connection loss a running task finishes (a reminder digest being sent is marked sent) rather
# than being killed mid-send; its message is redelivered after the reconnect and finds nothing left to do.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# A worker child that grew past this (KiB) is replaced after its task: a leak or a large parse stays bounded.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=1_500_000)
CELERY_BEAT_SCHEDULE = {
    # https://crontab.guru/#15_5_*_*_* : every day at 05:15, before staff arrive.
    "flag-due-mandates": {"task": "mandates.tasks.flag_due_mandates", "schedule": crontab(hour=5, minute=15)},
    # https://crontab.guru/#30_6_*_*_1-5 : weekdays at 06:30, after the flags are fresh.
    "send-reminders": {
        "task": "mandates.tasks.send_reminders",
        "schedule": crontab(hour=6, minute=30, day_of_week="1-5"),
    },
    # https://crontab.guru/#*/5_*_*_*_* : retries of failed reminders when their time comes (no planning).
    "retry-reminders": {
        "task": "mandates.tasks.send_reminders",
        "schedule": crontab(minute="*/5"),
        "kwargs": {"plan": False},
    },
    # Hourly: delete export files past EXPORT_RETENTION_HOURS, fail jobs that never finished.
    "purge-exports": {"task": "mandates.tasks.purge_exports", "schedule": crontab(minute=7)},
}

# Ingestion
INGEST_MAX_BYTES = env.int("INGEST_MAX_BYTES", default=50 * 1024 * 1024)
# Uploads larger than this go to a temporary file instead of memory (the size limit is INGEST_MAX_BYTES).
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024 * 1024)

# Tracking: upcoming tiers, in weeks before the document due date.
FLAG_TIERS_WEEKS = env.list("FLAG_TIERS_WEEKS", cast=int, default=[14, 10, 6])
DEFAULT_LEAD_TIME_WEEKS = env.int("DEFAULT_LEAD_TIME_WEEKS", default=10)
# Information feeding a report is due this many weeks before the report itself (services.calendar.due_rule).
INFORMATION_LEAD_TIME_WEEKS = env.int("INFORMATION_LEAD_TIME_WEEKS", default=6)
HEARTBEAT_MAX_AGE_HOURS = env.int("HEARTBEAT_MAX_AGE_HOURS", default=24)
# Reminders (services.reminders, docs/reliability.md): after a failed send, the next attempt comes
# REMINDER_RETRY_FIRST_MINUTES later, then twice as long each time, at most REMINDER_RETRY_MAX_HOURS apart;
# an attempt failing more than REMINDER_GIVE_UP_HOURS after the first failed one gives the reminder up (shown
# on the overview). A claim older than REMINDER_CLAIM_TIMEOUT_MINUTES belongs to a worker that died.
REMINDER_RETRY_FIRST_MINUTES = env.int("REMINDER_RETRY_FIRST_MINUTES", default=10)
REMINDER_RETRY_MAX_HOURS = env.int("REMINDER_RETRY_MAX_HOURS", default=2)
REMINDER_GIVE_UP_HOURS = env.int("REMINDER_GIVE_UP_HOURS", default=72)
REMINDER_CLAIM_TIMEOUT_MINUTES = env.int("REMINDER_CLAIM_TIMEOUT_MINUTES", default=30)

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name, or from one
# address, further attempts are refused, even with the right password, for AXES_COOLOFF_MINUTES.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: by user name, and by address
AXES_RESET_ON_SUCCESS = True
# The lockout log line names the user name and address (passwords are always masked), for whoever unlocks.
AXES_SENSITIVE_PARAMETERS: list[str] = []
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a TLS proxy (BEHIND_TLS_PROXY) the client address is the X-Forwarded-For entry the proxy added.
AXES_CLIENT_IP_CALLABLE = "mandates.middleware.client_ip"

# Content-Security-Policy (django-csp): no inline or foreign scripts; inline style attributes are used.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Calendar feed tokens stop working this many days after they were issued (rotate on the feed page).
FEED_TOKEN_MAX_AGE_DAYS = env.int("FEED_TOKEN_MAX_AGE_DAYS", default=365)
# A status change waits at most this long for a mandate row locked by an ingest, then says "try again".
STATUS_LOCK_TIMEOUT_MS = env.int("STATUS_LOCK_TIMEOUT_MS", default=3000)

# Files written by tasks (CSV exports) and uploads waiting for the ingest task. Web and worker processes
# must share this directory (or configure another storage). It is never served directly.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# CSV exports of more rows than this run as a Celery task writing a file; smaller ones stream at once.
EXPORT_ASYNC_THRESHOLD_ROWS = env.int("EXPORT_ASYNC_THRESHOLD_ROWS", default=50_000)
EXPORT_RETENTION_HOURS = env.int("EXPORT_RETENTION_HOURS", default=24)
EXPORT_TIME_LIMIT_SECONDS = env.int("EXPORT_TIME_LIMIT_SECONDS", default=600)
# Uploads are read and extracted in a Celery task with these limits, so a hostile file (a zip bomb) costs a
# task, not a web worker. The memory limit is an address-space limit on the worker process during the task.
UPLOAD_TIME_LIMIT_SECONDS = env.int("UPLOAD_TIME_LIMIT_SECONDS", default=120)
UPLOAD_MEMORY_LIMIT_MB = env.int("UPLOAD_MEMORY_LIMIT_MB", default=1024)

# Production hardening, switched on by the environment (`manage.py check --deploy`).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden_one_line": {"()": "mandates.logging.ForbiddenOnOneLine"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's default config gives "django" its own console handler that also propagates to the root's:
        # every line twice under DEBUG. One handler, the root's.
        "django": {"handlers": [], "propagate": True},
        "django.request": {"handlers": [], "propagate": True, "filters": ["forbidden_one_line"]},
        "django.security": {"handlers": [], "propagate": True, "filters": ["forbidden_one_line"]},
    },
}
