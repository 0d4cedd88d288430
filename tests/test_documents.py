"""Reading files into Documents: normalisation, refusals, manifest, languages, path scanning."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kg import vocab
from kg.documents import DocumentError, detect_languages, iter_paths, load_manifest, read_document

SEEDS = vocab.PROJECT_ROOT / "seeds"

ENGLISH = (
    "The cloud company said on Monday that it will spend forty billion dollars on new data centres "
    "over the coming five years, and that the first buildings will open next spring in two states.\n"
    "Analysts expect the demand for computing power to keep growing as more firms train large models.\n"
)
GERMAN = (
    "Das Unternehmen kündigte am Dienstag an, in den kommenden Jahren mehrere neue Rechenzentren zu bauen. "
    "Die Anlagen sollen vor allem in Süddeutschland entstehen und Hunderte Arbeitsplätze schaffen.\n"
)
CHINESE = "这家云计算公司周一宣布，将在未来五年内投资四百亿美元建设新的数据中心，首批设施预计明年春季投入使用。分析人士认为算力需求将持续增长。\n"
JAPANESE = "この会社は月曜日に、今後五年間で新しいデータセンターに四百億ドルを投資すると発表しました。\n"
KOREAN = "이 회사는 월요일에 앞으로 5년 동안 새로운 데이터 센터에 400억 달러를 투자하겠다고 발표했습니다.\n"
ARABIC = "أعلنت الشركة يوم الاثنين أنها ستستثمر أربعين مليار دولار في مراكز بيانات جديدة خلال السنوات الخمس المقبلة.\n"
RUSSIAN = "Компания объявила в понедельник, что в ближайшие пять лет вложит сорок миллиардов долларов в новые центры обработки данных.\n"


def write(folder: Path, name: str, content: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# --------------------------------------------------------------------------- the seeds


def test_seed_manifest_gives_known_metadata():
    manifest = load_manifest(SEEDS)
    docs = {p.stem: read_document(p, manifest) for p in iter_paths([SEEDS])}
    assert sorted(docs) == [
        "000_b3363811aec2a153", "001_9d4ae6b844e7c9a1", "002_25e4150be1a3bbae",
        "003_827c20556283fca2", "004_0988a1f2d82e965d",
    ]
    herald = docs["000_b3363811aec2a153"]
    assert herald.languages == ["zh", "en"]
    assert herald.published == datetime(2025, 11, 15, 23, 32, tzinfo=timezone(timedelta(hours=8)))
    assert herald.reference_date == date(2025, 11, 15)
    assert herald.publisher.startswith("21st Century Business Herald")
    assert herald.title == herald.text.splitlines()[0]
    assert docs["004_0988a1f2d82e965d"].published == date(2025, 2, 12)
    assert docs["004_0988a1f2d82e965d"].publisher == "AI News"
    for doc_id, langs in [("001_9d4ae6b844e7c9a1", ["de"]), ("002_25e4150be1a3bbae", ["de"]), ("003_827c20556283fca2", ["ar"])]:
        doc = docs[doc_id]
        assert doc.languages == langs
        assert doc.published is None and doc.publisher is None
        assert doc.reference_date == date(2025, 11, 12)  # the announcement, a Wednesday
        assert doc.reference_date.weekday() == 2
    for doc in docs.values():
        assert doc.sha256 == hashlib.sha256(doc.path.read_bytes()).hexdigest()
        assert doc.file_name == doc.path.name


def test_detection_agrees_with_the_manifest_on_the_seeds():
    for path in iter_paths([SEEDS]):
        detected = read_document(path, None).languages
        expected = load_manifest(SEEDS)[path.stem]["languages"]
        assert set(detected) == set(expected), path.name


# --------------------------------------------------------------------------- text normalisation


def test_text_is_nfc_with_unix_newlines_and_no_bom(tmp_path):
    raw = "\ufeffCafe\u0301 opens\r\nsecond line\rthird\n".encode("utf-8")
    doc = read_document(write(tmp_path, "cafe.txt", raw), None)
    assert doc.text == "Café opens\nsecond line\nthird\n"
    assert unicodedata.is_normalized("NFC", doc.text)
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()  # of the bytes as stored
    assert doc.doc_id == "cafe" and doc.title is None and doc.published is None and doc.reference_date is None


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b"  \n\t\r\n  ", "empty"),
        (b"PK\x03\x04\x00\x00binary", "binary"),
        (bytes(range(1, 32)) * 20 + b"ab", "binary"),
        (b"valid start \xff\xfe then junk", "byte offset 12"),
        ("caf\u00e9 in latin-1".encode("latin-1"), "byte offset 3"),
        ("UTF-16 text".encode("utf-16"), "UTF-16"),
    ],
)
def test_bad_files_are_refused_naming_the_file(tmp_path, content, reason):
    path = write(tmp_path, "bad.txt", content)
    with pytest.raises(DocumentError) as err:
        read_document(path, None)
    assert str(path) in str(err.value)
    assert reason in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_directory_and_broken_link_are_refused(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "missing.txt", None)
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(DocumentError, match="is a directory"):
        read_document(tmp_path / "folder.txt", None)
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(DocumentError, match=r"link\.txt: no such file"):
        read_document(tmp_path / "link.txt", None)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_refused(tmp_path):
    path = write(tmp_path, "secret.txt", ENGLISH)
    path.chmod(0)
    with pytest.raises(DocumentError, match="permission denied"):
        read_document(path, None)


def test_file_name_that_cannot_be_an_id_is_refused(tmp_path):
    path = write(tmp_path, "my article.txt", ENGLISH)
    with pytest.raises(DocumentError, match="rename the file"):
        read_document(path, None)


# --------------------------------------------------------------------------- manifest


def test_manifest_fields_and_defaults(tmp_path):
    write(tmp_path, "sources.yaml", """
documents:
- id: a
  title: Ein Titel
  publisher: Example Press
  published: "2024-03-01T08:00:00+01:00"
  languages: [de, en]
- id: b
  published: 2024-05-06
- id: c
  reference_date: 2024-07-08
""")
    manifest = load_manifest(tmp_path)
    a = read_document(write(tmp_path, "a.txt", GERMAN), manifest)
    assert (a.title, a.publisher, a.languages) == ("Ein Titel", "Example Press", ["de", "en"])
    assert a.reference_date == date(2024, 3, 1)  # from the publication date
    b = read_document(write(tmp_path, "b.txt", ENGLISH), manifest)
    assert b.published == date(2024, 5, 6) and b.reference_date == date(2024, 5, 6)
    assert b.languages == ["en"]  # detected: the manifest does not say
    c = read_document(write(tmp_path, "c.txt", ENGLISH), manifest)
    assert c.published is None and c.reference_date == date(2024, 7, 8)
    d = read_document(write(tmp_path, "d.txt", ENGLISH), manifest)  # not in the manifest
    assert d.published is None and d.reference_date is None and d.languages == ["en"]


def test_no_manifest_is_an_empty_manifest(tmp_path):
    assert load_manifest(tmp_path) == {}


@pytest.mark.parametrize(
    "yaml_text, reason",
    [
        ("documents:\n- id: a\n  title: [unclosed\n", "invalid YAML at line"),
        ("documents:\n- id: a\n  publised: 2024-01-01\n", "unknown field 'publised'"),
        ("documents:\n- id: a\n  published: last tuesday\n", "'published' must be a date"),
        ("documents:\n- id: a\n  reference_date: '2024-01-01T10:00:00'\n", "not a date-time"),
        ("documents:\n- id: a\n  languages: [xx]\n", "unknown language code 'xx'"),
        ("documents:\n- id: a\n  languages: de\n", "non-empty list"),
        ("documents:\n- id: a\n- id: a\n", "listed twice"),
        ("documents:\n- title: no id\n", "needs an 'id'"),
        ("- id: a\n", "top-level 'documents:' list"),
    ],
)
def test_bad_manifest_names_the_file(tmp_path, yaml_text, reason):
    write(tmp_path, "sources.yaml", yaml_text)
    with pytest.raises(DocumentError) as err:
        load_manifest(tmp_path)
    assert str(tmp_path / "sources.yaml") in str(err.value)
    assert reason in str(err.value)


# --------------------------------------------------------------------------- languages


@pytest.mark.parametrize(
    "text, expected",
    [
        (ENGLISH, ["en"]),
        (GERMAN, ["de"]),
        (CHINESE, ["zh"]),
        (JAPANESE, ["ja"]),
        (KOREAN, ["ko"]),
        (ARABIC, ["ar"]),
        (RUSSIAN, ["ru"]),
        # Latin-script names inside Arabic text do not make it English.
        ("أعلنت شركة Fluidstack وشركة Microsoft عن شراكة جديدة في مجال مراكز البيانات في ولاية Texas.\n" * 3, ["ar"]),
    ],
)
def test_single_language(text, expected):
    assert detect_languages(text) == expected


def test_mixed_documents_report_every_substantial_language():
    assert detect_languages(CHINESE + ENGLISH * 2) == ["en", "zh"]  # Chinese summary + English body
    assert detect_languages(CHINESE * 3 + ENGLISH) == ["zh", "en"]  # main one first
    assert detect_languages(GERMAN * 2 + ENGLISH * 2)[:2] in (["de", "en"], ["en", "de"])
    # A Chinese headline over an English text marks a Chinese article.
    assert detect_languages("新公司宣布建设数据中心\n\n" + ENGLISH * 4) == ["en", "zh"]
    # A stray word of another language is not a language of the document.
    assert detect_languages(ENGLISH * 5 + "数据\n") == ["en"]


def test_detection_is_stable():
    assert {tuple(detect_languages(GERMAN + ENGLISH)) for _ in range(5)} == {tuple(detect_languages(GERMAN + ENGLISH))}


# --------------------------------------------------------------------------- paths


def test_iter_paths_scans_folders_sorted_and_deduplicated(tmp_path):
    for name in ["b.txt", "a.md", "c.html", ".hidden.txt", "sources.yaml"]:
        write(tmp_path, name, ENGLISH)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "d.txt", ENGLISH)
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "e.txt", ENGLISH)
    found = iter_paths([tmp_path, tmp_path / "b.txt", tmp_path / "c.html"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.md", "b.txt", "c.html", "sub/d.txt"]


def test_iter_paths_refuses_a_missing_path(tmp_path):
    with pytest.raises(DocumentError, match=r"nope\.txt: no such file or directory"):
        iter_paths([tmp_path, tmp_path / "nope.txt"])


@pytest.mark.parametrize("head, languages, month", [
    ("بغداد – الخميس 23 نيسان 2026", ["ar"], True),   # a Levantine month name (CLDR's ar_IQ, not ar)
    ("Dakar, le mercredi 18 mars 2026", ["fr"], True),
    ("입력 2026.11.19 06:00", ["ko"], True),
    ("2026年11月20日（星期五）", ["zh"], True),
    ("Thursday 12 Sept. 2026", ["en"], True),
    ("Sakura Hosting va investir 2 milliards d'euros d'ici 2027.", ["fr"], False),
    ("预计将带动2029个就业岗位。", ["zh"], False),
])
def test_a_dateline_is_looked_for_only_where_a_month_is_written(head, languages, month):
    from kg.documents import _names_a_month, dateline_date

    assert _names_a_month(head, languages) is month
    if not month:
        assert dateline_date(head, languages) is None



@pytest.mark.parametrize("head, languages, expected", [
    ("PRAIRIE POST\n\nBy Travis Olenick\nCALGARY, Nov. 19, 2026\n\nATCO said", ["en"], date(2026, 11, 19)),
    ("صحيفة\n\nبغداد – الخميس 23 نيسان 2026\n\nوقّعت الشركة", ["ar"], date(2026, 4, 23)),
])
def test_a_dateline_dateparser_misses_is_read_by_its_named_month(head, languages, expected):
    from kg.documents import dateline_date

    assert dateline_date(head, languages) == expected


def test_a_dateline_after_a_long_masthead_headline_and_dek_is_found():
    from kg.documents import dateline_date

    preamble = ("LA NUOVA GAZZETTA\nQuotidiano dell'isola\n\nECONOMIA  |  Cagliari e provincia\n\n"
                "Nella zona industriale arriva un grande centro di calcolo per l'intelligenza artificiale\n"
                "Due soci investono diverse centinaia di milioni; la banca del territorio e la cassa nazionale "
                "finanziano la prima fase, mentre la Regione prepara un contributo per la formazione dei tecnici "
                "e il Comune chiede garanzie sul consumo di acqua\n\n"
                "di MARIA ROSSI\n\n")
    assert len(preamble) > 400
    text = preamble + "CAGLIARI, giovedì 9 aprile 2026 – Dopo mesi di trattative è arrivata la firma."
    assert dateline_date(text, ["it"]) == date(2026, 4, 9)
