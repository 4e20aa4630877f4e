"""A small valid catalog in the import format, for tests to copy and break."""

import copy

_CATALOG = {
    "format": "dichvucong-catalog",
    "version": 1,
    "fields": [
        {"code": "ho-tich", "name": "Hộ tịch", "order": 1},
        {"code": "chung-thuc", "name": "Chứng thực", "order": 2},
    ],
    "agencies": [
        {
            "code": "000.00.01.T01",
            "name": "Sở Tư pháp tỉnh Thử Nghiệm",
            "level": "province",
            "is_demo_code": True,
        },
        {
            "code": "000.11.00.T01",
            "name": "Ủy ban nhân dân phường Đông Hà",
            "level": "commune",
            "parent": "000.00.01.T01",
            "is_demo_code": True,
        },
    ],
    "forms": [
        {
            "code": "to-khai-khai-sinh",
            "title": "Tờ khai đăng ký khai sinh",
            "recipient": "Ủy ban nhân dân phường Đông Hà",
            "fields": ["Họ, chữ đệm, tên người được khai sinh", "Ngày, tháng, năm sinh"],
        },
    ],
    "procedures": [
        {
            "code": "1.001193",
            "name": "Thủ tục đăng ký khai sinh",
            "field": "ho-tich",
            "agencies": ["000.11.00.T01"],
            "online_level": "full",
            "channels": ["counter", "online", "post"],
            "processing_days": 1,
            "steps": "1. Nộp tờ khai.\n2. Nhận Giấy khai sinh.",
            "result": "Giấy khai sinh",
            "fee_text": "Miễn lệ phí.",
            "popularity": 100,
            "fees": [
                {"name": "Lệ phí đăng ký khai sinh", "amount": 0, "note": "Miễn lệ phí."},
                {"name": "Phí cấp bản sao", "amount": 8000},
            ],
            "required_documents": [
                {
                    "name": "Tờ khai đăng ký khai sinh theo mẫu",
                    "originals": 1,
                    "form_template": "to-khai-khai-sinh",
                },
                {"name": "Giấy chứng sinh", "originals": 1, "copies": 0},
            ],
        },
        {
            "code": "2.000815",
            "name": "Chứng thực bản sao từ bản chính",
            "field": "chung-thuc",
            "agencies": ["000.11.00.T01"],
            "online_level": "info",
            "channels": ["counter"],
            "processing_days": 0.5,
            "fees": [{"name": "Phí chứng thực", "amount": 2000, "note": "2.000 đồng/trang"}],
        },
    ],
}


def catalog() -> dict:
    """Return a fresh deep copy of the sample catalog."""
    return copy.deepcopy(_CATALOG)
