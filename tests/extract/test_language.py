"""detect_language on short texts written for the project."""

from __future__ import annotations

import pytest

from eventwire.extract import language
from eventwire.extract.language import detect_language


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("en", "The government announced new sanctions on Monday after talks with its neighbours failed."),
        ("de", "Die Regierung hat am Montag neue Sanktionen angekündigt, nachdem die Gespräche scheiterten."),
        ("fr", "Le gouvernement a annoncé lundi de nouvelles sanctions après l'échec des négociations."),
        ("es", "El gobierno anunció el lunes nuevas sanciones tras el fracaso de las negociaciones."),
        ("pt", "O governo anunciou na segunda-feira novas sanções depois do fracasso das negociações."),
        ("ru", "Правительство в понедельник объявило о новых санкциях после провала переговоров с соседями."),
        ("ar", "أعلنت الحكومة يوم الاثنين عن عقوبات جديدة بعد فشل المفاوضات مع الدول المجاورة."),
        ("ja", "政府は月曜日、近隣諸国との交渉が決裂した後、新たな制裁を発表した。"),
        ("zh", "政府周一宣布了新的制裁措施，此前与邻国的谈判破裂。"),
    ],
)
def test_detects_the_language_of_a_news_sentence(code, text):
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "   ", "Hello", "12 345 678 -- 2024-05-01", "!!! ??? ...", "OK, thanks"])
def test_too_little_text_gives_none(text):
    assert detect_language(text) is None


def test_urls_and_addresses_do_not_make_a_text_english():
    text = (
        "Die Außenministerin traf am Dienstag ihren Amtskollegen in Prag. "
        "https://www.example.org/news/2024/05/politics/talks-in-prague.html "
        "redaktion@example.org https://www.example.org/about/contact/team/editors.html"
    )
    assert detect_language(text) == "de"


def test_only_the_opening_of_a_long_text_is_read():
    german = "Die Regierung hat am Montag neue Sanktionen gegen das Nachbarland angekündigt. " * 20
    assert detect_language(german + "The rest of this page is in English. " * 500) == "de"


def test_the_model_is_loaded_once():
    detect_language("The ministers met again on Friday to continue the talks.")
    first = language._get_identifier()
    detect_language("Les ministres se sont de nouveau réunis vendredi.")
    assert language._get_identifier() is first


def test_the_cached_model_classifies_as_py3langids_own(tmp_path, monkeypatch):
    import py3langid.modelio
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    built = language._load_identifier()  # unpacks py3langid's file, writes the cache
    (cached,) = tmp_path.glob("langid-*.msgpack")
    monkeypatch.setattr(py3langid.modelio, "load_model", lambda *a: pytest.fail("unpacked again"))
    read_back = language._load_identifier()
    monkeypatch.undo()
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = ["Die Regierung hat am Montag neue Sanktionen angekündigt.", "Путин встретился с Си Цзиньпином.",
             "日本の首相は月曜日に会談した。", "The ministers met.", "", "1234 !!"]
    for text in texts:
        assert built.classify(text) == read_back.classify(text) == reference.classify(text)
    # A damaged file is unpacked again.
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    cached.write_bytes(cached.read_bytes()[:1000])
    assert language._load_identifier().classify(texts[0]) == reference.classify(texts[0])
