"""Data for bench/submission.py: phone-size photos, a 5 MB PDF, citizens with ready drafts."""

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw


def phone_photo(path: Path, *, seed: int) -> None:
    """Write a 12-megapixel (4000×3000) phone-like JPEG of a paper, with EXIF orientation."""
    rng = random.Random(seed)
    image = Image.effect_noise((4000, 3000), 24).convert("RGB")
    paper = Image.new("RGB", (4000, 3000), (236, 232, 220))
    image = Image.blend(paper, image, 0.25)
    draw = ImageDraw.Draw(image)
    for y in range(200, 2800, 48):
        x = 250
        while x < 3700:
            width = rng.randint(40, 220)
            draw.rectangle((x, y, x + width, y + 18), fill=(30, 30, 40))
            x += width + rng.randint(20, 40)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Bench phone"
    image.save(path, "JPEG", quality=92, exif=exif)


def large_pngs(directory: Path) -> None:
    """Write a 49 Mpx palette PNG (about 160 KB: a page of lines) and a 24 Mpx RGB one."""
    for name, size, mode in (
        ("png-49mpx.png", (7000, 7000), "P"),
        ("png-24mpx.png", (5600, 4280), "RGB"),
    ):
        image = Image.new(mode, size, 255 if mode == "P" else (255, 255, 255))
        draw = ImageDraw.Draw(image)
        for y in range(300, size[1] - 300, 60):
            draw.line((300, y, size[0] - 300, y), fill=0 if mode == "P" else (20, 20, 20), width=3)
        if mode == "P":
            image.info["transparency"] = 255
        image.save(directory / name, "PNG")


def five_mb_pdf(path: Path) -> None:
    """Write a scanned-looking PDF of about 5 MB (noise images on a few pages)."""
    from fpdf import FPDF

    pdf = FPDF()
    for page in range(4):
        pdf.add_page()
        noise = Image.effect_noise((1400, 1000), 60 + page).convert("RGB")
        buffer = io.BytesIO()
        noise.save(buffer, "JPEG", quality=95)
        buffer.seek(0)
        pdf.image(buffer, x=10, y=10, w=190)
    path.write_bytes(bytes(pdf.output()))


SCHEMA = [
    {
        "name": "full_name",
        "label": "Họ và tên",
        "type": "text",
        "required": True,
        "prefill": "full_name",
    },
    {
        "name": "id_number",
        "label": "Số định danh cá nhân",
        "type": "id_number",
        "required": True,
        "prefill": "id_number",
    },
    {"name": "copies", "label": "Số bản", "type": "number", "min": 1, "required": True},
]


def catalog():
    """Create the benchmark procedure with two papers and one agency."""
    from decimal import Decimal

    from dichvucong.catalog.models import (
        Agency,
        AgencyLevel,
        Field,
        OnlineLevel,
        Procedure,
        RequiredDocument,
    )

    existing = Procedure.objects.filter(code="9.999999").first()
    if existing is not None:
        return existing, list(existing.required_documents.order_by("order"))
    field = Field.objects.create(code="bench", name="Thử tải")
    agency = Agency.objects.create(
        code="000.00.99.H56", name="UBND xã Thử Tải", level=AgencyLevel.COMMUNE
    )
    procedure = Procedure.objects.create(
        code="9.999999",
        name="Thủ tục thử tải",
        field=field,
        form_schema=SCHEMA,
        online_level=OnlineLevel.FULL,
        accepts_online=True,
        processing_days=Decimal("5"),
    )
    procedure.agencies.set([agency])
    docs = [
        RequiredDocument.objects.create(procedure=procedure, order=n, name=name)
        for n, name in enumerate(["Ảnh chụp giấy tờ", "Bản scan PDF"], start=1)
    ]
    return procedure, docs


def citizen(n: int):
    """A citizen verified at the medium level (what online submission asks by default)."""
    from dichvucong.accounts.models import User, VerificationLevel, VerificationStatus

    user = User(
        username=f"bench{n}",
        full_name=f"Nguyễn Văn Tải {n}",
        id_number=f"0019{n:08d}",
        phone=f"+8498{n:07d}",
        verification_level=VerificationLevel.MEDIUM,
        verification_status=VerificationStatus.VERIFIED,
    )
    user.set_unusable_password()
    user.save()
    return user


def session_for(user) -> str:
    """Return a session key of a logged-in session for the user (what login would create)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def ready_drafts(count: int, photo: bytes) -> list[tuple[int, str]]:
    """Create `count` citizens each with a filled draft and one photo; return (draft, session)."""
    from dichvucong.dossiers.services import draft_create
    from dichvucong.dossiers.uploads import check_upload
    from dichvucong.dossiers.uploads.store import store_checked

    procedure, docs = catalog()
    procedure.required_documents.exclude(pk=docs[0].pk).update(is_required=False)
    checked = check_upload(io.BytesIO(photo), name="giay-to.jpg", size=len(photo))
    result = []
    for n in range(count):
        user = citizen(n)
        draft = draft_create(applicant=user, procedure=procedure)
        draft.form_data = {"full_name": user.full_name, "id_number": user.id_number, "copies": 1}
        draft.save()
        store_checked(
            dossier=draft, checked=checked, stored=[], required_document=docs[0], user=user
        )
        result.append((draft.pk, session_for(user)))
    return result
