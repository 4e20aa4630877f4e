"""A captcha drawn by the server: random characters in an image, answer kept in the session."""

import io
import secrets
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SESSION_KEY = "captcha_answer"
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I look-alikes
LENGTH = 5
FONT = Path(__file__).resolve().parent.parent / "core" / "fonts" / "DejaVuSans-Bold.ttf"


def new_challenge(session) -> str:
    """Draw new characters, keep them in the session, and return them."""
    answer = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    session[SESSION_KEY] = answer
    return answer


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
