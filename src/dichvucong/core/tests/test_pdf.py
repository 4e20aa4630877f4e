from datetime import datetime
from io import BytesIO

from pypdf import PdfReader

from dichvucong.core.pdf import new_pdf, official_header, paragraph, render, title_block


def test_pdf_text_keeps_every_vietnamese_letter():
    pdf = new_pdf(title="Giấy tiếp nhận")
    official_header(
        pdf,
        agency_name="Ủy ban nhân dân xã Hàm Thắng",
        number="12/TN",
        place="Hàm Thắng",
        when=datetime(2026, 11, 25),
    )
    title_block(pdf, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    paragraph(pdf, "Ông/bà Nguyễn Thị Đào nộp hồ sơ đăng ký khai sinh; ngày hẹn trả ữ ỹ ặ.")
    text = PdfReader(BytesIO(render(pdf))).pages[0].extract_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Nguyễn Thị Đào" in text
    assert "ngày 25 tháng 11 năm 2026" in text
    assert "ữ ỹ ặ" in text
