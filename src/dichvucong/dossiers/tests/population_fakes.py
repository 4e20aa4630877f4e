"""A population database on loopback speaking the HTTP shape of NATIONAL.md §4 (a real
threaded HTTP server), and a schema / procedure that take data from it."""

import datetime as dt
import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from dichvucong.accounts.services import NationalPerson, national_sign_in
from dichvucong.catalog.models import PaperSource, RequiredDocument
from dichvucong.catalog.tests.factories import make_procedure
from dichvucong.dossiers.population.demo import DEMO_CITIZENS

TOKEN = "population-test-token"
INTEGRATION_CODE = "TICH-HOP-TEST"

SCHEMA = [
    {"name": "full_name", "label": "Họ và tên", "type": "text", "required": True,
     "prefill": "identity.full_name", "editable": False, "section": "Người yêu cầu"},
    {"name": "id_number", "label": "Số định danh cá nhân", "type": "id_number",
     "required": True, "prefill": "identity.id_number", "editable": False},
    {"name": "birth_date", "label": "Ngày sinh", "type": "date", "required": True,
     "prefill": "population.date_of_birth", "editable": False},
    {"name": "sex", "label": "Giới tính", "type": "choice", "choices": ["Nam", "Nữ"],
     "required": True, "prefill": "population.gender"},
    {"name": "residence", "label": "Nơi thường trú", "type": "address", "required": True,
     "prefill": "population.permanent_address"},
    {"name": "purpose", "label": "Mục đích", "type": "text", "required": True},
]  # fmt: skip


def procedure_declaring_once(**overrides):
    """A procedure whose form prefills from VNeID and the population database, with a
    required ID-card paper the database stands for and a form paper it does not."""
    procedure = make_procedure(form_schema=SCHEMA, **overrides)
    RequiredDocument.objects.create(
        procedure=procedure, order=1, name="Tờ khai theo mẫu", is_required=False
    )
    card = RequiredDocument.objects.create(
        procedure=procedure,
        order=2,
        name="Bản sao Thẻ Căn cước",
        is_required=True,
        fetched_from=PaperSource.POPULATION,
    )
    return procedure, card


def signed_in_citizen(number: str = "068190000111", **changes):
    """Return the account a VNeID sign-in of a demo person creates (through the service)."""
    person = DEMO_CITIZENS.get(number)
    name = " ".join(person["HoVaTen"].values()) if person else "Phạm Thị Vắng"
    fields = {
        "provider": "vneid",
        "subject": f"sub-{number}",
        "account_type": "citizen",
        "id_number": number,
        "full_name": name,
        "date_of_birth": dt.date(1990, 3, 8) if number == "068190000111" else dt.date(1991, 1, 2),
        "level": 2,
    } | changes
    return national_sign_in(person=NationalPerson(**fields)).user


class FakePopulationDatabase:
    """POST / → the answer the test chose; keeps each request's body and headers."""

    def __init__(self):
        self.requests: list[tuple[dict, dict]] = []
        self.answer = lambda body: (200, json.dumps({"MaLoi": "1", "MoTa": "Không tìm thấy"}))
        self.delay = 0.0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = {}
                fake.requests.append((body, dict(self.headers)))
                time.sleep(fake.delay)
                status, payload = fake.answer(body)
                data = payload.encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the portal gave up waiting

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/congdan/tracuu"

    def answers_from_demo(self):
        """Answer like the real database, from the demo people (number, name and year)."""

        def answer(body):
            person = DEMO_CITIZENS.get(body.get("SoDinhDanh"))
            if person is None:
                return 200, json.dumps({"MaLoi": "1", "MoTa": "Không tìm thấy công dân"})
            return 200, json.dumps({"MaLoi": "0", "MoTa": "", "CongDan": person})

        self.answer = answer

    @contextmanager
    def running(self):
        thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        thread.start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()
            thread.join()
