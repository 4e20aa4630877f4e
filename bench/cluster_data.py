"""Data for the cluster tests and the load test, made inside the cluster (Cluster.django)."""

import io
import json

from PIL import Image, ImageDraw

PASSWORD = "Cum-may-chu-2026"  # noqa: S105 (a throwaway cluster's test account)


def paper_photo(size: tuple[int, int] = (1200, 900)) -> bytes:
    """A sharp JPEG of a page of text lines (passes the upload checks without a blur flag)."""
    image = Image.new("RGB", size, (240, 238, 230))
    draw = ImageDraw.Draw(image)
    for y in range(60, size[1] - 60, 30):
        draw.rectangle((60, y, size[0] - 60, y + 10), fill=(20, 20, 30))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def password_citizen(n: int):
    """A citizen who logs in with `PASSWORD` (Argon2, as in production)."""
    from dichvucong.accounts.models import User, VerificationLevel, VerificationStatus

    user = User(
        username=f"dang-nhap-{n}",
        full_name=f"Trần Thị Cụm {n}",
        id_number=f"0029{n:08d}",
        phone=f"+8497{n:07d}",
        verification_level=VerificationLevel.MEDIUM,
        verification_status=VerificationStatus.VERIFIED,
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def seed(*, drafts: int, password_users: int) -> None:
    """Print JSON: ready drafts (id, session key), password accounts, the procedure's code."""
    from submission_data import catalog, ready_drafts

    procedure, _ = catalog()
    made = ready_drafts(drafts, paper_photo()) if drafts else []
    users = [password_citizen(n) for n in range(password_users)]
    print(
        json.dumps(
            {
                "procedure": procedure.code,
                "drafts": made,
                "users": [{"id_number": u.id_number, "phone": u.phone} for u in users],
            }
        )
    )


def small_pdf() -> bytes:
    """A one-page PDF with a line of text."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text="Ban scan giay to")
    return bytes(pdf.output())


def submitted_dossiers(count: int) -> None:
    """Submit `count` dossiers with a photo and a PDF each (the restore drill's data)."""
    import uuid

    from django.core.files.uploadedfile import SimpleUploadedFile

    from dichvucong.dossiers.services import dossier_submit
    from submission_data import catalog, citizen

    procedure, (photo_doc, pdf_doc) = catalog()
    photo, pdf = paper_photo(), small_pdf()
    for n in range(count):
        user = citizen(50_000 + n)
        files = [
            (photo_doc, SimpleUploadedFile("anh.jpg", photo, "image/jpeg")),
            (pdf_doc, SimpleUploadedFile("ban-scan.pdf", pdf, "application/pdf")),
        ]
        dossier_submit(
            applicant=user,
            procedure=procedure,
            data={"full_name": user.full_name, "id_number": user.id_number, "copies": 1},
            files=files,
            idempotency_key=uuid.uuid4(),
        )
