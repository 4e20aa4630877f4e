"""An enabled national sign-in provider without its settings refuses to start."""

from dichvucong.interop.checks import check_sso_providers, check_sso_providers_deploy


def _ids(messages):
    return [m.id for m in messages]


def test_an_enabled_provider_without_its_secret_refuses_to_start(settings):
    settings.OIDC_PROVIDERS = ["vneid"]
    settings.OIDC_VNEID_ISSUER = "https://sso.example.gov.vn"
    settings.OIDC_VNEID_CLIENT_ID = "portal"
    settings.OIDC_VNEID_CLIENT_SECRET = ""
    messages = check_sso_providers()
    assert _ids(messages) == ["interop.E001"]
    assert "OIDC_VNEID_CLIENT_SECRET is empty" in messages[0].msg


def test_a_configured_provider_passes_and_http_is_warned_at_deploy(settings):
    settings.OIDC_PROVIDERS = ["dvcqg"]
    settings.OIDC_DVCQG_ISSUER = "http://xacthuc.example"
    settings.OIDC_DVCQG_CLIENT_ID = "portal"
    settings.OIDC_DVCQG_CLIENT_SECRET = "s3cret"
    assert check_sso_providers() == []
    assert _ids(check_sso_providers_deploy()) == ["interop.W001"]


def test_unknown_provider_and_demo_outside_demo_mode_are_refused(settings):
    settings.DEMO_MODE = False
    settings.OIDC_PROVIDERS = ["nope", "demo"]
    assert _ids(check_sso_providers()) == ["interop.E002", "interop.E003"]
