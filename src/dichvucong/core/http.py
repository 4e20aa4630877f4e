"""One HTTP client per process for the outside services: a new `httpx` client per request
loads the system's CA store each time (~80 ms) and opens a fresh connection."""

import threading

import httpx

_client: httpx.Client | None = None
_lock = threading.Lock()


def http_client() -> httpx.Client:
    """The process's shared client (thread-safe; keep-alive connections are pooled). Pass the
    timeout per request: settings may change while the process runs."""
    global _client
    if _client is None:
        with _lock:
            if _client is None:
                _client = httpx.Client(follow_redirects=False)
    return _client
