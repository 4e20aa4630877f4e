"""Search: tone-mark folding, word prefixes, ranking, index sync, identical on both databases."""

import pytest
from django.db import connection

from dichvucong.catalog import search as search_module
from dichvucong.catalog.models import Procedure
from dichvucong.catalog.search import MAX_TOKENS, query_tokens
from dichvucong.catalog.search_fields import refresh_search_fields
from dichvucong.catalog.selectors import procedure_search
from dichvucong.catalog.tests.factories import make_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    """A small catalog whose expected search results do not depend on the database."""
    return {
        "A": make_procedure(
            code="1.001193",
            name="Đăng ký khai sinh",
            popularity=100,
            steps="Người đi đăng ký khai sinh nộp tờ khai theo mẫu.",
        ),
        "B": make_procedure(
            code="9.100002", name="Đăng ký khai sinh có yếu tố nước ngoài", popularity=50
        ),
        "C": make_procedure(
            code="9.100003",
            name="Đăng ký kết hôn",
            popularity=90,
            steps="Hai bên nam, nữ xuất trình giấy khai sinh hoặc giấy tờ tùy thân.",
        ),
        "D": make_procedure(
            code="9.100004",
            name="Cấp bản sao trích lục hộ tịch",
            popularity=200,
            conditions="Người yêu cầu cấp bản sao giấy khai sinh, giấy đăng ký kết hôn.",
        ),
        "E": make_procedure(
            code="1.009994", name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", popularity=70
        ),
        "F": make_procedure(code="1.004194", name="Đăng ký thường trú", popularity=60),
    }


def found(query: str) -> list[str]:
    return [p.code for p in procedure_search(query=query)]


# The same table runs on SQLite and on PostgreSQL (CI runs the suite on both), so both
# databases must give exactly these procedures in exactly this order.
EXPECTED = [
    ("dang ky khai sinh", "ABDC"),
    ("ĐĂNG KÝ KHAI SINH", "ABDC"),
    ("Đăng ký khai sinh", "ABDC"),
    ("khai sinh", "ABDC"),
    ("kh", "ABDC"),
    ("1.001193", "A"),
    ("001193", "A"),
    ("giay phep xay", "E"),
    ("thuong tru", "F"),
    ("dang ky ket", "CD"),
    ("hộ tịch", "D"),
    ("đăng", "ACFBD"),
    ("DANG", "ACFBD"),
    ("xyz", ""),
    ("khai sinh nuoc ngoai", "B"),
    ("sinh khai", "ABDC"),
]


@pytest.mark.parametrize(("query", "letters"), EXPECTED)
def test_search_gives_the_same_ranked_procedures_on_every_database(catalog, query, letters):
    assert found(query) == [catalog[letter].code for letter in letters]


def test_tone_marks_and_d_are_folded_both_ways(catalog):
    assert found("dang ky khai sinh")[0] == "1.001193"
    assert found("ĐĂNG KÝ KHAI SINH")[0] == "1.001193"
    assert found("đăng kí khai sinh") == []  # "kí" is a different word, not a tone variant


def test_name_matches_rank_before_more_popular_body_matches(catalog):
    codes = found("khai sinh")
    assert codes.index(catalog["B"].code) < codes.index(catalog["D"].code)
    assert catalog["D"].popularity > catalog["B"].popularity


def test_every_word_must_match_a_word_start(catalog):
    assert found("khai tru") == []
    assert found("ai sinh") == []  # "ai" appears only inside "khai"


def test_index_follows_renames_and_deletions(catalog):
    procedure = catalog["F"]
    procedure.name = "Đăng ký tạm trú"
    refresh_search_fields(procedure)
    procedure.save()
    assert found("tam tru") == [procedure.code]
    assert found("thuong tru") == []
    procedure.delete()
    assert found("tam tru") == []


def test_bulk_created_procedures_are_searchable(catalog):
    field = catalog["A"].field
    rows = [
        Procedure(code=f"8.{n:06d}", name=f"Cấp phép khai thác nước ngầm {n}", field=field)
        for n in range(3)
    ]
    for row in rows:
        refresh_search_fields(row)
    Procedure.objects.bulk_create(rows)
    assert sorted(found("khai thac nuoc ngam")) == ["8.000000", "8.000001", "8.000002"]


def test_inactive_procedures_are_not_found(catalog):
    Procedure.objects.filter(pk=catalog["A"].pk).update(is_active=False)
    assert catalog["A"].code not in found("khai sinh")


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "NEAR",
        "'",
        "%",
        'dang" OR *',
        "NEAR(dang ky)",
        "khai sinh' OR 1=1 --",
        "search_name : dang",
        "^khai",
        "dang -ky",
        "(",
        "AND",
        "_",
        "\\",
        "khai\x00sinh",
    ],
)
def test_search_syntax_in_queries_is_plain_text(catalog, query):
    codes = found(query)
    assert isinstance(codes, list)


def test_a_query_without_words_lists_everything_by_popularity(catalog):
    assert found("%") == [catalog[k].code for k in "DACEFB"]


def test_one_letter_words_match_whole_words_only(catalog):
    assert found("d") == []
    assert found("1 001193") == [catalog["A"].code]


def test_long_queries_are_bounded():
    tokens = query_tokens("khai sinh " * 1000)
    assert 0 < len(tokens) <= MAX_TOKENS
    assert query_tokens("a" * 10_000) == ["a" * 40]


def test_search_runs_through_the_database_index(catalog, django_assert_num_queries):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'catalog_procedure_fts'")
        else:
            cursor.execute(
                "SELECT indexname FROM pg_indexes "
                "WHERE indexname = 'catalog_procedure_search_prefix_gin'"
            )
        assert cursor.fetchone() is not None
    sql, _ = procedure_search(query="khai sinh")._from("any")
    assert ("MATCH" in sql) if connection.vendor == "sqlite" else ("@@" in sql)


@pytest.mark.parametrize("query", ["khai sinh", "dang", "kh", "%"])
@pytest.mark.parametrize(("cap", "dense"), [(1000, 500), (2, 1), (3, 2)])
def test_any_slice_of_the_ranking_is_that_part_of_the_whole(
    catalog, monkeypatch, query, cap, dense
):
    # Name matches come from one query and body matches from another, each either walked in
    # rank order (more matches than the cap) or fetched and sorted: a page that spans both must
    # still be exactly its part of the ranking, whichever way each part was read.
    monkeypatch.setattr(search_module, "COUNT_CAP", cap)
    monkeypatch.setattr(search_module, "DENSE_PART", dense)
    whole = procedure_search(query=query).ids()
    assert [Procedure.objects.get(pk=pk).code for pk in whole] == found(query)
    for start in range(len(whole) + 1):
        for size in (1, 2, 3):
            assert procedure_search(query=query).ids(start, size) == whole[start : start + size]


def test_text_match_counts_stop_at_the_cap(catalog, monkeypatch):
    monkeypatch.setattr(search_module, "COUNT_CAP", 2)
    broad = procedure_search(query="dang")
    assert (broad.count(), broad.capped) == (2, True)
    assert len(broad.ids()) == 5  # the ranking itself is not cut
    narrow = procedure_search(query="thuong tru")
    assert (narrow.count(), narrow.capped) == (1, False)


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_planner_settings_for_a_search_do_not_outlive_it(catalog, monkeypatch):
    # Tests run inside a transaction, as a search inside atomic() would: its SET LOCALs
    # would otherwise slow every later query of that transaction.
    monkeypatch.setattr(search_module, "DENSE_PART", 1)
    monkeypatch.setattr(search_module, "COUNT_CAP", 1)
    assert found("dang")  # counts from the GIN index, then walks of the rank index
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            cursor.execute(f"SHOW {setting}")
            assert cursor.fetchone()[0] == "on"


@pytest.mark.parametrize("query", ["khai sinh", "dang", "kh"])
@pytest.mark.parametrize("cap", [1000, 2])
def test_a_field_filter_keeps_the_ranking_and_its_slices(catalog, monkeypatch, query, cap):
    # With a field or an agency the matches are ranked by one query (and past the cap, as
    # without a filter): the same order, only without the other fields' procedures.
    monkeypatch.setattr(search_module, "COUNT_CAP", cap)
    monkeypatch.setattr(search_module, "DENSE_PART", 1)
    field = catalog["A"].field
    Procedure.objects.update(field=field)
    elsewhere = make_procedure(name="Đăng ký khai sinh lưu động", popularity=1000)
    whole = procedure_search(query=query, field=field.code).ids()
    assert elsewhere.pk not in whole
    assert whole == [pk for pk in procedure_search(query=query).ids() if pk != elsewhere.pk]
    for start in range(len(whole) + 1):
        for size in (1, 2):
            page = procedure_search(query=query, field=field.code).ids(start, size)
            assert page == whole[start : start + size]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_search_works_with_server_side_binding_too(catalog, monkeypatch):
    # Django binds on the client by default, which lets the planner settings travel with the
    # query; with OPTIONS server_side_binding the search sends them one by one instead.
    expected = {query: found(query) for query, _letters in EXPECTED}
    monkeypatch.setattr(search_module, "_binds_on_client", lambda connection: False)
    monkeypatch.setattr(search_module, "DENSE_PART", 1)
    monkeypatch.setattr(search_module, "COUNT_CAP", 1)
    assert {query: found(query) for query in expected} == expected
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_sort")
        assert cursor.fetchone()[0] == "on"
