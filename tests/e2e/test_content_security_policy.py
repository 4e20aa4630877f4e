"""The portal's Content-Security-Policy in a real browser: the watcher sees what it refuses."""

import pytest

from tests.e2e import conftest

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_inline_script_under_the_portal_policy_is_refused_and_seen(live_server, page):
    from dichvucong.core.middleware import content_security_policy

    def fake(route):
        route.fulfill(
            status=200,
            content_type="text/html",
            headers={"Content-Security-Policy": content_security_policy(None)},
            body="<!doctype html><p id=p>tĩnh</p><script>document.title='chạy'</script>",
        )

    page.route(f"{live_server.url}/thu-csp/", fake)
    page.goto(f"{live_server.url}/thu-csp/")
    assert page.title() != "chạy"  # the inline script did not run
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in v for v in conftest.CSP_VIOLATIONS)
    conftest.CSP_VIOLATIONS.clear()  # expected here; every other journey must have none


def test_the_home_page_sends_the_policy_and_breaks_nothing(live_server, page):
    response = page.goto(live_server.url + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
