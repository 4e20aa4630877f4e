"""Phone-photo-like pictures of papers, for the blur calibration (tests and bench/submission.py).

A page of Vietnamese text set in the bundled DejaVu fonts, slightly turned on a dark desk,
lit unevenly, optionally out of focus (a Gaussian blur of `blur` pixels at full size), then
sensor noise and JPEG compression like a phone camera's. Generated, never checked in.
"""

import io
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from dichvucong.core.pdf import FONT_DIR

WORDS = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam Độc lập Tự do Hạnh phúc giấy khai sinh họ và tên ngày "
    "tháng năm sinh nơi cư trú số định danh cá nhân quốc tịch dân tộc cha mẹ người đi khai"
)
DESK = (92, 74, 60)


def paper_photo(
    *,
    seed: int = 0,
    blur: float = 0.0,
    size: tuple[int, int] = (3000, 4000),
    lines: int = 60,
    noise: float = 6.0,
    quality: int = 90,
) -> bytes:
    """Return a JPEG photo (12 MP by default) of an A4 page with `lines` lines of text."""
    rng = random.Random(seed)
    width, height = size
    page_w, page_h = int(width * 0.86), int(height * 0.9)
    page = Image.new("RGB", (page_w, page_h), (240, 238, 230))
    draw = ImageDraw.Draw(page)
    px_per_mm = page_h / 297
    body = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), int(3.6 * px_per_mm))
    bold = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), int(4.4 * px_per_mm))
    margin = int(20 * px_per_mm)
    title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    draw.text((page_w // 2, margin), title, font=bold, fill=(20, 20, 25), anchor="mt")
    y = margin + int(12 * px_per_mm)
    for _ in range(lines):
        if y > page_h - margin:
            break
        text = " ".join(rng.choice(WORDS.split()) for _ in range(rng.randint(6, 14)))
        draw.text((margin, y), text, font=body, fill=(25, 25, 35))
        y += int(6.5 * px_per_mm)
    page = page.rotate(
        rng.uniform(-2, 2), expand=True, fillcolor=DESK, resample=Image.Resampling.BICUBIC
    )
    photo = Image.new("RGB", size, DESK)
    photo.paste(page, ((width - page.width) // 2, (height - page.height) // 2))
    light = Image.linear_gradient("L").resize(size).point(lambda v: 200 + v * 55 // 255)
    photo = ImageChops.multiply(photo, Image.merge("RGB", [light] * 3))
    if blur:
        photo = photo.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        grain = Image.effect_noise(size, noise)
        photo = ImageChops.add(photo, Image.merge("RGB", [grain] * 3), 1, -128)
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=quality)
    return out.getvalue()
