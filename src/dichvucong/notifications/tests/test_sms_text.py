from dichvucong.notifications.sms_text import sms_text, sms_units

VIETNAMESE = "Hồ sơ 000.00.06.H56-261125-0007 đã có kết quả. Mời ông/bà đến nhận."


def test_tone_marks_are_removed_when_the_setting_says_so(settings):
    settings.SMS_FOLD_TONE_MARKS = True
    expected = "Ho so 000.00.06.H56-261125-0007 da co ket qua. Moi ong/ba den nhan."
    assert sms_text(VIETNAMESE) == expected


def test_tone_marks_are_kept_when_folding_is_off(settings):
    settings.SMS_FOLD_TONE_MARKS = False
    text = sms_text("Đã có kết quả")
    assert text == "Đã có kết quả"


def test_long_folded_text_is_cut_at_a_word_to_one_gsm_part(settings):
    settings.SMS_FOLD_TONE_MARKS = True
    text = sms_text("Hồ sơ của ông bà đã được tiếp nhận và đang được giải quyết " * 5)
    assert sms_units(text) <= 160
    assert text.endswith("...")
    assert text[:-3] == text[:-3].rstrip()
    assert "Ho so cua ong ba da duoc tiep nhan" in text
    # The cut falls between words: what precedes the ellipsis is a whole word of the source.
    assert text[:-3].split()[-1] in {
        "Ho",
        "so",
        "cua",
        "ong",
        "ba",
        "da",
        "duoc",
        "tiep",
        "nhan",
        "va",
        "dang",
        "giai",
        "quyet",
    }


def test_unfolded_vietnamese_is_kept_within_one_unicode_part(settings):
    settings.SMS_FOLD_TONE_MARKS = False
    text = sms_text("Hồ sơ của ông bà đã được tiếp nhận và đang được giải quyết " * 3)
    assert len(text) <= 70
    assert "đ" in text


def test_short_text_fits_and_is_left_alone_apart_from_spacing():
    assert sms_text("  Ma  ho so\n  ABC ", fold_tone_marks=True) == "Ma ho so ABC"


def test_gsm_extension_characters_count_twice():
    assert sms_units("[ma]") == 6
    text = sms_text("{" * 100, fold_tone_marks=True)
    assert sms_units(text) <= 160


def test_typographic_quotes_and_dashes_become_plain_gsm_characters():
    assert sms_text("“Kết quả” – đã có…", fold_tone_marks=True) == '"Ket qua" - da co...'


def test_a_message_of_several_parts_keeps_the_room_of_concatenated_parts():
    long = "Mang ban goc Giay khai sinh den So 24 Nguyen Tat Thanh de doi chieu. " * 5
    assert sms_units(sms_text(long, fold_tone_marks=True)) <= 160
    three = sms_text(long, fold_tone_marks=True, parts=3)
    assert three == long.strip()  # 349 septets fit 3 x 153
    cut = sms_text(long * 2, fold_tone_marks=True, parts=3)
    assert sms_units(cut) <= 3 * 153 and cut.endswith("...")
