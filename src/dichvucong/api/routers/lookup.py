"""Public lookup of one dossier by its code and a second factor, under the lookup limits."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router

from dichvucong.api import schemas as s
from dichvucong.api.presenters import history_of, named, status_of
from dichvucong.api.problems import ApiProblem, problems
from dichvucong.core.audit import client_ip
from dichvucong.tracking import lookup as lk
from dichvucong.tracking.selectors import current_step

router = Router(tags=["Tra cứu hồ sơ"])
# The lookup page's words (one msgid each): a failure never says which part was wrong.
NEUTRAL = gettext_lazy(
    "Không tìm thấy hồ sơ khớp với thông tin đã nhập. Vui lòng kiểm tra lại mã hồ sơ và 4 số cuối."
)


@router.post(
    "/lookup",
    response={200: s.PublicDossier, **problems(400, 404, 422, 429)},
    summary="Tra cứu hồ sơ bằng mã hồ sơ và 4 số cuối",
    description=(
        "Cùng giới hạn với trang tra cứu: lần sai được đếm theo địa chỉ IP và theo mã hồ sơ "
        "(LOOKUP_RATE_LIMIT, LOOKUP_CODE_RATE_LIMIT); vượt giới hạn trả về 429."
    ),
)
def lookup_dossier(request, body: s.LookupIn):
    code = lk.normalise_code(body.code)
    ip = client_ip(request)
    if not lk.reserve_attempt(ip=ip, code=code):
        raise ApiProblem(
            429,
            _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút."),
            slug="rate-limited",
        )
    dossier = lk.find_for_lookup(code, factor=lk.normalise_factor(body.factor))
    if dossier is None:  # the reserved attempt stays counted: it was a failure
        raise ApiProblem(404, NEUTRAL, slug="dossier-not-found")
    lk.release_attempt(ip=ip, code=code)
    return {
        "code": dossier.code,
        "procedure": named(dossier.procedure),
        "agency": named(dossier.agency),
        "status": status_of(dossier),
        "current_step": current_step(dossier),
        "submitted_at": dossier.submitted_at,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "returned_at": dossier.returned_at,
        "history": history_of(dossier),
    }
