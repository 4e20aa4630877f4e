"""A captcha made by the server, its answer kept in the session, in one of three kinds.

- `IMAGE` (the default): random characters drawn in a PNG;
- `AUDIO`: random digits spoken in a WAV (`captcha_speech`, espeak-ng; offered only where the
  machine has it);
- `QUESTION`: a sum of two numbers written in words, for a screen reader or a text browser on
  any machine (plain Python, no speech engine).

The kind a visitor chose stays in the session, so every new challenge (a refresh, a wrong
answer) is of that kind. The two alternatives are weaker against bots than the image; they
are rate limited with it (`views.common`) and the login's own limits still apply.
"""

import io
import secrets
from pathlib import Path

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from dichvucong.accounts import captcha_speech

SESSION_KEY = "captcha_answer"
KIND_KEY = "captcha_kind"
QUESTION_KEY = "captcha_question"
IMAGE, AUDIO, QUESTION = "hinh", "nghe", "cau-hoi"
KINDS = (IMAGE, AUDIO, QUESTION)
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I look-alikes
LENGTH = 5
FONT = Path(__file__).resolve().parent.parent / "core" / "fonts" / "DejaVuSans-Bold.ttf"
NUMBER_WORDS = (
    pgettext_lazy("số đếm", "không"),
    pgettext_lazy("số đếm", "một"),
    pgettext_lazy("số đếm", "hai"),
    pgettext_lazy("số đếm", "ba"),
    pgettext_lazy("số đếm", "bốn"),
    pgettext_lazy("số đếm", "năm"),
    pgettext_lazy("số đếm", "sáu"),
    pgettext_lazy("số đếm", "bảy"),
    pgettext_lazy("số đếm", "tám"),
    pgettext_lazy("số đếm", "chín"),
)
LABELS = {
    IMAGE: gettext_lazy("Mã xác thực (chữ trong hình)"),
    AUDIO: gettext_lazy("Mã xác thực (các chữ số nghe được)"),
    QUESTION: gettext_lazy("Mã xác thực (câu trả lời, viết bằng chữ số)"),
}


def kind(session) -> str:
    """Return the kind of challenge the session asks for (the image unless one was chosen)."""
    chosen = session.get(KIND_KEY, IMAGE)
    if chosen == AUDIO and not captcha_speech.available():
        return IMAGE
    return chosen if chosen in KINDS else IMAGE


def new_challenge(session, *, choose: str | None = None) -> str:
    """Make a new challenge of the session's kind (or switch to `choose`); keep its answer."""
    if choose in KINDS:
        session[KIND_KEY] = choose
    current = kind(session)
    session.pop(QUESTION_KEY, None)
    if current == QUESTION:
        terms = [1 + secrets.randbelow(9), 1 + secrets.randbelow(9)]
        session[QUESTION_KEY] = terms
        answer = str(sum(terms))
    elif current == AUDIO:
        answer = "".join(secrets.choice("0123456789") for _ in range(LENGTH))
    else:
        answer = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    session[SESSION_KEY] = answer
    return answer


def question(session) -> str:
    """Return the pending question in words ("" when the challenge is not a question)."""
    terms = session.get(QUESTION_KEY)
    if not terms:
        return ""
    first, second = (str(NUMBER_WORDS[term]) for term in terms)
    text = gettext("%(first)s cộng %(second)s bằng bao nhiêu?")
    return capfirst(text % {"first": first, "second": second})


def page_state(session) -> dict:
    """What a page shows of the pending challenge: its kind, label, question and addresses."""
    current = kind(session)
    return {
        "kind": current,
        "label": str(LABELS[current]),
        "question": question(session),
        "image": reverse("accounts:captcha"),
        "audio": reverse("accounts:captcha_audio"),
        "new_url": reverse("accounts:captcha_new"),
        "stamp": secrets.token_hex(4),  # a fresh address, so no cache replays an old one
    }


def spoken_words(answer: str) -> str:
    """Return the digits as words, the way the audio reads them."""
    return ", ".join(str(NUMBER_WORDS[int(digit)]) for digit in answer if digit.isdigit())


def check_answer(session, value: str) -> bool:
    """Compare case-insensitively and spend the challenge whatever the outcome (one use)."""
    expected = session.pop(SESSION_KEY, None)
    return bool(expected) and (value or "").strip().upper() == expected


def render_png(answer: str) -> bytes:
    """Draw the characters, jittered, over noise lines; return PNG bytes."""
    rng = secrets.SystemRandom()
    width, height = 170, 56
    image = Image.new("RGB", (width, height), (242, 246, 250))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        draw.line(
            [(rng.randint(0, width), rng.randint(0, height)) for _ in range(2)],
            fill=(rng.randint(90, 180),) * 3,
            width=1,
        )
    font = ImageFont.truetype(str(FONT), 30)
    for i, char in enumerate(answer):
        glyph = Image.new("RGBA", (36, 44), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text(
            (4, 2), char, font=font, fill=(rng.randint(10, 90), 40, rng.randint(60, 140))
        )
        glyph = glyph.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC)
        image.paste(glyph, (8 + i * 31 + rng.randint(-3, 3), rng.randint(2, 10)), glyph)
    for _ in range(120):
        draw.point((rng.randint(0, width - 1), rng.randint(0, height - 1)), fill=(120, 120, 120))
    buffer = io.BytesIO()
    image.filter(ImageFilter.SMOOTH).save(buffer, format="PNG")
    return buffer.getvalue()
