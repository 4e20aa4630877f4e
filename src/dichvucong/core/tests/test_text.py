from dichvucong.core.text import fold, search_text, search_tokens


def test_fold_removes_tone_marks_and_maps_d():
    assert fold("Đăng ký khai sinh") == "Dang ky khai sinh"
    assert fold("ĐĂNG KÝ KẾT HÔN đủ") == "DANG KY KET HON du"


def test_fold_handles_decomposed_input():
    decomposed = "Đăng ký".replace("ă", "a\u0306")
    assert fold(decomposed) == "Dang ky"


def test_search_tokens_are_lowercase_ascii_words():
    assert search_tokens("Cấp phiếu lý lịch tư pháp (số 1.001193)") == [
        "cap",
        "phieu",
        "ly",
        "lich",
        "tu",
        "phap",
        "so",
        "1",
        "001193",
    ]
    assert search_text('"NEAR*" %\'') == "near"
