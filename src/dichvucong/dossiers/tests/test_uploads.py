import io
import zipfile

import pytest
from PIL import Image

from dichvucong.dossiers.tests.helpers import document_photo, small_pdf
from dichvucong.dossiers.uploads import UploadRejected, check_upload


def _check(name: str, data: bytes):
    return check_upload(io.BytesIO(data), name=name, size=len(data))


def _refused(name: str, data: bytes) -> str:
    with pytest.raises(UploadRejected) as caught:
        _check(name, data)
    return caught.value.message


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (500, 500), "white").save(out, "PNG")
    return out.getvalue()


def test_png_named_pdf_is_refused_because_the_name_lies():
    assert "không khớp với nội dung thật" in _refused("giay-to.pdf", _png())


def test_pdf_named_jpg_is_refused_because_the_name_lies():
    assert "không khớp với nội dung thật" in _refused("anh.jpg", small_pdf())


@pytest.mark.parametrize(
    "name,data",
    [
        ("trang.html", b"<!doctype html><html><script>alert(1)</script></html>"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
        ("anh.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>"),
    ],
)
def test_html_and_svg_are_refused(name, data):
    assert "Định dạng tệp không được chấp nhận" in _refused(name, data)


def test_zip_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "xin chào")
    assert "Định dạng tệp không được chấp nhận" in _refused("hoso.zip", out.getvalue())


def test_empty_file_is_refused():
    assert "Tệp rỗng" in _refused("anh.jpg", b"")


def test_file_over_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_FILE_BYTES = 1000
    assert "vượt quá dung lượng" in _refused("anh.jpg", document_photo())


def test_truncated_jpeg_is_refused():
    data = document_photo()
    assert "bị hỏng hoặc chưa tải lên hết" in _refused("anh.jpg", data[: len(data) // 2])


def test_decompression_bomb_is_refused(settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1_000_000
    out = io.BytesIO()
    Image.new("L", (2000, 2000), 255).save(out, "PNG")  # 4 MP, small on disk
    assert "quá lớn" in _refused("bom.png", out.getvalue())
    # The portal's limit is its own: Pillow's process-wide one is left alone for other images.
    Image.open(io.BytesIO(document_photo(size=(2400, 1800)))).load()


def test_too_small_image_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (120, 90), "white").save(out, "JPEG")
    assert "Ảnh quá nhỏ" in _refused("nho.jpg", out.getvalue())


def test_encrypted_pdf_is_refused():
    assert "mật khẩu" in _refused("ban-sao.pdf", small_pdf(password="bimat"))


def test_corrupt_pdf_is_refused():
    assert "Tệp PDF bị hỏng" in _refused("hong.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50)


def test_readable_pdf_is_kept_as_is_with_its_page_count():
    data = small_pdf()
    checked = _check("ban-sao.pdf", data)
    assert checked.page_count == 1
    assert checked.data.read() == data


def test_exif_orientation_is_applied_and_all_metadata_incl_gps_is_stripped():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    exif[0x010F] = "Điện thoại X"
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0)}  # GPS IFD
    data = document_photo(size=(1200, 900), exif=exif)
    assert b"Exif" in data
    checked = _check("IMG_0001.JPG", data)
    stored = checked.data.getvalue()
    image = Image.open(io.BytesIO(stored))
    assert image.size == (900, 1200)  # turned upright
    assert not image.getexif()
    assert b"Exif" not in stored
    assert "exif" not in image.info


def test_a_blurred_photo_is_flagged_and_a_sharp_one_is_not():
    assert not _check("net.jpg", document_photo()).is_blurry
    assert _check("mo.jpg", document_photo(blurred=True)).is_blurry


def test_png_webp_and_heic_photos_are_accepted():
    assert _check("a.png", document_photo(fmt="PNG")).kind.family in ("jpeg", "png")
    assert _check("a.webp", document_photo(fmt="WEBP")).kind.family == "jpeg"
    from pillow_heif import register_heif_opener

    register_heif_opener()
    checked = _check("IMG_1.HEIC", document_photo(fmt="HEIF"))
    assert checked.kind.family == "jpeg"


def _text_page(mode: str, size=(2400, 1800)) -> Image.Image:
    """A sharp 'paper' (black text bars on white) in the given Pillow mode."""
    page = Image.open(io.BytesIO(document_photo(size=size))).convert("L")
    if mode == "I;16":
        # A 16-bit scan uses the middle of the range: clipped to 8 bits it would be all white.
        return page.point(lambda v: v * 150 + 5000, "I").convert("I;16")
    if mode == "1":
        return page.convert("1", dither=Image.Dither.NONE)
    if mode in ("P", "PA"):
        palette = page.convert("P")
        palette.info["transparency"] = 255  # white is transparent
        return palette
    return page.convert(mode)


def _encoded(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(
    "mode,fmt",
    [
        ("P", "PNG"),  # palette with transparency, ≥ 2000 px: reduce() refused mode P
        ("LA", "PNG"),
        ("RGBA", "PNG"),
        ("CMYK", "JPEG"),
        ("I;16", "PNG"),  # 16-bit grayscale
        ("1", "PNG"),  # 1-bit scan
        ("L", "WEBP"),
    ],
)
def test_every_image_mode_decodes_and_scores_as_a_sharp_page(mode, fmt):
    checked = _check(
        "trang.png" if fmt == "PNG" else "trang.jpg" if fmt == "JPEG" else "t.webp",
        _encoded(_text_page(mode), fmt),
    )
    assert checked.blur_score is not None
    assert not checked.is_blurry
    stored = Image.open(checked.data)
    assert stored.getextrema() != ((255, 255),) and stored.getextrema()[0] != (255, 255)


def test_a_png_of_49_megapixels_is_refused_before_it_is_decoded():
    data = _encoded(Image.new("P", (7000, 7000), 0), "PNG")  # about 160 KB on disk
    assert len(data) < 300_000
    message = _refused("anh.png", data)
    assert "quá lớn" in message and "megapixel" in message


def test_a_49_megapixel_jpeg_is_reduced_while_decoding_and_kept():
    data = _encoded(Image.new("RGB", (7000, 7000), "white"), "JPEG")
    checked = _check("anh.jpg", data)
    assert max(checked.width, checked.height) <= 2048


def test_a_large_photo_waits_for_the_decode_budget_and_is_refused_when_it_stays_busy(settings):
    from dichvucong.dossiers.uploads import images

    settings.UPLOAD_DECODE_WAIT_SECONDS = 0.1
    with images.decode_budget(images.budget_pixels()):
        message = _refused("anh.jpg", document_photo())
    assert "đang xử lý nhiều ảnh" in message
    assert not _check("anh.jpg", document_photo()).is_blurry  # released afterwards


PHONE_SET = [
    # (seed, text lines, noise, blur radius at 12 MP)
    (0, 60, 6, 0),
    (1, 12, 14, 0),
    (2, 60, 14, 4),
    (3, 12, 6, 4),
]


@pytest.mark.parametrize("seed,lines,noise,blur", PHONE_SET)
def test_blur_is_scored_at_page_scale_on_12_megapixel_phone_photos(seed, lines, noise, blur):
    from dichvucong.dossiers.tests.photos import paper_photo

    data = paper_photo(seed=seed, lines=lines, noise=noise, blur=blur)
    assert _check("IMG_2001.jpg", data).is_blurry is bool(blur)


@pytest.mark.parametrize(
    "feature,words",
    [
        ("javascript", "mã lệnh"),
        ("open-action-js", "mã lệnh"),
        ("launch", "mã lệnh"),
        ("link-launch", "mã lệnh"),
        ("embedded-file", "tệp đính kèm bên trong"),
        ("acroform", "biểu mẫu điền được"),
        ("xfa", "biểu mẫu điền được"),
    ],
)
def test_pdfs_with_scripts_launch_actions_embedded_files_or_forms_are_refused(feature, words):
    from dichvucong.dossiers.tests.helpers import active_pdf

    message = _refused("ban-sao.pdf", active_pdf(feature))
    assert words in message and "in ra PDF" in message


def test_a_pdf_with_an_ordinary_link_is_kept():
    from dichvucong.dossiers.tests.helpers import active_pdf

    assert _check("ban-sao.pdf", active_pdf("none")).page_count == 1
