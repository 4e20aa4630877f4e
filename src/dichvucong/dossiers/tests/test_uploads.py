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
