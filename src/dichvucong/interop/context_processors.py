"""The national sign-in buttons the login page shows (the enabled providers, in order)."""

from dichvucong.interop.sso import enabled_sso_providers


def sign_in_providers(request):
    return {"sign_in_providers": [(p.id, p.label) for p in enabled_sso_providers()]}
