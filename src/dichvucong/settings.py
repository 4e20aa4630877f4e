"""Django settings, all read from environment variables (see docs/CONFIGURATION.md)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from dichvucong.core.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("DVC_TESTING", False)
# Demo mode turns on the built-in demo providers' pages (e.g. /dev/sms/); never in production.
DEMO_MODE = env_bool("DEMO_MODE", False)

SECRET_KEY = env_str("SECRET_KEY")
_KEY_FILE = DATA_DIR / "secret_key"  # written by `make run`: commands in a new shell share it
if not SECRET_KEY and _KEY_FILE.is_file():
    SECRET_KEY = _KEY_FILE.read_text(encoding="utf-8").strip()
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (see docs/CONFIGURATION.md)."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Links in SMS and QR codes: the address the portal listens on unless told otherwise.
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "dichvucong.core",
    "dichvucong.catalog",
    "dichvucong.esign",
    "dichvucong.accounts",
    "dichvucong.notifications",
    "dichvucong.dossiers",
    "dichvucong.processing",
    "dichvucong.payments",
    "dichvucong.delivery",
    "dichvucong.tracking",
    "dichvucong.interop",
    "ninja",
    "dichvucong.api",
    "dichvucong.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dichvucong.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dichvucong.core.middleware.SessionTouchMiddleware",
    "dichvucong.core.middleware.PortalLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dichvucong.core.middleware.NulInPathMiddleware",
]

ROOT_URLCONF = "dichvucong.urls"
WSGI_APPLICATION = "dichvucong.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dichvucong.core.context_processors.portal",
                "dichvucong.tracking.context_processors.notifications",
                "dichvucong.interop.context_processors.sign_in_providers",
                "dichvucong.interop.context_processors.national_sync",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # How long a writer waits for SQLite's lock before "database is locked".
    _SQLITE_TIMEOUT = env_int("SQLITE_TIMEOUT_SECONDS", 20)
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue instead of failing.
        "transaction_mode": "IMMEDIATE",
        "timeout": _SQLITE_TIMEOUT,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            f" PRAGMA busy_timeout={_SQLITE_TIMEOUT * 1000};"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits, OTP counters): Redis in production, the database otherwise ----------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    try:
        import redis  # noqa: F401  (the `redis` extra: pip install "dichvucong[redis]")
    except ImportError as exc:
        raise ImproperlyConfigured(
            'REDIS_URL is set but the Redis client is missing: pip install "dichvucong[redis]".'
        ) from exc
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
elif TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "dvc_cache",
        }
    }

# --- Background tasks ------------------------------------------------------------------------
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[env_str("TASKS_BACKEND", "database")]}}
# The worker (`manage.py task_worker`) writes a heartbeat row this often; a task left RUNNING by
# a worker whose heartbeat is older than the lease is queued again, at most TASK_MAX_ATTEMPTS
# times; database errors are retried with back-off up to WORKER_BACKOFF_MAX_SECONDS apart.
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 10)
TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", 120)
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 5)
WORKER_BACKOFF_MAX_SECONDS = env_int("WORKER_BACKOFF_MAX_SECONDS", 30)
# /healthz answers 503 when the oldest task waiting to run, or the newest worker heartbeat, is
# older than these (both checked only with the database task backend).
HEALTH_MAX_QUEUE_AGE_SECONDS = env_int("HEALTH_MAX_QUEUE_AGE_SECONDS", 300)
HEALTH_MAX_HEARTBEAT_AGE_SECONDS = env_int("HEALTH_MAX_HEARTBEAT_AGE_SECONDS", 60)

# --- Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "catalog:home"
LOGOUT_REDIRECT_URL = "catalog:home"
PASSWORD_HASHERS = [
    "dichvucong.accounts.hashers.TunedArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Argon2id's cost: OWASP's recommended minimum (19 MiB, 2 passes, 1 lane), about 30 ms of one
# core per login; Django's own default (100 MiB, 2, 8) costs about 270 ms (docs/SECURITY.md).
ARGON2_MEMORY_KIB = env_int("ARGON2_MEMORY_KIB", 19_456)
ARGON2_TIME_COST = env_int("ARGON2_TIME_COST", 2)
ARGON2_PARALLELISM = env_int("ARGON2_PARALLELISM", 1)
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "dichvucong.accounts.backends.IdentifierBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Where officers land after login (their workspace).
OFFICER_HOME_URL = env_str("OFFICER_HOME_URL", "/can-bo/")
# Identity registry for social-insurance verification ("demo" answers from the demo data).
IDENTITY_PROVIDER = env_str("IDENTITY_PROVIDER", "demo")
IDENTITY_DEMO_REGISTRY = env_str(
    "IDENTITY_DEMO_REGISTRY", str(PACKAGE_DIR / "demo" / "data" / "social_insurance.json")
)
# National population database (dossiers/population; docs/IDENTITY.md "Declare once"): "" is
# off (nothing prefilled from it), "demo" answers for a few fictitious people, "http" asks the
# database over HTTP (URL, token and integration code required, or the portal refuses to start).
POPULATION_PROVIDER = env_str("POPULATION_PROVIDER", "demo" if DEMO_MODE else "")
POPULATION_HTTP_URL = env_str("POPULATION_HTTP_URL", "")
POPULATION_HTTP_TOKEN = env_str("POPULATION_HTTP_TOKEN", "")
POPULATION_INTEGRATION_CODE = env_str("POPULATION_INTEGRATION_CODE", "")
POPULATION_HTTP_TIMEOUT_SECONDS = env_int("POPULATION_HTTP_TIMEOUT_SECONDS", 5)
# Digital signatures (USB token / SIM): trusted root CA files or PEM texts, and CRL files.
TRUSTED_SIGNATURE_ROOTS = env_list("TRUSTED_SIGNATURE_ROOTS", [])
SIGNATURE_CRLS = env_list("SIGNATURE_CRLS", [])
# How a citizen signs (accounts.signing_means; docs/IDENTITY.md): "plugin" (a signing plug-in on
# the citizen's computer at SIGNATURE_PLUGIN_URL), "remote" (SIM PKI / cloud signing service),
# "demo" (the demo CA and a built-in "phone" page; its root must be trusted, see ESIGN_SIGNER).
SIGNATURE_PROVIDERS = env_list(
    "SIGNATURE_PROVIDERS", ["plugin", "demo"] if DEMO_MODE else ["plugin"]
)
SIGNATURE_PLUGIN_URL = env_str("SIGNATURE_PLUGIN_URL", "http://127.0.0.1:8987/")
SIGNATURE_REMOTE_URL = env_str("SIGNATURE_REMOTE_URL", "")
SIGNATURE_REMOTE_CLIENT_ID = env_str("SIGNATURE_REMOTE_CLIENT_ID", "")
SIGNATURE_REMOTE_SECRET = env_str("SIGNATURE_REMOTE_SECRET", "")
SIGNATURE_REMOTE_TIMEOUT = env_int("SIGNATURE_REMOTE_TIMEOUT", 10)
# How long the person has to confirm a sign request on their phone (seconds).
SIGNATURE_REMOTE_WAIT_SECONDS = env_int("SIGNATURE_REMOTE_WAIT_SECONDS", 180)
# Signing of results, slips and receipts (docs/E-RESULTS.md): "" is off; "demo" signs with a
# demo CA made under DATA_DIR at first use (and trusts it); "pkcs12", "pkcs11", "remote".
ESIGN_SIGNER = env_str("ESIGN_SIGNER", "demo")
# The national e-document store (pull by result code, push of results); "" = not connected.
NATIONAL_STORE_PROVIDER = env_str("NATIONAL_STORE_PROVIDER", "demo" if DEMO_MODE else "")
NATIONAL_STORE_PULL_URL = env_str("NATIONAL_STORE_PULL_URL", "")
NATIONAL_STORE_PUSH_URL = env_str("NATIONAL_STORE_PUSH_URL", "")
NATIONAL_STORE_TOKEN = env_str("NATIONAL_STORE_TOKEN", "")
NATIONAL_STORE_TIMEOUT_SECONDS = env_int("NATIONAL_STORE_TIMEOUT_SECONDS", 15)
ESIGN_AGENCY_NAME = env_str("ESIGN_AGENCY_NAME", "Cơ quan giải quyết TTHC (demo)")
ESIGN_DEMO_CA_DIR = env_str("ESIGN_DEMO_CA_DIR", str(DATA_DIR / "esign-demo-ca"))
ESIGN_TRUST_DEMO_CA = env_bool("ESIGN_TRUST_DEMO_CA", False)
ESIGN_PKCS12_PATH = env_str("ESIGN_PKCS12_PATH", "")
ESIGN_PKCS12_PASSPHRASE = env_str("ESIGN_PKCS12_PASSPHRASE", "")
ESIGN_PKCS11_MODULE = env_str("ESIGN_PKCS11_MODULE", "")
ESIGN_PKCS11_TOKEN = env_str("ESIGN_PKCS11_TOKEN", "")
ESIGN_PKCS11_KEY_LABEL = env_str("ESIGN_PKCS11_KEY_LABEL", "")
ESIGN_PKCS11_PIN = env_str("ESIGN_PKCS11_PIN", "")
ESIGN_REMOTE_URL = env_str("ESIGN_REMOTE_URL", "")
ESIGN_REMOTE_CLIENT_ID = env_str("ESIGN_REMOTE_CLIENT_ID", "")
ESIGN_REMOTE_SECRET = env_str("ESIGN_REMOTE_SECRET", "")
ESIGN_REMOTE_TIMEOUT = env_int("ESIGN_REMOTE_TIMEOUT", 30)
# Who signs a result: "agency" (the signer above) or "leader" (the approving leader's own
# certificate at the remote signing service, account = their personal ID number).
ESIGN_RESULTS_SIGNED_BY = env_str("ESIGN_RESULTS_SIGNED_BY", "agency")
# An RFC 3161 time-stamping authority (empty: no timestamp, the signer's clock is the time).
ESIGN_TSA_URL = env_str("ESIGN_TSA_URL", "")
ESIGN_TSA_TIMEOUT = env_int("ESIGN_TSA_TIMEOUT", 10)
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
# Idle sessions end SESSION_COOKIE_AGE after the last request; the expiry is pushed back at
# most once per SESSION_TOUCH_SECONDS (core.middleware.SessionTouchMiddleware), not at every
# request. With Redis, sessions are read from the cache and written through to the database.
SESSION_TOUCH_SECONDS = env_int("SESSION_TOUCH_SECONDS", 60)
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ---------------------------------------------------------------
STATIC_URL = "/static/"
# Tests serve static files from the finders; only real runs collect them into STATIC_ROOT.
STATIC_ROOT = None if TESTING else DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG or TESTING
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/private-media-is-never-served/"
_STATIC_BACKEND = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG or TESTING
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "filesystem")
if STORAGE_BACKEND == "s3":
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL"),
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "region_name": env_str("S3_REGION"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif STORAGE_BACKEND == "filesystem":
    _DEFAULT_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": MEDIA_URL},
    }
else:
    raise ImproperlyConfigured("STORAGE_BACKEND must be 'filesystem' or 's3'.")
STORAGES = {"default": _DEFAULT_STORAGE, "staticfiles": {"BACKEND": _STATIC_BACKEND}}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Security --------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "dichvucong.core.views.csrf_failure"
# Production behind HTTPS: HTTPS=1 turns on the redirect to https://, secure cookies and HSTS
# (one year); each can still be set on its own. BEHIND_TLS_PROXY=1 trusts the proxy's
# X-Forwarded-Proto (set it only when the proxy overwrites that header) — docs/CONFIGURATION.md.
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# /healthz is probed over plain HTTP from the host itself: never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Reverse proxies in front of the portal that append the visitor's address to X-Forwarded-For
# (nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`); 0 trusts no header.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Content-Security-Policy (core/middleware.py): every page's scripts and styles come from this
# site; forms may lead to the payment gateways and national sign-in providers named by these
# settings (the logout form is answered by a redirect to the provider's end-session page; their
# http:// origins are added, as in tests on loopback; https:// ones are always allowed).
CSP_GATEWAY_URL_SETTINGS = [
    "VNPAY_PAY_URL",
    "MOMO_ENDPOINT",
    "DVCQG_PAY_INIT_URL",
    "OIDC_VNEID_ISSUER",
    "OIDC_DVCQG_ISSUER",
]
# Scripts may also call these (the citizen's signing plug-in on loopback).
CSP_CONNECT_URL_SETTINGS = ["SIGNATURE_PLUGIN_URL"]

# --- Logging ---------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # httpx logs every request at INFO (the providers log what matters themselves).
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},  # font subsetting for every PDF, at INFO
    },
}

# --- Outside services (each behind a provider registry; "demo" needs no outside service) ------
OFFICE_HOURS = env_str("OFFICE_HOURS", "07:00-11:30,13:30-17:00")
SMS_PROVIDER = env_str("SMS_PROVIDER", "demo")
# The "http" SMS provider: an SMS-brandname gateway taking JSON over HTTPS.
SMS_HTTP_URL = env_str("SMS_HTTP_URL", "")
SMS_HTTP_USERNAME = env_str("SMS_HTTP_USERNAME", "")
SMS_HTTP_PASSWORD = env_str("SMS_HTTP_PASSWORD", "")
SMS_BRANDNAME = env_str("SMS_BRANDNAME", "")
SMS_HTTP_TIMEOUT = env_int("SMS_HTTP_TIMEOUT", 10)
# Send SMS without tone marks, so a Vietnamese text fits one 160-character GSM-7 part.
SMS_FOLD_TONE_MARKS = env_bool("SMS_FOLD_TONE_MARKS", True)
# Public dossier lookup: failed attempts allowed per client IP within the window (seconds).
LOOKUP_RATE_LIMIT = env_int("LOOKUP_RATE_LIMIT", 20)
LOOKUP_RATE_WINDOW = env_int("LOOKUP_RATE_WINDOW", 600)
LOOKUP_CODE_RATE_LIMIT = env_int("LOOKUP_CODE_RATE_LIMIT", 10)
LOOKUP_CODE_RATE_WINDOW = env_int("LOOKUP_CODE_RATE_WINDOW", 3600)
# Each web process keeps the QR view of a dossier this long for anonymous visitors; a change
# made in the same process drops it at once, other processes see it within this delay.
LOOKUP_PAGE_CACHE_SECONDS = env_int("LOOKUP_PAGE_CACHE_SECONDS", 10)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "dichvucong@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# --- Online submission: upload limits and photo checks ---------------------------------------
UPLOAD_MAX_FILE_BYTES = env_int("UPLOAD_MAX_FILE_BYTES", 15 * 1024 * 1024)
UPLOAD_MAX_DOSSIER_BYTES = env_int("UPLOAD_MAX_DOSSIER_BYTES", 60 * 1024 * 1024)
# Pillow's decompression-bomb limit on the size a file declares (its warning is an error here).
UPLOAD_MAX_IMAGE_PIXELS = env_int("UPLOAD_MAX_IMAGE_PIXELS", 50_000_000)
# Largest image decoded (JPEGs count after the decoder's own reduction; PNG, WebP and HEIC
# in full, about 4 bytes a pixel): 24 Mpx holds about 100 MB while it is decoded.
UPLOAD_MAX_DECODED_PIXELS = env_int("UPLOAD_MAX_DECODED_PIXELS", 24_000_000)
# Pixels that the photos decoded at once in one process may hold together; more uploads wait
# (up to UPLOAD_DECODE_WAIT_SECONDS, then are refused with "try again") — docs/PERFORMANCE.md.
UPLOAD_DECODE_BUDGET_PIXELS = env_int("UPLOAD_DECODE_BUDGET_PIXELS", 32_000_000)
UPLOAD_DECODE_WAIT_SECONDS = env_int("UPLOAD_DECODE_WAIT_SECONDS", 60)
UPLOAD_MIN_IMAGE_SIDE = env_int("UPLOAD_MIN_IMAGE_SIDE", 400)
# Stored photos are re-encoded (metadata stripped) and scaled down to this longest side.
UPLOAD_IMAGE_MAX_SIDE = env_int("UPLOAD_IMAGE_MAX_SIDE", 2048)
# Edge strength at page scale (0–127, dossiers/uploads/images.blur_score) under which a photo
# is flagged as unclear; calibrated in docs/RELIABILITY.md ("Blur calibration").
UPLOAD_BLUR_THRESHOLD = env_int("UPLOAD_BLUR_THRESHOLD", 60)

# --- Payments (payments/providers; docs/PAYMENTS.md) -----------------------------------------
PAYMENT_PROVIDERS = env_list("PAYMENT_PROVIDERS", ["demo"])
PAYMENT_HTTP_TIMEOUT_SECONDS = env_int("PAYMENT_HTTP_TIMEOUT_SECONDS", 15)
PAYMENT_EXPIRE_MINUTES = env_int("PAYMENT_EXPIRE_MINUTES", 15)
VNPAY_TMN_CODE = env_str("VNPAY_TMN_CODE", "")
VNPAY_HASH_SECRET = env_str("VNPAY_HASH_SECRET", "")
VNPAY_PAY_URL = env_str("VNPAY_PAY_URL", "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html")
VNPAY_API_URL = env_str(
    "VNPAY_API_URL", "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"
)
VNPAY_ORDER_TYPE = env_str("VNPAY_ORDER_TYPE", "billpayment")
MOMO_PARTNER_CODE = env_str("MOMO_PARTNER_CODE", "")
MOMO_ACCESS_KEY = env_str("MOMO_ACCESS_KEY", "")
MOMO_SECRET_KEY = env_str("MOMO_SECRET_KEY", "")
MOMO_ENDPOINT = env_str("MOMO_ENDPOINT", "https://test-payment.momo.vn")
MOMO_REQUEST_TYPE = env_str("MOMO_REQUEST_TYPE", "captureWallet")
# The DVCQG payment platform (payments/providers/dvcqg.py, docs/PAYMENTS.md): the partner code
# and secret it issued, its three URLs, an optional bearer token, and the beneficiary account.
DVCQG_PAY_PARTNER_CODE = env_str("DVCQG_PAY_PARTNER_CODE", "")
DVCQG_PAY_SECRET = env_str("DVCQG_PAY_SECRET", "")
DVCQG_PAY_INIT_URL = env_str("DVCQG_PAY_INIT_URL", "")
DVCQG_PAY_QUERY_URL = env_str("DVCQG_PAY_QUERY_URL", "")
DVCQG_PAY_RECEIPT_URL = env_str("DVCQG_PAY_RECEIPT_URL", "")
DVCQG_PAY_ACCESS_TOKEN = env_str("DVCQG_PAY_ACCESS_TOKEN", "")
DVCQG_PAY_BENEFICIARY_ACCOUNT = env_str("DVCQG_PAY_BENEFICIARY_ACCOUNT", "")
DVCQG_PAY_BENEFICIARY_BANK = env_str("DVCQG_PAY_BENEFICIARY_BANK", "")
DVCQG_PAY_BENEFICIARY_NAME = env_str("DVCQG_PAY_BENEFICIARY_NAME", "")

# --- Postal delivery of results (delivery/providers; docs/PAYMENTS.md) ------------------------
DELIVERY_PROVIDER = env_str("DELIVERY_PROVIDER", "demo")
VNPOST_ENDPOINT = env_str("VNPOST_ENDPOINT", "")
VNPOST_TOKEN = env_str("VNPOST_TOKEN", "")
VNPOST_CALLBACK_SECRET = env_str("VNPOST_CALLBACK_SECRET", "")
# Postal fee in đồng: inside the portal's province, elsewhere, and for collecting originals.
POSTAL_FEE_IN_PROVINCE = env_int("POSTAL_FEE_IN_PROVINCE", 25000)
POSTAL_FEE_OTHER_PROVINCE = env_int("POSTAL_FEE_OTHER_PROVINCE", 35000)
POSTAL_FEE_ORIGINALS = env_int("POSTAL_FEE_ORIGINALS", 10000)

# --- Dossier sync with the National Public Service Portal (interop; docs/INTEROP.md) ---------
NATIONAL_PORTAL_PROVIDER = env_str("NATIONAL_PORTAL_PROVIDER", "demo")
DVCQG_SYNC_PROVINCE_ID = env_str("DVCQG_SYNC_PROVINCE_ID", "")
DVCQG_SYNC_TOKEN = env_str("DVCQG_SYNC_TOKEN", "")
DVCQG_SYNC_CREATE_URL = env_str("DVCQG_SYNC_CREATE_URL", "")
DVCQG_SYNC_UPDATE_URL = env_str("DVCQG_SYNC_UPDATE_URL", "")
DVCQG_SYNC_PROGRESS_URL = env_str("DVCQG_SYNC_PROGRESS_URL", "")
DVCQG_SYNC_PULL_URL = env_str("DVCQG_SYNC_PULL_URL", "")
DVCQG_SYNC_FILE_URL = env_str("DVCQG_SYNC_FILE_URL", "")
DVCQG_SYNC_ACK_URL = env_str("DVCQG_SYNC_ACK_URL", "")
DVCQG_SYNC_TIMEOUT_SECONDS = env_int("DVCQG_SYNC_TIMEOUT_SECONDS", 20)
# Entries per request; attempts before an entry is dead; the first retry's delay (doubling,
# capped at an hour); how long a drainer holds the lease without renewing it.
NATIONAL_SYNC_BATCH_SIZE = env_int("NATIONAL_SYNC_BATCH_SIZE", 200)
NATIONAL_SYNC_MAX_ATTEMPTS = env_int("NATIONAL_SYNC_MAX_ATTEMPTS", 8)
NATIONAL_SYNC_RETRY_SECONDS = env_int("NATIONAL_SYNC_RETRY_SECONDS", 30)
NATIONAL_SYNC_LEASE_SECONDS = env_int("NATIONAL_SYNC_LEASE_SECONDS", 120)
# Queue a drain after each event's commit (`sync_national` from a timer catches up otherwise).
NATIONAL_SYNC_DRAIN_ON_COMMIT = env_bool("NATIONAL_SYNC_DRAIN_ON_COMMIT", True)

# --- National sign-in: VNeID / DVCQG over OpenID Connect (interop/sso; docs/IDENTITY.md) ------
# Enabled providers, in the order of the login page's buttons: vneid, dvcqg, demo (the demo
# chooser page, DEMO_MODE only). Each enabled OpenID provider needs its issuer, client id and
# secret, or the portal refuses to start.
OIDC_PROVIDERS = env_list("OIDC_PROVIDERS", ["demo"] if DEMO_MODE else [])
OIDC_HTTP_TIMEOUT_SECONDS = env_int("OIDC_HTTP_TIMEOUT_SECONDS", 10)
OIDC_CLOCK_LEEWAY_SECONDS = env_int("OIDC_CLOCK_LEEWAY_SECONDS", 60)
for _oidc_id, _oidc_acr in (("VNEID", ""), ("DVCQG", "LoA2")):
    for _oidc_name, _oidc_default in (
        ("ISSUER", ""),
        ("DISCOVERY_URL", ""),
        ("CLIENT_ID", ""),
        ("CLIENT_SECRET", ""),
        ("SCOPES", "openid"),
        ("ACR_VALUES", _oidc_acr),
        ("AUTHORIZATION_ENDPOINT", ""),
        ("TOKEN_ENDPOINT", ""),
        ("JWKS_URI", ""),
        ("USERINFO_ENDPOINT", ""),
        ("END_SESSION_ENDPOINT", ""),
    ):
        _oidc_key = f"OIDC_{_oidc_id}_{_oidc_name}"
        globals()[_oidc_key] = env_str(_oidc_key, _oidc_default)
del _oidc_id, _oidc_acr, _oidc_name, _oidc_default, _oidc_key
