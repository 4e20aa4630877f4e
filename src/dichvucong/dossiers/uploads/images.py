"""Photos: refuse bombs and broken files, apply EXIF orientation, strip metadata, rate sharpness."""

import io
import warnings
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageFilter, ImageOps, ImageStat

from dichvucong.dossiers.uploads.errors import UploadRejected
from dichvucong.dossiers.uploads.sniff import JPEG, PNG, FileKind

BLUR_SAMPLE_SIDE = 1000
_LAPLACIAN = ImageFilter.Kernel((3, 3), (0, 1, 0, 1, -4, 1, 0, 1, 0), scale=1, offset=128)


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


def _open(fileobj, kind: FileKind) -> Image.Image:
    """Open and decode the image, refusing bombs, broken and too-small images."""
    if kind.family == "heic":
        _register_heif()
    Image.MAX_IMAGE_PIXELS = settings.UPLOAD_MAX_IMAGE_PIXELS
    fileobj.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(fileobj)
            width, height = image.size
            if min(width, height) < settings.UPLOAD_MIN_IMAGE_SIDE:
                raise UploadRejected(
                    _(
                        "Ảnh quá nhỏ (%(w)s×%(h)s điểm ảnh), không đọc rõ được giấy tờ. "
                        "Vui lòng chụp lại với độ phân giải cao hơn."
                    )
                    % {"w": width, "h": height}
                )
            _draft(image, width, height)
            image.load()
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise UploadRejected(
                _(
                    "Ảnh có kích thước điểm ảnh quá lớn, hệ thống không nhận. "
                    "Vui lòng chụp lại hoặc giảm kích thước ảnh."
                )
            ) from exc
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise UploadRejected(
                _("Tệp ảnh bị hỏng hoặc chưa tải lên hết. Vui lòng chọn lại tệp.")
            ) from exc
    return image


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
        image.draft("RGB", (width // scale, height // scale))


def blur_score(image: Image.Image) -> float:
    """Return the variance of the Laplacian of a reduced grayscale copy (low = unclear)."""
    factor = max(1, max(image.size) // BLUR_SAMPLE_SIDE)
    sample = image.reduce(factor) if factor > 1 else image
    gray = sample.convert("L")
    return round(ImageStat.Stat(gray.filter(_LAPLACIAN)).var[0], 2)


def process_image(fileobj, kind: FileKind) -> ProcessedImage:
    """Decode, orient, shrink, re-encode without metadata and score the sharpness."""
    image = _open(fileobj, kind)
    image = ImageOps.exif_transpose(image)
    limit = settings.UPLOAD_IMAGE_MAX_SIDE
    if max(image.size) > limit:
        image.thumbnail((limit, limit), Image.Resampling.BILINEAR, reducing_gap=2.0)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image.info = {}
    out = io.BytesIO()
    if has_alpha:
        image.save(out, "PNG", optimize=False, compress_level=3)
        out_kind = PNG
    else:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
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
