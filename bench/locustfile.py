"""The portal's traffic mix for locust (run by bench/load.py; docs/PERFORMANCE.md, "Load test").

Three kinds of visitor, weighted from the Bình Thuận figures scaled up (see load.py's MIX):
- Visitor: anonymous catalog browsing, catalog search, the public dossier lookup;
- Citizen: logs in (Argon2), starts a draft, fills the form, uploads two 12 MP phone photos and
  a 5 MB PDF, reviews, submits, opens "Hồ sơ của tôi", logs out;
- Officer: works the inbox of an agency holding the big dossier table, opens a new dossier and
  receives it (Mới đăng ký → Được tiếp nhận).

Request names group what the report prints: "page:" are page views (p95 ≤ 500 ms), "submit" is
the Submit POST (p95 ≤ 2 s), "upload:" the file uploads.
"""

import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, task

SEED = json.loads(Path(os.environ["LOAD_SEED"]).read_text(encoding="utf-8"))
FILES = {name: Path(path).read_bytes() for name, path in SEED["files"].items()}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')
INBOX_LINK = re.compile(r'href="/can-bo/ho-so/(\d+)/"')
SEARCHES = ["khai sinh", "dat dai", "giấy phép", "hộ tịch", "xây dựng", "thu"]


def _csrf(response) -> str:
    found = CSRF.search(response.text)
    return found.group(1) if found else ""


class Visitor(HttpUser):
    """Someone without an account: reads the catalog, searches it, looks up a dossier."""

    weight = SEED["mix"]["visitor"]
    wait_time = between(1, 4)

    @task(4)
    def browse(self):
        self.client.get("/", name="page: home")
        code = random.choice(SEED["procedures"])
        self.client.get(f"/thu-tuc/{code}/", name="page: procedure")

    @task(3)
    def search(self):
        query = random.choice(SEARCHES)
        self.client.get("/thu-tuc/", params={"q": query}, name="page: catalog search")

    @task(2)
    def lookup(self):
        code, phone = random.choice(SEED["lookups"])
        page = self.client.get("/tra-cuu/", name="page: lookup form")
        self.client.post(
            "/tra-cuu/",
            data={"ma": code, "so": phone[-4:], "csrfmiddlewaretoken": _csrf(page)},
            name="page: lookup result",
        )


class Citizen(HttpUser):
    """A citizen who comes to submit one dossier online, then checks the list of theirs."""

    weight = SEED["mix"]["citizen"]
    wait_time = between(2, 6)

    @task
    def submit_one_dossier(self):
        account = random.choice(SEED["citizens"])
        page = self.client.get("/dang-nhap/", name="page: login form")
        answer = self.client.post(
            "/dang-nhap/",
            data={
                "identifier": account,
                "password": SEED["password"],
                "csrfmiddlewaretoken": _csrf(page),
            },
            name="login",
            allow_redirects=False,
        )
        if answer.status_code != 302:
            return
        procedure = SEED["submit_procedure"]
        start = self.client.get(f"/nop-ho-so/{procedure}/", name="page: start draft")
        made = self.client.post(
            f"/nop-ho-so/{procedure}/",
            data={"csrfmiddlewaretoken": _csrf(start)},
            name="draft: create",
        )
        draft = re.search(r"/ho-so-dang-soan/(\d+)/", made.url or "")
        if not draft:
            return
        base = f"/ho-so-dang-soan/{draft.group(1)}"
        form = self.client.get(f"{base}/to-khai/", name="page: draft form")
        self.client.post(
            f"{base}/to-khai/",
            data={**SEED["answers"], "id_number": account, "csrfmiddlewaretoken": _csrf(form)},
            name="draft: save form",
        )
        files = self.client.get(f"{base}/giay-to/", name="page: draft files")
        token = _csrf(files)
        for name, document in SEED["uploads"]:
            self.client.post(
                f"{base}/giay-to/tai-len/",
                data={"document": document, "csrfmiddlewaretoken": token},
                files={"file": (name, FILES[name])},
                headers={"Accept": "application/json"},
                name=f"upload: {Path(name).suffix[1:]}",
            )
        review = self.client.get(f"{base}/xem-lai/", name="page: review")
        key = KEY.search(review.text)
        with self.client.post(
            f"{base}/nop/",
            data={"idempotency_key": key.group(1) if key else "", "csrfmiddlewaretoken": token},
            name="submit",
            allow_redirects=False,
            catch_response=True,
        ) as done:
            if done.status_code != 302 or "/thanh-cong/" not in done.headers.get("location", ""):
                done.failure(f"not accepted ({done.status_code})")
        self.client.get("/ho-so-cua-toi/", name="page: my dossiers")
        self.client.post("/dang-xuat/", data={"csrfmiddlewaretoken": _csrf(review)}, name="logout")


class Officer(HttpUser):
    """A counter officer of the big agency: the inbox, a dossier, receiving it."""

    weight = SEED["mix"]["officer"]
    wait_time = between(2, 5)

    def on_start(self):
        self.client.cookies.set("sessionid", random.choice(SEED["officer_sessions"]))

    @task(3)
    def inbox(self):
        tab = random.choice(["", "?tab=dang-xu-ly", "?tab=qua-han", "?tab=da-xong"])
        self.client.get(f"/can-bo/{tab}", name="page: inbox")

    @task(2)
    def receive_a_new_dossier(self):
        inbox = self.client.get("/can-bo/?tab=moi", name="page: inbox")
        links = INBOX_LINK.findall(inbox.text)
        if not links:
            return
        pk = random.choice(links[:5])
        page = self.client.get(f"/can-bo/ho-so/{pk}/", name="page: officer dossier")
        self.client.post(
            f"/can-bo/ho-so/{pk}/chuyen-trang-thai/",
            data={"to": 2, "expected_status": 1, "csrfmiddlewaretoken": _csrf(page)},
            name="officer: receive",
        )
