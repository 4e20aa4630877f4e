"""Every URL pattern of the project, filled with good and hostile values, as five actors.

Anonymous, citizen A, citizen B, an officer of agency X and one of agency Y send GET and POST
(with seeded garbage form fields) to every route of `get_resolver()`. Nothing may answer 500,
and nobody may get a 200 on an object of someone else (A's dossier, draft, files, notices,
payment receipts and store papers for B and for Y's officer; B's for A and X's officer), nor
see the other applicant's name in any page. Deterministic (seeded) and bounded.
"""

import random
import re
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.tests.factories import make_agency, make_procedure
from dichvucong.dossiers.models import AttachmentKind, Dossier
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.tests.helpers import small_pdf
from dichvucong.processing.tests.factories import make_dossier, make_team
from dichvucong.tracking.models import Notification
from dichvucong.tracking.tests.factories import make_attachment
from tests.faults.conftest import no_server_error, record

pytestmark = [pytest.mark.django_db, pytest.mark.faults]

HOSTILE_INTS = ["0", "999999999999", str(2**63 + 7), "1" * 40]
HOSTILE_STRS = [
    "../../../etc/passwd",
    "' OR '1'='1' --",
    "<script>alert(1)</script>",
    "Hồ sơ đặc biệt Đà Nẵng",
    "x" * 300,
    "\x00",
    "%",
    "{{ 7|add:7 }}",
    "000.00.06.H56-261125-0001",
]
GARBAGE_FIELDS = [
    "reason", "note", "overall", "agency", "document", "replaces", "to", "amount", "provider",
    "code", "phone", "id_number", "password", "next", "method", "address", "commune", "file",
    "captcha", "otp", "csrfmiddlewaretoken", "full_name", "language", "q", "status",
]  # fmt: skip
GARBAGE_VALUES = [
    "", "1", "-1", "0", "99999999999999999999", "abc", "Nguyễn Văn Ẩn", "<b>x</b>", "' OR 1=1",
    "../x", "//evil.example/", "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
    "x" * 5000, "2026-13-45", "1e308", "NaN",
]  # fmt: skip
ADMIN_SAMPLE = 24  # admin routes (every actor is refused there) sampled, not all ~150
FILLS_PER_ROUTE = 3


@dataclass(frozen=True)
class Route:
    name: str  # namespace:name
    route: str  # the route text, with <converter:param> placeholders
    params: tuple[tuple[str, str], ...]  # (converter, param)


PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def routes() -> list[Route]:
    """Every pattern of the project's resolver, with its full route text."""
    out: list[Route] = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace)
            elif isinstance(pattern, URLPattern):
                text = prefix + str(pattern.pattern)
                params = tuple(
                    (m["conv"] or "str", m["name"]) for m in PARAM.finditer(text)
                ) + tuple(("str", name) for name in re.findall(r"\(\?P<(\w+)>", text))
                out.append(Route(f"{namespace}:{pattern.name}", text, params))

    walk(get_resolver().url_patterns, "", None)
    return out


def kind_of(route: Route, param: str) -> str:
    """What a path parameter names, so the crawler fills it with objects of that kind."""
    name = route.name
    special = {
        ("dossiers:file", "pk"): "attachment",
        ("processing:attachment", "attachment_pk"): "attachment",
        ("dossiers:draft_file_delete", "attachment_pk"): "draft_attachment",
        ("dossiers:store_file", "pk"): "stored_paper",
        ("dossiers:store_delete", "pk"): "stored_paper",
        ("tracking:notification_open", "pk"): "notification",
        ("accounts:officer_verify", "pk"): "user",
        ("processing:tracking_log_file", "pk"): "number",
        ("catalog:form_download", "template_id"): "number",
        ("tracking:qr", "code"): "dossier_code",
        ("payments:pay", "code"): "dossier_code",
        ("core:language", "code"): "language",
    }
    if (name, param) in special:
        return special[(name, param)]
    if name.startswith("admin:"):
        return "admin"
    if param == "pk" and name.startswith("dossiers:draft"):
        return "draft"
    return {
        "pk": "dossier",
        "dossier_id": "dossier",
        "ref": "dossier_ref",
        "code": "procedure_code",
        "document_pk": "document",
        "order_ref": "order",
        "provider_id": "provider",
    }.get(param, "number")


@dataclass
class World:
    actors: dict  # name -> user or None
    values: dict  # kind -> list of (value, owner name or None)
    owners: dict  # owner name -> (citizen name, agency officer name)
    markers: dict  # owner name -> text only the owner's side may see


def _world() -> World:
    x, y = make_agency(name="UBND xã Xuân"), make_agency(name="UBND xã Yên")
    team_x, team_y = make_team(x), make_team(y)
    a = make_citizen(full_name="Lê Bímật Anh")
    b = make_citizen(full_name="Trịnh Kínđáo Bảo")
    procedure = make_procedure(agencies=[x, y])
    doc = procedure.required_documents.create(name="Bản sao giấy khai sinh", order=1)
    da = make_dossier(agency=x, procedure=procedure, applicant=a, status=S.PROCESSING)
    db = make_dossier(agency=y, procedure=procedure, applicant=b, status=S.PROCESSING)
    values: dict[str, list] = {}
    for owner, dossier in (("A", da), ("B", db)):
        user = dossier.applicant
        attachment = make_attachment(dossier, kind=AttachmentKind.APPLICATION)
        draft = Dossier.objects.create(
            procedure=procedure,
            agency=dossier.agency,
            applicant=user,
            applicant_name=user.full_name,
            status=S.DRAFT,
        )
        draft_file = make_attachment(draft, kind=AttachmentKind.APPLICATION, name="nhap.pdf")
        notice = Notification.objects.create(user=user, dossier=dossier, title="Hồ sơ mới")
        from dichvucong.payments.services import payment_request

        payment = payment_request(dossier=dossier, amount=50000, actor=None)
        from dichvucong.dossiers.store.services import store_add

        stored = store_add(
            owner=user,
            upload=SimpleUploadedFile("giay-to.pdf", small_pdf()),
            details={"name": "Giấy tờ trong kho"},
        )
        entries = {
            "dossier": [dossier.pk, draft.pk],
            "dossier_ref": [dossier.code, dossier.pk],
            "dossier_code": [dossier.code],
            "attachment": [attachment.pk, draft_file.pk],
            "draft": [draft.pk],
            "draft_attachment": [draft_file.pk],
            "stored_paper": [stored.pk],
            "notification": [notice.pk],
            "order": [payment.order_ref or payment.pk],
            "user": [user.pk],
        }
        for kind, items in entries.items():
            values.setdefault(kind, []).extend((str(v), owner) for v in items)
    shared = {
        "document": [doc.pk],
        "provider": ["demo", "vnpay", "momo", "dvcqg", "vnpost", "khong-co"],
        "procedure_code": [procedure.code],
        "language": ["en", "vi"],
        "number": [1],
        "user": [team_x["counter"].pk],
        "admin": ["1", str(da.pk), "accounts/user/1"],
    }
    for kind, items in shared.items():
        values.setdefault(kind, []).extend((str(v), None) for v in items)
    return World(
        actors={
            "anonymous": None,
            "citizen A": a,
            "citizen B": b,
            "officer X": team_x["counter"],
            "officer Y": team_y["counter"],
        },
        values=values,
        owners={"A": ("citizen A", "officer X"), "B": ("citizen B", "officer Y")},
        markers={"A": a.full_name, "B": b.full_name},
    )


def _fills(route: Route, world: World, rng: random.Random) -> list[tuple[str, set]]:
    """Return up to FILLS_PER_ROUTE (path, owners of the objects it names) for a route."""
    if not route.params:
        return [(route.route, set())]
    candidates: list[tuple[str, set]] = []
    # First each owner's own objects (every route is tried on A's and on B's), then hostile
    # and mixed values drawn from the seeded generator.
    for attempt in range(FILLS_PER_ROUTE * 3):
        path, owners = route.route, set()
        for converter, param in route.params:
            kind = kind_of(route, param)
            hostile = HOSTILE_INTS if converter == "int" else HOSTILE_STRS
            pool = world.values.get(kind, []) + [(v, None) for v in hostile]
            wanted = ("A", "B")[attempt] if attempt < 2 else None
            own = [item for item in pool if item[1] == wanted]
            value, owner = own[0] if wanted and own else rng.choice(pool)
            if owner:
                owners.add(owner)
            text = quote(value, safe="/" if converter == "path" else "")
            path = re.sub(rf"<(\w+:)?{param}>|\(\?P<{param}>[^)]*\)", text, path, count=1)
        path = path.lstrip("^").rstrip("$")
        if path not in {p for p, _o in candidates}:
            candidates.append((path, owners))
        if len(candidates) >= FILLS_PER_ROUTE:
            break
    return candidates


def _garbage(rng: random.Random) -> dict:
    fields = rng.sample(GARBAGE_FIELDS, rng.randint(1, 6))
    return {field: rng.choice(GARBAGE_VALUES) for field in fields}


def _is_leak(actor: str, owners: set, response, world: World) -> bool:
    for owner in owners:
        if actor not in world.owners[owner] and response.status_code == 200:
            return True
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return False
    body = response.content.decode("utf-8", "replace")
    return any(
        marker in body
        for owner, marker in world.markers.items()
        if actor not in world.owners[owner]
    )


@pytest.mark.parametrize("actor", ["anonymous", "citizen A", "citizen B", "officer X", "officer Y"])
def test_every_route_as_every_actor_no_500_and_no_leak(actor, settings):
    settings.PAYMENT_PROVIDERS = ["demo"]
    world = _world()
    rng = random.Random(f"dvc-faults-{actor}")
    user = world.actors[actor]
    client = Client(raise_request_exception=False)
    all_routes = routes()
    admin = [r for r in all_routes if r.name.startswith("admin:") or r.route.startswith("quan-tri")]
    chosen = [r for r in all_routes if r not in admin] + random.Random(7).sample(
        admin, ADMIN_SAMPLE
    )
    leaks: list[str] = []
    own_pages = 0  # 200s on the actor's own objects: the crawler really reaches them
    for route in chosen:
        for path, owners in _fills(route, world, rng):
            for method in ("get", "post"):
                if user is not None and "_auth_user_id" not in client.session:
                    client.force_login(user)  # a POST to the logout page signs the actor out
                url = "/" + path
                if method == "get":
                    response = client.get(url, _garbage(rng) if rng.random() < 0.3 else {})
                else:
                    response = client.post(url, _garbage(rng))
                leak = _is_leak(actor, owners, response, world)
                mine = {o for o in owners if actor in world.owners[o]}
                own_pages += bool(mine) and response.status_code == 200
                record("crawl", response, leak=leak)
                no_server_error(response, f"{actor} {method.upper()} {url}")
                if leak:
                    leaks.append(f"{method.upper()} {url} → {response.status_code}")
    assert not leaks, f"{actor} reached others' objects:\n" + "\n".join(leaks)
    if user is not None:
        assert own_pages >= 5, f"{actor} reached only {own_pages} pages of their own objects"
        print(actor, own_pages)


def test_a_paper_number_past_the_database_integer_range_is_a_404_not_a_500():
    """Found by the crawler: the per-paper PDF filtered a foreign key by a 40-digit number."""
    citizen = make_citizen()
    dossier = make_dossier(applicant=citizen, status=S.PROCESSING)
    client = Client(raise_request_exception=False)
    client.force_login(citizen)
    response = client.get(f"/ho-so/{dossier.pk}/giay-to/{'1' * 40}/pdf/")
    record("crawl", response)
    assert response.status_code == 404


def test_csrf_is_enforced_on_a_citizen_s_post():
    """The crawler's client skips CSRF checks; a real browser's POST without the token is
    refused and changes nothing."""
    citizen = make_citizen()
    dossier = make_dossier(applicant=citizen, status=S.PROCESSING)
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(citizen)
    response = client.post(f"/ho-so-cua-toi/{dossier.code}/rut/", {"reason": "Nộp nhầm"})
    record("crawl", response)
    assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING


@pytest.mark.parametrize(
    "path",
    ["/thanh-toan/demo/%00/", "/ho-so-cua-toi/%00/", "/thu-tuc/%00/", "/tra-cuu/qr/%00.png"],
)
def test_a_nul_character_in_the_address_is_a_404_not_a_500(path):
    """Found by the crawler on PostgreSQL: a `<str:…>` parameter holding NUL reached a query
    and PostgreSQL refuses NUL in text."""
    client = Client(raise_request_exception=False)
    client.force_login(make_citizen())
    response = client.get(path)
    record("crawl", response)
    assert response.status_code == 404
