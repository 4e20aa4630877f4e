"""What a citizen or officer notices when nginx sends their requests to different web nodes.

Each test reaches the nodes over real HTTP (nginx at `cluster.url`, or one node directly with
`cluster.node_url(n)`) and checks the shared state in the cluster's own PostgreSQL database.
"""

import re
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from cluster_data import PASSWORD
from tests.cluster.portal import login, post_form, prepare_submit, submit

# A catalog change shows on every node within this many seconds: each process re-reads the
# shared catalog version at most once a second (catalog/cache.py); the rest is slack for the
# polling requests on a loaded machine.
CATALOG_BOUND_SECONDS = 3.0


def _submitted(cluster, draft_ids: list[int]) -> dict[int, str]:
    rows = cluster.query(
        "SELECT id, code FROM dossiers_dossier WHERE id = ANY(%s) AND code <> ''",
        (draft_ids,),
    )
    return dict(rows)


def test_a_session_made_on_one_node_is_known_on_the_other(cluster, seeded):
    user = seeded["users"][0]
    with httpx.Client(timeout=60) as browser:
        answer = login(browser, cluster.node_url(0), user["id_number"], PASSWORD)
        assert answer.status_code == 302
        page = browser.get(f"{cluster.node_url(1)}/ho-so-cua-toi/")
    assert page.status_code == 200
    assert "Trần Thị Cụm 0" in page.text


def test_a_login_lock_set_through_one_node_holds_on_the_other(cluster, seeded):
    user = seeded["users"][1]
    with httpx.Client(timeout=60) as browser:
        for _ in range(5):
            wrong = login(browser, cluster.node_url(0), user["id_number"], "sai-mat-khau-1")
            assert wrong.status_code == 400
        locked = login(browser, cluster.node_url(1), user["id_number"], PASSWORD)
    assert locked.status_code == 429
    assert "Bạn đã đăng nhập sai quá nhiều lần" in locked.text


def test_a_code_sent_by_one_node_is_accepted_by_the_other(cluster, seeded):
    user = seeded["users"][2]
    new_phone = "0912345678"
    with httpx.Client(timeout=60) as browser:
        assert login(browser, cluster.node_url(1), user["id_number"], PASSWORD).status_code == 302
        sent = post_form(
            browser, f"{cluster.node_url(0)}/tai-khoan/doi-so-dien-thoai/", {"phone": new_phone}
        )
        assert sent.status_code == 302
        (text,) = cluster.query(
            "SELECT text FROM notifications_smsmessage WHERE phone = %s ORDER BY id DESC LIMIT 1",
            ("+84912345678",),
        )[0]
        code = re.search(r"\b(\d{6})\b", text).group(1)
        confirmed = post_form(
            browser,
            f"{cluster.node_url(1)}/tai-khoan/doi-so-dien-thoai/xac-nhan/",
            {"code": code},
        )
    assert confirmed.status_code == 302
    (phone,) = cluster.query(
        "SELECT phone FROM accounts_user WHERE id_number = %s", (user["id_number"],)
    )[0]
    assert phone == "+84912345678"


def test_a_catalog_edit_shows_on_every_node_within_the_bound(cluster, seeded):
    path = f"/thu-tuc/{seeded['procedure']}/"
    for n in (0, 1):  # both nodes have the page in their own page cache now
        for _ in range(2):
            assert "Thủ tục thử tải" in httpx.get(cluster.node_url(n) + path, timeout=30).text
    cluster.django(
        "from dichvucong.catalog.models import Procedure\n"
        f"p = Procedure.objects.get(code='{seeded['procedure']}')\n"
        "p.name = 'Thủ tục thử tải đã sửa'\n"
        "p.save()"
    )
    edited = time.monotonic()
    seen = {}
    while len(seen) < 2 and time.monotonic() - edited < 30:
        for n in (0, 1):
            if n not in seen and "đã sửa" in httpx.get(cluster.node_url(n) + path, timeout=30).text:
                seen[n] = time.monotonic() - edited
        time.sleep(0.1)
    assert set(seen) == {0, 1}, "a node kept showing the old name"
    assert max(seen.values()) <= CATALOG_BOUND_SECONDS, seen


def test_200_submissions_spread_over_both_nodes_get_200_distinct_codes(cluster, seeded):
    drafts = seeded["codes"]

    def one(item):
        draft, session = item
        client, form = prepare_submit(cluster.url, draft, session)
        try:
            return submit(client, cluster.url, draft, form)
        finally:
            client.close()

    with ThreadPoolExecutor(max_workers=16) as pool:
        accepted = list(pool.map(one, drafts))
    assert all(accepted)
    codes = _submitted(cluster, [d for d, _ in drafts])
    assert len(codes) == 200
    assert len(set(codes.values())) == 200
    by_node = cluster.served_by("/ho-so-dang-soan/")
    nodes = {f"127.0.0.1:{port}" for port in cluster.node_ports}
    assert set(by_node) >= nodes, by_node  # nginx sent submissions to each node


def test_a_node_killed_mid_load_loses_no_accepted_submission(cluster, seeded):
    drafts = seeded["kill"]
    prepared = [(d, *prepare_submit(cluster.url, d, s)) for d, s in drafts]
    killed_after = 10
    results: dict[int, bool] = {}

    def one(item):
        draft, client, form = item
        results[draft] = submit(client, cluster.url, draft, form)
        return results[draft]

    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            futures = [pool.submit(one, item) for item in prepared]
            while sum(1 for ok in results.values() if ok) < killed_after:
                time.sleep(0.05)
            cluster.kill_node(0)
            for future in futures:
                future.result()
        accepted = [d for d, ok in results.items() if ok]
        stored = _submitted(cluster, [d for d, _ in drafts])
        assert set(accepted) <= set(stored), "an accepted submission is missing"
        # Every accepted dossier's files are on the shared storage, readable by any node.
        files = cluster.query(
            "SELECT dossier_id, file FROM dossiers_attachment WHERE dossier_id = ANY(%s)",
            (accepted,),
        )
        assert {d for d, _ in files} == set(accepted)
        assert all((cluster.data_dir / "media" / name).is_file() for _, name in files)
        # Whoever saw an error sends the same form again: nginx now answers from node 1,
        # and the idempotency key turns a submission that did go through into the same dossier.
        for draft, client, form in prepared:
            if not results[draft]:
                assert submit(client, cluster.url, draft, form)
        stored = _submitted(cluster, [d for d, _ in drafts])
        assert len(stored) == len(drafts) == len(set(stored.values()))
    finally:
        for _, client, _ in prepared:
            client.close()
        if "node0" not in cluster.procs:
            cluster.start_node(0)


def test_each_task_is_run_once_by_one_of_the_two_workers(cluster, seeded):
    drafts = seeded["receipts"]
    for draft, session in drafts:
        client, form = prepare_submit(cluster.url, draft, session)
        try:
            assert submit(client, cluster.url, draft, form)
        finally:
            client.close()
    # Render each receipt again, ahead of the queue (the task is safe to run again).
    out = cluster.django(
        "from dichvucong.dossiers.tasks import generate_receipt\n"
        f"for pk in {[d for d, _ in drafts]!r}:\n"
        "    print(generate_receipt.using(priority=50).enqueue(pk).id)\n"
    )
    task_ids = out.split()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        rows = cluster.query(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"
            " WHERE id::text = ANY(%s)",
            (task_ids,),
        )
        if all(status in ("SUCCESSFUL", "FAILED") for status, _ in rows):
            break
        time.sleep(0.5)
    assert [status for status, _ in rows] == ["SUCCESSFUL"] * len(task_ids)
    # Over every task the cluster has run (these, and the after-commit work of the submissions
    # before them: receipts, signatures, SMS, the outbox), each was claimed by one worker, and
    # both workers took part. (A handful of quick tasks alone may all go to whichever worker
    # polls first.)
    everything = cluster.query(
        "SELECT worker_ids FROM django_tasks_database_dbtaskresult WHERE status = 'SUCCESSFUL'"
    )
    assert all(len(workers) == 1 for (workers,) in everything), "a task was claimed twice"
    assert len({workers[0] for (workers,) in everything}) == 2, "one worker did everything"
