"""Synthetic but realistic Vietnamese procedure catalogs for benchmarks (seeded, repeatable)."""

import random
from collections.abc import Iterator

FIELDS = {
    "ho-tich": (
        "Hộ tịch",
        [
            "khai sinh",
            "kết hôn",
            "khai tử",
            "nhận cha, mẹ, con",
            "giám hộ",
            "thay đổi, cải chính, bổ sung thông tin hộ tịch",
            "xác nhận tình trạng hôn nhân",
            "trích lục hộ tịch",
        ],
    ),
    "chung-thuc": (
        "Chứng thực",
        [
            "bản sao từ bản chính",
            "chữ ký trong giấy tờ, văn bản",
            "hợp đồng, giao dịch liên quan đến tài sản",
            "việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch",
        ],
    ),
    "dat-dai": (
        "Đất đai",
        [
            "giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
            "biến động đất đai",
            "chuyển mục đích sử dụng đất",
            "tách thửa hoặc hợp thửa đất",
            "giao đất, cho thuê đất",
        ],
    ),
    "xay-dung": (
        "Xây dựng",
        [
            "giấy phép xây dựng mới đối với nhà ở riêng lẻ",
            "giấy phép sửa chữa, cải tạo công trình",
            "chứng chỉ hành nghề hoạt động xây dựng",
            "thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở",
        ],
    ),
    "giao-thong": (
        "Giao thông vận tải",
        [
            "giấy phép lái xe",
            "đăng ký xe máy chuyên dùng",
            "giấy phép kinh doanh vận tải bằng xe ô tô",
            "phù hiệu xe ô tô kinh doanh vận tải",
        ],
    ),
    "ly-lich-tu-phap": (
        "Lý lịch tư pháp",
        ["phiếu lý lịch tư pháp số 1", "phiếu lý lịch tư pháp số 2"],
    ),
    "ho-kinh-doanh": (
        "Hộ kinh doanh",
        [
            "giấy chứng nhận đăng ký hộ kinh doanh",
            "tạm ngừng kinh doanh hộ kinh doanh",
            "chấm dứt hoạt động hộ kinh doanh",
        ],
    ),
    "lao-dong": (
        "Lao động",
        [
            "giấy phép lao động cho người nước ngoài",
            "trợ cấp thất nghiệp",
            "nội quy lao động của doanh nghiệp",
        ],
    ),
    "giao-duc": (
        "Giáo dục và đào tạo",
        [
            "thành lập trường mầm non",
            "văn bằng, chứng chỉ",
            "chuyển trường đối với học sinh trung học cơ sở",
        ],
    ),
    "y-te": (
        "Y tế",
        [
            "chứng chỉ hành nghề khám bệnh, chữa bệnh",
            "giấy phép hoạt động phòng khám đa khoa",
            "giấy chứng nhận đủ điều kiện kinh doanh dược",
        ],
    ),
    "van-hoa": (
        "Văn hóa",
        [
            "tổ chức lễ hội truyền thống",
            "danh hiệu gia đình văn hóa",
            "tổ chức biểu diễn nghệ thuật",
        ],
    ),
    "nong-nghiep": (
        "Nông nghiệp",
        [
            "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm nông lâm thủy sản",
            "kiểm dịch động vật vận chuyển ra khỏi tỉnh",
            "giấy phép khai thác thủy sản",
        ],
    ),
}
ACTIONS = [
    "Đăng ký",
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Gia hạn",
    "Điều chỉnh",
    "Thu hồi",
    "Xác nhận",
    "Thẩm định",
    "Phê duyệt",
    "Công nhận",
    "Đăng ký thay đổi",
    "Cấp bản sao",
    "Thông báo",
    "Giải quyết",
    "Chấp thuận",
    "Đính chính",
]
QUALIFIERS = [
    "",
    "",
    "",
    "",
    "có yếu tố nước ngoài",
    "cho người nước ngoài",
    "trường hợp bị mất, hư hỏng",
    "lưu động",
    "tại Ủy ban nhân dân cấp xã",
    "cấp tỉnh",
    "đối với doanh nghiệp",
    "cho cá nhân",
    "liên thông",
    "khi thay đổi thông tin",
    "theo yêu cầu của tổ chức",
]
SENTENCES = [
    "Cá nhân, tổ chức chuẩn bị đầy đủ hồ sơ theo quy định.",
    "Nộp hồ sơ trực tiếp tại Bộ phận Một cửa hoặc trực tuyến trên Cổng Dịch vụ công.",
    "Công chức tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ.",
    "Trường hợp hồ sơ chưa đầy đủ thì hướng dẫn người nộp bổ sung, hoàn thiện một lần.",
    "Cơ quan có thẩm quyền xem xét, giải quyết và trả kết quả theo giấy hẹn.",
    "Người yêu cầu xuất trình bản chính giấy tờ tùy thân có ảnh để đối chiếu.",
    "Trong thời hạn quy định, cơ quan giải quyết có văn bản trả lời nếu từ chối.",
    "Kết quả được trả trực tiếp hoặc qua dịch vụ bưu chính công ích.",
    "Phí, lệ phí nộp trực tiếp hoặc thanh toán trực tuyến qua Cổng Dịch vụ công quốc gia.",
    "Căn cứ Nghị định số 63/2010/NĐ-CP về kiểm soát thủ tục hành chính.",
    "Căn cứ Nghị định số 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông.",
    "Đối tượng là công dân Việt Nam cư trú trên địa bàn tỉnh.",
    "Hồ sơ gồm tờ khai theo mẫu và các giấy tờ chứng minh có liên quan.",
]


def field_rows() -> list[tuple[str, str]]:
    """Return (code, name) of the synthetic fields."""
    return [(code, name) for code, (name, _) in FIELDS.items()]


def agency_rows(count: int = 120) -> list[tuple[str, str]]:
    """Return (ID code, name) of synthetic agencies: departments and communes."""
    rows = [(f"000.00.{n:02d}.B99", f"Sở ngành thử nghiệm số {n}") for n in range(1, 21)]
    rows += [
        (f"000.{n:02d}.30.B99", f"Ủy ban nhân dân xã Thử Nghiệm {n}") for n in range(1, count - 19)
    ]
    return rows


def _text(rng: random.Random, sentences: int) -> str:
    return "\n".join(rng.choice(SENTENCES) for _ in range(sentences))


def procedures(count: int, *, seed: int = 2026) -> Iterator[dict]:
    """Yield procedure values: code, name, field code, texts, popularity, online level."""
    rng = random.Random(seed)
    field_codes = list(FIELDS)
    for n in range(1, count + 1):
        field = rng.choice(field_codes)
        name = " ".join(
            part
            for part in (rng.choice(ACTIONS), rng.choice(FIELDS[field][1]), rng.choice(QUALIFIERS))
            if part
        )
        online = rng.random()
        yield {
            "code": f"{rng.choice((1, 2, 3))}.{n:06d}",
            "name": name,
            "field": field,
            "steps": _text(rng, 5),
            "method": _text(rng, 2),
            "conditions": _text(rng, 2),
            "applicants": _text(rng, 1),
            "result": _text(rng, 1),
            "legal_basis": _text(rng, 2),
            "popularity": int(rng.paretovariate(1.2) * 10),
            "online_level": "full" if online < 0.4 else ("partial" if online < 0.8 else "info"),
            "accepts_online": online < 0.8,
            "accepts_post": rng.random() < 0.5,
        }
