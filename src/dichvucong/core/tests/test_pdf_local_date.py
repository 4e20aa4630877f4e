"""Issue 17.2: a document's date line is the province's local day even when the caller passes
a UTC moment (05:51 on 02/12 in Hồ Chí Minh time is 22:51 on 01/12 in UTC)."""

import io
from datetime import UTC, datetime

from pypdf import PdfReader

from dichvucong.core.pdf import new_pdf, official_header, render


def test_official_header_dates_a_utc_moment_with_the_local_day():
    pdf = new_pdf(title="Thử")
    official_header(pdf, agency_name="UBND xã Thử", when=datetime(2026, 12, 1, 22, 51, tzinfo=UTC))
    text = PdfReader(io.BytesIO(render(pdf))).pages[0].extract_text()
    assert "ngày 02 tháng 12 năm 2026" in " ".join(text.split())
