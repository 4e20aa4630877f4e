from concurrent.futures import ThreadPoolExecutor
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


def test_documents_made_together_each_embed_only_the_faces_they_use():
    def make(n: int) -> bytes:
        pdf = new_pdf(title=f"Biên lai {n}")
        paragraph(pdf, f"Hồ sơ số {n}: Trần Văn Ẩn", bold=n % 2 == 0)
        return render(pdf)

    with ThreadPoolExecutor(max_workers=4) as pool:
        documents = list(pool.map(make, range(8)))

    for n, data in enumerate(documents):
        page = PdfReader(BytesIO(data)).pages[0]
        assert f"Hồ sơ số {n}: Trần Văn Ẩn" in page.extract_text()
        faces = {
            str(font["/BaseFont"]).split("+")[-1] for font in page["/Resources"]["/Font"].values()
        }
        assert faces == ({"DejaVuSansBold"} if n % 2 == 0 else {"DejaVuSansBook"})
        # Regular (the default) and, in the bold ones, bold: never the unused italic.
        assert data.count(b"/FontFile2") == (2 if n % 2 == 0 else 1)
