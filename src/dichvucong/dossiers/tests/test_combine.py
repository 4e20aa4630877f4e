"""The officer's "one PDF per paper": every photo a page, one decoded photo in memory at a time."""

import io
import weakref

import pytest
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.dossiers.models import Dossier
from dichvucong.dossiers.tests.helpers import document_photo, procedure_with_documents, upload

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}
PHOTO_SIZE = (1500, 2000)
_CORE = type(Image.new("L", (1, 1)).im)


def _draft_with_photos(client, photos: list[tuple[str, bytes]]):
    citizen = make_citizen(full_name="Trần Thị Mai", id_number="001090012345")
    procedure, doc, _ = procedure_with_documents()
    client.force_login(citizen)
    agency = procedure.agencies.order_by("pk").first()
    response = client.post(reverse("dossiers:start", args=[procedure.code]), {"agency": agency.pk})
    draft = Dossier.objects.get(pk=int(response.url.rstrip("/").split("/")[-2]))
    for name, data in photos:
        response = client.post(
            reverse("dossiers:draft_upload", args=[draft.pk]),
            {"document": doc.pk, "file": upload(name, data)},
            **JSON,
        )
        assert response.status_code == 201, response.content
    return reverse("dossiers:document_pdf", args=[draft.pk, doc.pk])


class DecodedPixels:
    """Follow every Pillow image alive in the process; `peak` = most decoded pixels at once."""

    def __init__(self, monkeypatch):
        self.images: list[weakref.ref] = []  # images are unhashable: no WeakSet
        self.peak = 0
        init, save, open_ = Image.Image.__init__, Image.Image.save, Image.open

        def tracked_init(image, *args, **kwargs):
            init(image, *args, **kwargs)
            self.images.append(weakref.ref(image))

        def sampled_save(image, *args, **kwargs):
            self.sample()
            return save(image, *args, **kwargs)

        def sampled_open(*args, **kwargs):
            self.sample()
            return open_(*args, **kwargs)

        monkeypatch.setattr(Image.Image, "__init__", tracked_init)
        monkeypatch.setattr(Image.Image, "save", sampled_save)
        monkeypatch.setattr(Image, "open", sampled_open)

    def sample(self) -> None:
        self.images = [ref for ref in self.images if ref() is not None]
        live = sum(
            image.width * image.height
            for image in (ref() for ref in self.images)
            if image is not None and isinstance(getattr(image, "_im", None), _CORE)
        )
        self.peak = max(self.peak, live)


def test_the_combined_pdf_holds_one_decoded_photo_at_a_time(client, monkeypatch):
    url = _draft_with_photos(
        client, [(f"trang-{n}.jpg", document_photo(size=PHOTO_SIZE)) for n in range(4)]
    )
    decoded = DecodedPixels(monkeypatch)
    response = client.get(url)
    assert response.status_code == 200
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 4
    # Never two photos' worth of pixels at once (the all-in-memory combiner kept every page
    # decoded until the end: four photos' worth).
    assert 0 < decoded.peak < 2 * PHOTO_SIZE[0] * PHOTO_SIZE[1]


def test_a_photo_with_a_transparent_background_is_a_white_page(client):
    photo = Image.new("RGBA", (900, 1200), (0, 0, 0, 0))  # transparent black everywhere
    photo.paste((20, 20, 20, 255), (100, 100, 800, 140))  # one dark line of "text"
    data = io.BytesIO()
    photo.save(data, "PNG")
    response = client.get(_draft_with_photos(client, [("trang.png", data.getvalue())]))
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    image = page.images[0].image.convert("L")
    assert image.getpixel((10, 10)) > 240  # paper, not the black under the transparency
    assert image.getpixel((450, 120)) < 60
