"""In Chromium: the captcha refreshes in place and has its alternatives; form errors are
summarised at the top, announced, focused and linked to their fields."""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from dichvucong.accounts import captcha_speech
from tests.e2e.a11y import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _session(page) -> dict:
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    return Session.objects.get(session_key=cookie["value"]).get_decoded()


def _to_details(page, live_server) -> None:
    page.goto(f"{live_server.url}/dang-ky/")
    page.get_by_label("Công dân").check()
    page.get_by_label("Thuê bao di động").check()
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", name="Thông tin đăng ký")).to_be_visible()


def test_refresh_in_place_then_a_question_and_an_error_summary(phone_page, live_server):
    page = phone_page
    _to_details(page, live_server)
    assert_accessible(page, "captcha-image")
    image = page.locator("[data-captcha-image]")
    first_src, first_answer = image.get_attribute("src"), _session(page)["captcha_answer"]
    page.evaluate("window.notReloaded = true")
    page.get_by_role("link", name="Đổi mã khác").click()
    done = page.get_by_role("status").filter(has_text="Đã đổi sang mã xác thực mới.")
    expect(done).to_be_attached()
    assert image.get_attribute("src") != first_src
    assert page.evaluate("window.notReloaded === true")  # no page load
    assert _session(page)["captcha_answer"] != first_answer
    expect(page.get_by_label("Mã xác thực")).to_be_focused()

    page.get_by_role("link", name="Trả lời câu hỏi thay cho hình").click()
    question = page.locator("#captcha-question")
    expect(question).to_have_text(re.compile(r"^\S+ cộng \S+ bằng bao nhiêu\?$"))
    expect(page.get_by_label("Mã xác thực (câu trả lời, viết bằng chữ số)")).to_have_attribute(
        "aria-describedby", "captcha-question"
    )
    assert_accessible(page, "captcha-question")
    wrong = str(int(_session(page)["captcha_answer"]) + 1)
    page.get_by_label("Mã xác thực").fill(wrong)
    page.get_by_role("button", name="Đăng ký").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Vui lòng sửa các mục được đánh dấu bên dưới.")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(5)  # four empty fields and the sum
    summary.get_by_role("link", name=re.compile("^Họ và tên")).click()
    name = page.get_by_label("Họ và tên")
    expect(name).to_be_focused()
    expect(name).to_have_attribute("aria-invalid", "true")
    described = name.get_attribute("aria-describedby")
    expect(page.locator(f"#{described}")).to_have_text("Vui lòng nhập thông tin này.")
    expect(page.locator("#captcha-question")).to_be_visible()  # a new question, same kind
    assert_accessible(page, "form-errors")


@pytest.mark.skipif(not captcha_speech.available(), reason="espeak-ng missing")
def test_the_audio_captcha_plays_in_the_page(page, live_server):
    _to_details(page, live_server)
    page.get_by_role("link", name="Nghe mã bằng âm thanh").click()
    audio = page.locator("audio[data-captcha-audio]")
    expect(audio).to_be_visible()
    response = page.request.get(live_server.url + audio.get_attribute("src"))
    assert response.ok and response.headers["content-type"] == "audio/wav"
    assert response.body()[:4] == b"RIFF"
    assert_accessible(page, "captcha-audio")


def test_without_javascript_the_refresh_is_a_link_back_to_the_form(browser, live_server):
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    try:
        _to_details(page, live_server)
        before = _session(page)["captcha_answer"]
        page.get_by_role("link", name="Đổi mã khác").click()
        page.wait_for_url(re.compile(r"/dang-ky/thong-tin/$"))
        assert _session(page)["captcha_answer"] != before
    finally:
        context.close()
