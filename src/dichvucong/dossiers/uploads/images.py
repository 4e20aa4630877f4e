"""Photos: refuse bombs and broken files, apply EXIF orientation, strip metadata, rate sharpness.

Memory: a decoded photo costs about 4 bytes a pixel (Pillow keeps RGB as 4 bytes). JPEGs are
scaled down by the decoder itself (`draft`), so a 12 MP photo is decoded at 3 MP. Other formats
(PNG, WebP, HEIC) decode in full: they are refused above UPLOAD_MAX_DECODED_PIXELS, and every
decode of a process takes its pixels from one budget (UPLOAD_DECODE_BUDGET_PIXELS), so eight
large photos arriving at once are decoded one or two at a time instead of all together.
"""

import io
import threading
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageFilter, ImageOps

from dichvucong.dossiers.uploads.errors import UploadRejected
from dichvucong.dossiers.uploads.sniff import JPEG, PNG, FileKind

# The page's long side is brought to this many pixels before the sharpness is measured: about
# 5 px/mm on an A4 page (297 mm) photographed edge to edge, so a score means the same for a
# 2 MP and a 48 MP photo (docs/RELIABILITY.md, "Blur calibration").
BLUR_SAMPLE_SIDE = 1500
# Share of pixels whose edge strength makes the score: text strokes, not the empty paper.
BLUR_EDGE_SHARE = 0.005
_LAPLACIAN = ImageFilter.Kernel((3, 3), (0, 1, 0, 1, -4, 1, 0, 1, 0), scale=1, offset=128)
# What the citizen is told about a photo flagged by is_blurry, on every upload path.
BLURRY_WARNING = gettext_lazy("Ảnh chưa rõ nét, vui lòng chụp lại")
# Modes converted before resizing (Pillow cannot resize or reduce them well, or at all).
_WITH_ALPHA = ("RGBA", "LA", "PA")


@dataclass
class ProcessedImage:
    """A re-encoded photo with no metadata, ready to store."""

    data: io.BytesIO
    kind: FileKind
    width: int
    height: int
    blur_score: float


@cache
def _register_heif() -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()


class _DecodeBudget:
    """Pixels that the photos being decoded in this process may hold at once."""

    def __init__(self) -> None:
        self.used = 0
        self.condition = threading.Condition()

    def acquire(self, pixels: int, capacity: int, wait: float) -> bool:
        deadline = time.monotonic() + wait
        with self.condition:
            while self.used and self.used + pixels > capacity:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.condition.wait(left)
            self.used += pixels
            return True

    def release(self, pixels: int) -> None:
        with self.condition:
            self.used -= pixels
            self.condition.notify_all()


_budget = _DecodeBudget()


def budget_pixels() -> int:
    """Return the decode budget of a process, in pixels."""
    return settings.UPLOAD_DECODE_BUDGET_PIXELS


@contextmanager
def decode_budget(pixels: int):
    """Hold `pixels` of the process's decode budget (wait for it, or refuse when busy)."""
    if not _budget.acquire(pixels, budget_pixels(), settings.UPLOAD_DECODE_WAIT_SECONDS):
        raise UploadRejected(
            _("Hệ thống đang xử lý nhiều ảnh lớn cùng lúc. Vui lòng thử lại sau ít phút.")
        )
    try:
        yield
    finally:
        _budget.release(pixels)


def _too_large() -> UploadRejected:
    return UploadRejected(
        _(
            "Ảnh có kích thước điểm ảnh quá lớn (tối đa %(mpx)s megapixel), hệ thống không "
            "nhận. Vui lòng chụp lại hoặc giảm kích thước ảnh."
        )
        % {"mpx": settings.UPLOAD_MAX_DECODED_PIXELS // 1_000_000}
    )


def _opened(fileobj, kind: FileKind) -> Image.Image:
    """Read the header, refusing bombs and too-small images (nothing is decoded yet)."""
    if kind.family == "heic":
        _register_heif()
    fileobj.seek(0)
    image = Image.open(fileobj)
    width, height = image.size
    # Checked here, not through Pillow's process-wide MAX_IMAGE_PIXELS: changing that global
    # per upload would change it for every other image this process opens.
    if width * height > settings.UPLOAD_MAX_IMAGE_PIXELS:
        raise _too_large()
    if min(width, height) < settings.UPLOAD_MIN_IMAGE_SIDE:
        raise UploadRejected(
            _(
                "Ảnh quá nhỏ (%(w)s×%(h)s điểm ảnh), không đọc rõ được giấy tờ. "
                "Vui lòng chụp lại với độ phân giải cao hơn."
            )
            % {"w": width, "h": height}
        )
    _draft(image, width, height)
    if image.width * image.height > settings.UPLOAD_MAX_DECODED_PIXELS:
        raise _too_large()
    return image


@contextmanager
def _decoded(fileobj, kind: FileKind):
    """Yield the decoded image, its pixels held from the process's decode budget."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = _opened(fileobj, kind)
            pixels = image.width * image.height
            # The decoded pixels and one working copy (turning upright, converting the mode);
            # palette, 1-bit and 16-bit images are converted once more.
            cost = pixels * (2 if image.mode in ("RGB", "RGBA", "L", "LA") else 3)
            with decode_budget(min(cost, budget_pixels())):
                image.load()
                yield image
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise _too_large() from exc
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise UploadRejected(
                _("Tệp ảnh bị hỏng hoặc chưa tải lên hết. Vui lòng chọn lại tệp.")
            ) from exc


def _draft(image: Image.Image, width: int, height: int) -> None:
    """Let the JPEG decoder scale down by a power of two when the photo is far bigger than kept.

    The decoder's own scaling is several times faster and lighter than decoding in full and
    resizing; the kept photo may end up to 10 % under UPLOAD_IMAGE_MAX_SIDE.
    """
    longest = max(width, height)
    floor = settings.UPLOAD_IMAGE_MAX_SIDE * 0.9
    scale = 1
    while scale < 8 and longest / (scale * 2) >= floor:
        scale *= 2
    if image.format == "JPEG" and scale > 1:
        image.draft(
            image.mode if image.mode in ("L", "CMYK") else "RGB", (width // scale, height // scale)
        )


def _workable(image: Image.Image) -> Image.Image:
    """Return the image in a mode Pillow resizes well: L, LA, RGB or RGBA."""
    if image.mode in ("L", "LA", "RGB", "RGBA"):
        return image
    if image.mode in ("P", "PA"):
        return image.convert(
            "RGBA" if "transparency" in image.info or image.mode == "PA" else "RGB"
        )
    if image.mode == "1":
        return image.convert("L")
    if image.mode.startswith("I"):  # 16/32-bit gray: scale to 8 bits instead of clipping
        wide = image if image.mode == "I" else image.convert("I")
        low, high = wide.getextrema()
        span = max(1, high - low)
        scale = 255 / span
        return wide.point(lambda v: v * scale - low * scale).convert("L")
    if image.mode == "F":
        low, high = image.getextrema()
        span = max(1e-9, high - low)
        scale = 255 / span
        return image.point(lambda v: v * scale - low * scale).convert("L")
    return image.convert("RGB")  # CMYK, YCbCr, LAB, HSV


def _on_white(image: Image.Image) -> Image.Image:
    """Return an L copy of the image with its transparent parts shown as white paper."""
    if image.mode in _WITH_ALPHA:
        white = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(white, image.convert("RGBA"))
    return image.convert("L")


def blur_score(image: Image.Image) -> float:
    """Return how sharp the strongest edges are at page scale (low = unclear).

    The image is brought to BLUR_SAMPLE_SIDE on its long side (never enlarged); the score is
    the Laplacian magnitude that the strongest BLUR_EDGE_SHARE of pixels reach (0–127): text
    strokes decide it, whatever the share of empty paper, and sensor noise, averaged out at
    this scale, stays well under it.
    """
    gray = _on_white(image)
    longest = max(gray.size)
    if longest > BLUR_SAMPLE_SIDE:
        ratio = BLUR_SAMPLE_SIDE / longest
        size = (max(1, round(gray.width * ratio)), max(1, round(gray.height * ratio)))
        gray = gray.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    counts = gray.filter(_LAPLACIAN).histogram()
    magnitudes = [0] * 128
    for value, count in enumerate(counts):
        magnitudes[min(127, abs(value - 128))] += count
    wanted, seen = sum(magnitudes) * BLUR_EDGE_SHARE, 0
    for magnitude in range(127, -1, -1):
        seen += magnitudes[magnitude]
        if seen >= wanted:
            return float(magnitude)
    return 0.0


def process_image(fileobj, kind: FileKind) -> ProcessedImage:
    """Decode, shrink, orient, re-encode without metadata and score the sharpness."""
    with _decoded(fileobj, kind) as decoded:
        exif = decoded.getexif()
        image = _workable(decoded)
        del decoded
        limit = settings.UPLOAD_IMAGE_MAX_SIDE
        if max(image.size) > limit:  # in place: the full-size pixels are freed here
            image.thumbnail((limit, limit), Image.Resampling.BILINEAR, reducing_gap=2.0)
        # Turned upright after shrinking, in place: the full-size photo is never copied for it.
        image.info = {"exif": exif.tobytes()} if exif else {}
        ImageOps.exif_transpose(image, in_place=True)
        has_alpha = image.mode in _WITH_ALPHA
        image.info = {}
        out = io.BytesIO()
        if has_alpha:
            image.save(out, "PNG", optimize=False, compress_level=3)
            out_kind = PNG
        else:
            image.save(out, "JPEG", quality=85)
            out_kind = JPEG
        score = blur_score(image)
    out.seek(0)
    return ProcessedImage(
        data=out, kind=out_kind, width=image.width, height=image.height, blur_score=score
    )


def is_blurry(score: float | None) -> bool:
    """Return whether a blur score is under the configured sharpness threshold."""
    return score is not None and score < settings.UPLOAD_BLUR_THRESHOLD
