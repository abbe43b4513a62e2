import json

from assistant.lexicon import LEXICON_FILE, Lexicon, default_lexicon, spell_out, words

LEXICON = Lexicon.from_json(
    {
        "stopwords": {"vi": ["bao nhiêu", "ở đâu"]},
        "vi": [{"say": ["sổ đỏ", "bìa đỏ"], "means": "giấy chứng nhận quyền sử dụng đất"}],
        "en": [{"say": ["land title"], "means": "giấy chứng nhận quyền sử dụng đất"}],
        "th": [{"say": ["โฉนดที่ดิน"], "means": "giấy chứng nhận quyền sử dụng đất"}],
    }
)


def test_vietnamese_matches_with_and_without_marks_at_word_boundaries():
    assert LEXICON.expand("Làm lại Sổ Đỏ ở đâu?", "vi") == ("giấy chứng nhận quyền sử dụng đất",)
    assert LEXICON.expand("lam lai so do o dau", "vi") == ("giấy chứng nhận quyền sử dụng đất",)
    assert LEXICON.expand("tổ sổ đỏm", "vi") == ()  # "so do" must be whole words


def test_marks_typed_must_agree_with_the_phrase_marks():
    lexicon = Lexicon.from_json({"vi": [{"say": ["báo tử"], "means": "đăng ký khai tử"}]})
    assert lexicon.expand("bố tôi mất, báo tử ở đâu", "vi") == ("đăng ký khai tử",)
    assert lexicon.expand("bo toi mat, bao tu o dau", "vi") == ("đăng ký khai tử",)  # bare: folds compare
    assert lexicon.expand("công ty bảo tự lo", "vi") == ()  # same folds, other words


def test_english_and_thai_phrases_map_to_vietnamese_catalogue_terms():
    assert LEXICON.expand("How do I get a land title?", "en") == ("giấy chứng nhận quyền sử dụng đất",)
    assert LEXICON.expand("ขอโฉนดที่ดินใหม่", "th") == ("giấy chứng nhận quyền sử dụng đất",)
    assert LEXICON.expand("ขอโฉนดที่ดินใหม่", "en") == ()  # each language has its own phrases


def test_stopwords_are_folded():
    assert "bao nhieu" in LEXICON.stopwords and "o dau" in LEXICON.stopwords


def test_phone_abbreviations_are_spelled_out():
    assert spell_out("lam lai cccd dc ko") == "lam lai căn cước công dân được không"


def test_catalogue_shorthand_is_spelled_out_in_folded_words():
    # the catalogue writes "BHXH", "TNLĐ, BNN"; citizens and the lexicon write them in full
    assert words("Giải quyết hưởng BHXH một lần") == words("giải quyết hưởng bảo hiểm xã hội một lần")
    assert words("chế độ TNLĐ, BNN") == ["che", "do", "tai", "nan", "lao", "dong", "benh", "nghe", "nghiep"]
    assert words("cty TNHH") == ["cong", "ty", "trach", "nhiem", "huu", "han"]


def test_a_loss_and_a_damaged_card_map_to_different_procedures():
    lexicon = default_lexicon()
    assert "cấp lại thẻ căn cước" in lexicon.expand("em bị mất căn cước", "vi")
    assert "cấp đổi thẻ căn cước" in lexicon.expand("căn cước bị gãy làm sao", "vi")
    assert "cấp lại thẻ căn cước" not in lexicon.expand("căn cước bị gãy làm sao", "vi")


def test_bundled_lexicon_covers_everyday_situations():
    lexicon = default_lexicon()
    assert "cấp lại thẻ căn cước" in lexicon.expand("mat cccd thi lam lai o dau", "vi")
    assert "đăng ký khai tử" in lexicon.expand("Bố tôi vừa qua đời, cần làm giấy tờ gì?", "vi")
    assert "cấp lại giấy phép lái xe" in lexicon.expand("I lost my driver's license", "en")
    assert "đăng ký kết hôn" in lexicon.expand("อยากจดทะเบียนสมรสกับคนเวียดนาม", "th")
    assert "giải quyết hưởng chế độ thai sản" in lexicon.expand("vo sinh con thi chong duoc nghi ko", "vi")
    # "mất" (to take, of time; to lose) must not read as a death or a loss
    assert "đăng ký khai tử" not in lexicon.expand("em mất căn cước hôm qua", "vi")
    assert lexicon.expand("làm hộ chiếu mới mất bao lâu", "vi") == ("cấp hộ chiếu phổ thông ở trong nước",)


def test_every_meaning_is_worded_as_the_catalogue_words_it(catalogue):
    # a meaning the catalogue has no procedure for would make an out-of-scope question look answerable
    names = [set(words(p.name)) for p in catalogue.procedures]
    data = json.loads(LEXICON_FILE.read_text("utf-8"))
    for meaning in {item["means"] for language in ("vi", "en", "th") for item in data[language]}:
        wanted = set(words(meaning))
        assert max(len(wanted & name) for name in names) >= 0.75 * len(wanted), meaning
