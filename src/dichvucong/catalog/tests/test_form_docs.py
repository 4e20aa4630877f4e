from io import BytesIO

from docx import Document

from dichvucong.catalog.form_docs import build_form_docx, spec_digest

SPEC = {
    "code": "to-khai-ket-hon",
    "title": "Tờ khai đăng ký kết hôn",
    "form_number": "Mẫu số 01",
    "recipient": "Ủy ban nhân dân phường Mũi Né",
    "fields": ["Họ, chữ đệm, tên bên nữ", "Ngày, tháng, năm sinh bên nam"],
}


def _text(spec) -> str:
    document = Document(BytesIO(build_form_docx(spec)))
    return "\n".join(p.text for p in document.paragraphs)


def test_generated_form_opens_and_keeps_every_vietnamese_letter():
    text = _text(SPEC)

    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "TỜ KHAI ĐĂNG KÝ KẾT HÔN" in text
    assert "Kính gửi: Ủy ban nhân dân phường Mũi Né" in text
    assert "Họ, chữ đệm, tên bên nữ: ....." in text
    assert "Ngày, tháng, năm sinh bên nam: ....." in text
    assert "Tôi cam đoan những nội dung khai trên đây là đúng sự thật" in text
    assert "NGƯỜI YÊU CẦU" in text and "Mẫu số 01" in text


def test_generated_form_carries_its_title_in_the_document_properties():
    document = Document(BytesIO(build_form_docx(SPEC)))

    assert document.core_properties.title == "Tờ khai đăng ký kết hôn"


def test_spec_digest_changes_only_when_the_spec_does():
    same = dict(reversed(list(SPEC.items())))
    changed = SPEC | {"fields": [*SPEC["fields"], "Nơi cư trú"]}

    assert spec_digest(SPEC) == spec_digest(same)
    assert spec_digest(SPEC) != spec_digest(changed)
