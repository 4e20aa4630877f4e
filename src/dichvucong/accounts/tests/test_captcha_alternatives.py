"""The captcha can be refreshed, heard or answered as a question, within one rate limit."""

import pytest
from django.urls import reverse

from dichvucong.accounts import captcha, captcha_speech
from dichvucong.accounts.tests.helpers import citizen_details, start
from dichvucong.accounts.views import challenge

pytestmark = pytest.mark.django_db

DETAILS = reverse("accounts:register_details")
NEW = reverse("accounts:captcha_new")
needs_espeak = pytest.mark.skipif(not captcha_speech.available(), reason="espeak-ng missing")


def _on_details_page(client) -> str:
    start(client)
    return client.get(DETAILS).content.decode()


def test_refresh_without_javascript_draws_a_new_code_and_comes_back_to_the_form(client):
    html = _on_details_page(client)
    assert "Đổi mã khác" in html
    before = client.session["captcha_answer"]
    response = client.get(NEW, {"next": DETAILS})
    assert response.status_code == 302 and response["Location"] == DETAILS
    client.get(DETAILS)
    assert client.session["captcha_answer"] != before


def test_refresh_for_the_script_answers_json_and_the_old_code_is_spent(client):
    _on_details_page(client)
    before = client.session["captcha_answer"]
    response = client.get(NEW, headers={"accept": "application/json"})
    state = response.json()
    assert state["kind"] == captcha.IMAGE and state["image"] == reverse("accounts:captcha")
    assert response["Cache-Control"] == "no-store"
    after = client.session["captcha_answer"]
    assert after != before
    refused = client.post(DETAILS, citizen_details() | {"captcha": before})
    assert refused.status_code == 400


def test_a_refresh_never_sends_the_visitor_to_another_site(client):
    response = client.get(NEW, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("accounts:login")


def test_the_question_alternative_is_a_sum_in_words_that_registers(client):
    _on_details_page(client)
    client.get(NEW, {"kieu": captcha.QUESTION, "next": DETAILS})
    html = client.get(DETAILS).content.decode()
    terms = client.session[captcha.QUESTION_KEY]
    words = [str(captcha.NUMBER_WORDS[term]) for term in terms]
    assert f"{words[0].capitalize()} cộng {words[1]} bằng bao nhiêu?" in html
    assert "Mã xác thực (câu trả lời, viết bằng chữ số)" in html
    assert 'aria-describedby="captcha-question"' in html
    assert "Dùng mã trong hình" in html  # the way back to the image
    assert client.get(reverse("accounts:captcha")).status_code == 404  # the sum is not drawn
    response = client.post(DETAILS, citizen_details() | {"captcha": str(sum(terms))})
    assert response.status_code == 302


def test_a_wrong_sum_is_refused_and_a_new_question_asked(client):
    _on_details_page(client)
    client.get(NEW, {"kieu": captcha.QUESTION})
    wrong = str(int(client.session["captcha_answer"]) + 1)
    response = client.post(DETAILS, citizen_details() | {"captcha": wrong})
    html = response.content.decode()
    assert response.status_code == 400
    assert "vui lòng trả lời thử thách mới" in html
    assert client.session[captcha.QUESTION_KEY]  # a new question, still in words


@needs_espeak
def test_the_audio_alternative_speaks_digits_as_wav(client):
    html = _on_details_page(client)
    assert "Nghe mã bằng âm thanh" in html
    client.get(NEW, {"kieu": captcha.AUDIO})
    html = client.get(DETAILS).content.decode()
    assert "<audio" in html and "Mã xác thực (các chữ số nghe được)" in html
    answer = client.session["captcha_answer"]
    assert answer.isdigit() and len(answer) == captcha.LENGTH
    sound = client.get(reverse("accounts:captcha_audio"))
    assert sound["Content-Type"] == "audio/wav" and sound.content[:4] == b"RIFF"
    assert len(sound.content) > 20_000  # five spoken digits, not an empty file
    assert client.post(DETAILS, citizen_details() | {"captcha": answer}).status_code == 302


def test_no_audio_is_offered_or_served_without_a_speech_engine(client, monkeypatch):
    monkeypatch.setattr(captcha_speech, "available", lambda: False)
    html = _on_details_page(client)
    assert "Nghe mã bằng âm thanh" not in html
    assert "Trả lời câu hỏi thay cho hình" in html
    client.get(NEW, {"kieu": captcha.AUDIO})
    assert captcha.kind(client.session) == captcha.IMAGE
    assert client.get(reverse("accounts:captcha_audio")).status_code == 404


def test_the_audio_of_an_image_challenge_is_not_served(client):
    _on_details_page(client)
    assert client.get(reverse("accounts:captcha_audio")).status_code == 404


def test_images_sounds_and_refreshes_share_one_limit_per_address(client, monkeypatch):
    monkeypatch.setattr(challenge, "CHALLENGE_LIMIT", 3)
    _on_details_page(client)
    assert client.get(reverse("accounts:captcha")).status_code == 200
    assert client.get(NEW, headers={"accept": "application/json"}).status_code == 200
    assert client.get(reverse("accounts:captcha")).status_code == 200
    image = client.get(reverse("accounts:captcha"))
    assert image.status_code == 429 and "quá nhiều mã xác thực" in image.content.decode()
    assert client.get(NEW, headers={"accept": "application/json"}).status_code == 429
    link = client.get(NEW, {"next": DETAILS}, follow=True)
    assert "quá nhiều mã xác thực" in link.content.decode()
