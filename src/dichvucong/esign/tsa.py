"""The RFC 3161 time-stamping authority a signature asks when ESIGN_TSA_URL is set (PAdES
B-T, with the validation data B-LT)."""

import threading

from django.conf import settings

_CLIENTS: dict[tuple, object] = {}
_LOCK = threading.Lock()


def timestamper():
    """Return the pyHanko time-stamp client for ESIGN_TSA_URL (None when it is empty).

    One client per process: pyHanko asks the TSA once per client for a sample token (to size
    the signature and learn the TSA's certificates), then once per signature.
    """
    url = settings.ESIGN_TSA_URL
    if not url:
        return None
    key = (url, settings.ESIGN_TSA_TIMEOUT)
    client = _CLIENTS.get(key)
    if client is None:
        from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

        with _LOCK:
            client = _CLIENTS.get(key) or RequestsHTTPTimeStamper(
                url, timeout=settings.ESIGN_TSA_TIMEOUT
            )
            _CLIENTS.clear()
            _CLIENTS[key] = client
    return client
