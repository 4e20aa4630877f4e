"""A citizen's browser, reduced to what the cross-node tests need (httpx, real HTTP)."""

import re

import httpx

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')


def csrf_of(page: str) -> str:
    return CSRF.search(page).group(1)


def post_form(client: httpx.Client, url: str, data: dict) -> httpx.Response:
    """GET the page (its CSRF token), then POST the form to it."""
    page = client.get(url)
    return client.post(url, data={"csrfmiddlewaretoken": csrf_of(page.text), **data})


def login(client: httpx.Client, base: str, identifier: str, password: str) -> httpx.Response:
    return post_form(client, f"{base}/dang-nhap/", {"identifier": identifier, "password": password})


def prepare_submit(base: str, draft: int, session: str) -> tuple[httpx.Client, dict]:
    """Open the draft's review page; return the client and the Submit form's fields."""
    client = httpx.Client(cookies={"sessionid": session}, timeout=120)
    page = client.get(f"{base}/ho-so-dang-soan/{draft}/xem-lai/").text
    return client, {
        "idempotency_key": KEY.search(page).group(1),
        "csrfmiddlewaretoken": csrf_of(page),
    }


def submit(client: httpx.Client, base: str, draft: int, form: dict) -> bool:
    """POST Submit; True when the portal accepted it (redirect to "Nộp thành công")."""
    try:
        response = client.post(f"{base}/ho-so-dang-soan/{draft}/nop/", data=form)
    except httpx.HTTPError:
        return False
    return response.status_code == 302 and "/thanh-cong/" in response.headers["location"]
