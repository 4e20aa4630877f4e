"""`{% captcha_challenge %}`: the pending captcha with its refresh and its alternatives."""

from django import template
from django.utils.http import urlencode

from dichvucong.accounts import captcha, captcha_speech

register = template.Library()


@register.inclusion_tag("accounts/_captcha.html", takes_context=True)
def captcha_challenge(context) -> dict:
    """Draw the session's challenge; every link comes back to this page (no JavaScript)."""
    request = context["request"]
    view = captcha.page_state(request.session)
    new_url = view["new_url"]
    back = request.get_full_path()

    def link(kind: str | None = None) -> str:
        params = {"next": back} if kind is None else {"kieu": kind, "next": back}
        return f"{new_url}?{urlencode(params)}"

    others = [
        (kind, link(kind))
        for kind in captcha.KINDS
        if kind != view["kind"] and (kind != captcha.AUDIO or captcha_speech.available())
    ]
    return {**view, "refresh_url": link(), "others": others}
