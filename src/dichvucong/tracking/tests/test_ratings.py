import pytest
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.dossiers.models import DossierStatus
from dichvucong.tracking.models import Rating
from dichvucong.tracking.selectors import rating_summary
from dichvucong.tracking.tests.factories import make_dossier

pytestmark = pytest.mark.django_db
S = DossierStatus
CRITERIA = ("thai-do-can-bo", "thoi-gian-giai-quyet", "huong-dan-ro-rang", "co-so-vat-chat")


def _answers(overall=5, score=4, **extra):
    return {"overall": overall, **{f"c_{c}": score for c in CRITERIA}, **extra}


def _rate(client, dossier, **kwargs):
    url = reverse("tracking:rate", kwargs={"ref": dossier.code})
    return client.post(url, _answers(**kwargs), follow=True).content.decode()


def test_the_province_criteria_are_offered_after_the_result_is_returned(client):
    d = make_dossier(status=S.RETURNED)
    client.force_login(d.applicant)
    page = client.get(reverse("tracking:my_dossier", kwargs={"ref": d.code})).content.decode()
    for name in (
        "Thái độ của cán bộ",
        "Thời gian giải quyết",
        "Hướng dẫn rõ ràng",
        "Cơ sở vật chất",
    ):
        assert name in page


def test_one_rating_per_dossier_is_stored_with_criteria_and_comment(client):
    d = make_dossier(status=S.RETURNED)
    client.force_login(d.applicant)
    assert "Cảm ơn bạn đã đánh giá." in _rate(client, d, comment="Cán bộ nhiệt tình")
    assert "Hồ sơ này đã được đánh giá." in _rate(client, d, overall=1)
    rating = Rating.objects.get(dossier=d)
    assert (rating.overall, rating.comment) == (5, "Cán bộ nhiệt tình")
    assert sorted(s.score for s in rating.scores.all()) == [4, 4, 4, 4]
    page = client.get(reverse("tracking:my_dossier", kwargs={"ref": d.code})).content.decode()
    assert "Đánh giá của bạn" in page and "5/5" in page


def test_rating_before_the_result_is_returned_is_refused(client):
    d = make_dossier(status=S.PROCESSING)
    client.force_login(d.applicant)
    assert "sau khi đã trả kết quả" in _rate(client, d)
    assert not Rating.objects.exists()


def test_out_of_range_or_missing_scores_are_refused(client):
    d = make_dossier(status=S.RETURNED)
    client.force_login(d.applicant)
    assert "Vui lòng chọn điểm cho mọi tiêu chí." in _rate(client, d, overall=9)
    response = client.post(
        reverse("tracking:rate", kwargs={"ref": d.code}), {"overall": 3}, follow=True
    )
    assert "Vui lòng chọn điểm cho mọi tiêu chí." in response.content.decode()
    assert not Rating.objects.exists()


def test_summary_averages_overall_and_each_criterion(client):
    for overall, score in ((5, 4), (3, 2)):
        d = make_dossier(status=S.RETURNED)
        client.force_login(d.applicant)
        _rate(client, d, overall=overall, score=score)
    summary = rating_summary()
    assert summary["count"] == 2
    assert summary["overall"] == pytest.approx(4.0)
    assert [c["average"] for c in summary["criteria"]] == [pytest.approx(3.0)] * 4


def test_admin_rating_list_shows_the_aggregate(client):
    d = make_dossier(status=S.RETURNED)
    client.force_login(d.applicant)
    _rate(client, d, overall=4)
    admin = make_citizen(is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get("/quan-tri/tracking/rating/").content.decode()
    assert "Tổng hợp mức độ hài lòng" in page
    assert "4,00" in page or "4.00" in page
