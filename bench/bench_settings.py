"""Production settings plus a bare view and a server-timing header, for benchmarks only."""

from dichvucong.settings import *  # noqa: F403
from dichvucong.settings import MIDDLEWARE

ROOT_URLCONF = "bench_urls"
MIDDLEWARE = ["bench_urls.ServerTimingMiddleware", *MIDDLEWARE]
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "root": {"handlers": [], "level": "WARNING"}}
