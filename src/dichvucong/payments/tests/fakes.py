"""Fake gateways on loopback speaking each vendor's protocol, written independently of the
provider modules (their own hashing) so a signing mistake on either side shows up."""

import hashlib
import hmac
import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit
from urllib.request import Request, urlopen


def _hmac(secret: str, text: str, algo) -> str:
    return hmac.new(secret.encode(), text.encode(), algo).hexdigest()


class FakeServer:
    """Base: a threaded HTTP server on 127.0.0.1, port 0; subclasses route requests."""

    def __init__(self):
        self.calls: list[tuple[str, str]] = []
        self.down = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _dispatch(self, method):
                split = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                fake.calls.append((method, split.path))
                if fake.down:
                    self.send_response(503)
                    self.end_headers()
                    return
                status, headers, payload = fake.route(
                    method, split.path, dict(parse_qsl(split.query)), body, self.headers
                )
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):
                self._dispatch("GET")

            def do_POST(self):
                self._dispatch("POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def route(self, method, path, query, body, headers):
        return 404, {}, b""

    @staticmethod
    def json(data, status=200):
        return status, {"Content-Type": "application/json"}, json.dumps(data).encode()

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


def get_url(url: str) -> tuple[int, bytes]:
    try:
        with urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
            return response.status, response.read()
    except Exception as exc:
        return getattr(exc, "code", 0), b""


class FakeVnpay(FakeServer):
    """VNPay v2.1.0: pay page, IPN to the merchant, redirect back, querydr."""

    def __init__(self, *, tmn_code: str, secret: str):
        super().__init__()
        self.tmn_code, self.secret = tmn_code, secret
        self.orders: dict[str, dict] = {}
        self.ipn_url = ""
        self.ipn_answers: list[dict] = []
        self.txn_seq = 14000000

    def _hash(self, params: dict) -> str:
        text = "&".join(f"{quote_plus(k)}={quote_plus(str(v))}" for k, v in sorted(params.items()))
        return _hmac(self.secret, text, hashlib.sha512)

    def verify(self, params: dict) -> bool:
        given = params.get("vnp_SecureHash", "")
        data = {
            k: v for k, v in params.items() if k not in ("vnp_SecureHash", "vnp_SecureHashType")
        }
        return hmac.compare_digest(self._hash(data), given)

    def result_params(self, ref: str, *, code: str = "00", amount: int | None = None) -> dict:
        order = self.orders[ref]
        self.txn_seq += 1
        params = {
            "vnp_Amount": str(amount * 100 if amount is not None else order["vnp_Amount"]),
            "vnp_BankCode": "NCB",
            "vnp_OrderInfo": order["vnp_OrderInfo"],
            "vnp_PayDate": order["vnp_CreateDate"],
            "vnp_ResponseCode": code,
            "vnp_TmnCode": self.tmn_code,
            "vnp_TransactionNo": str(self.txn_seq),
            "vnp_TransactionStatus": code,
            "vnp_TxnRef": ref,
        }
        params["vnp_SecureHash"] = self._hash(params)
        return params

    def send_ipn(self, params: dict) -> dict:
        status, body = get_url(f"{self.ipn_url}?{urlencode(params)}")
        answer = json.loads(body) if status == 200 else {"http": status}
        self.ipn_answers.append(answer)
        return answer

    def route(self, method, path, query, body, headers):
        if path == "/paymentv2/vpcpay.html" and method == "GET":
            if not self.verify(query) or query.get("vnp_TmnCode") != self.tmn_code:
                return 400, {}, b"Sai chu ky"
            self.orders[query["vnp_TxnRef"]] = query | {"status": "pending"}
            form = (
                f'<form method="post" action="/pay/{query["vnp_TxnRef"]}">'
                '<button name="r" value="00">Thanh toán</button>'
                '<button name="r" value="24">Hủy giao dịch</button></form>'
            )
            return 200, {"Content-Type": "text/html; charset=utf-8"}, form.encode()
        if path.startswith("/pay/") and method == "POST":
            ref = path.rsplit("/", 1)[1]
            code = dict(parse_qsl(body.decode())).get("r", "00")
            params = self.result_params(ref, code=code)
            self.orders[ref]["status"] = "paid" if code == "00" else "failed"
            self.orders[ref]["result"] = params
            self.send_ipn(params)
            back = f"{self.orders[ref]['vnp_ReturnUrl']}?{urlencode(params)}"
            return 302, {"Location": back}, b""
        if path == "/merchant_webapi/api/transaction" and method == "POST":
            return self.json(self.querydr(json.loads(body)))
        return 404, {}, b""

    def querydr(self, req: dict) -> dict:
        fields = (
            "vnp_RequestId",
            "vnp_Version",
            "vnp_Command",
            "vnp_TmnCode",
            "vnp_TxnRef",
            "vnp_TransactionDate",
            "vnp_CreateDate",
            "vnp_IpAddr",
            "vnp_OrderInfo",
        )
        expected = _hmac(self.secret, "|".join(str(req.get(f, "")) for f in fields), hashlib.sha512)
        order = self.orders.get(req.get("vnp_TxnRef"))
        answer = {
            "vnp_ResponseId": "r1",
            "vnp_Command": "querydr",
            "vnp_TmnCode": self.tmn_code,
            "vnp_TxnRef": req.get("vnp_TxnRef", ""),
            "vnp_Message": "QueryDR Success",
        }
        if not hmac.compare_digest(expected, req.get("vnp_SecureHash", "")):
            answer |= {"vnp_ResponseCode": "97"}
        elif order is None:
            answer |= {"vnp_ResponseCode": "91"}
        else:
            result = order.get("result") or {}
            answer |= {
                "vnp_ResponseCode": "00",
                "vnp_Amount": order["vnp_Amount"],
                "vnp_BankCode": "NCB",
                "vnp_PayDate": order["vnp_CreateDate"],
                "vnp_TransactionNo": result.get("vnp_TransactionNo", "0"),
                "vnp_TransactionType": "01",
                "vnp_OrderInfo": order["vnp_OrderInfo"],
                "vnp_TransactionStatus": {"paid": "00", "pending": "01"}.get(order["status"], "02"),
                "vnp_PromotionCode": "",
                "vnp_PromotionAmount": "",
            }
        order_fields = (
            "vnp_ResponseId",
            "vnp_Command",
            "vnp_ResponseCode",
            "vnp_Message",
            "vnp_TmnCode",
            "vnp_TxnRef",
            "vnp_Amount",
            "vnp_BankCode",
            "vnp_PayDate",
            "vnp_TransactionNo",
            "vnp_TransactionType",
            "vnp_TransactionStatus",
            "vnp_OrderInfo",
            "vnp_PromotionCode",
            "vnp_PromotionAmount",
        )
        answer["vnp_SecureHash"] = _hmac(
            self.secret, "|".join(str(answer.get(f, "")) for f in order_fields), hashlib.sha512
        )
        return answer


class FakeMomo(FakeServer):
    """MoMo all-in-one v2: create (payUrl), query; builds signed IPN bodies."""

    CREATE = (
        "accessKey",
        "amount",
        "extraData",
        "ipnUrl",
        "orderId",
        "orderInfo",
        "partnerCode",
        "redirectUrl",
        "requestId",
        "requestType",
    )
    RESULT = (
        "accessKey",
        "amount",
        "extraData",
        "message",
        "orderId",
        "orderInfo",
        "orderType",
        "partnerCode",
        "payType",
        "requestId",
        "responseTime",
        "resultCode",
        "transId",
    )

    def __init__(self, *, partner_code: str, access_key: str, secret: str):
        super().__init__()
        self.partner_code, self.access_key, self.secret = partner_code, access_key, secret
        self.orders: dict[str, dict] = {}
        self.request_ids: dict[str, dict] = {}

    def sign(self, data: dict, fields) -> str:
        raw = "&".join(
            f"{f}={self.access_key if f == 'accessKey' else data.get(f, '')}" for f in fields
        )
        return _hmac(self.secret, raw, hashlib.sha256)

    def route(self, method, path, query, body, headers):
        data = json.loads(body or b"{}")
        if path == "/v2/gateway/api/create":
            if not hmac.compare_digest(self.sign(data, self.CREATE), data.get("signature", "")):
                return self.json({"resultCode": 11, "message": "signature"})
            if data["requestId"] in self.request_ids:  # idempotent by requestId
                return self.json(self.request_ids[data["requestId"]])
            self.orders[data["orderId"]] = data | {"status": "pending"}
            answer = {
                "partnerCode": self.partner_code,
                "orderId": data["orderId"],
                "requestId": data["requestId"],
                "amount": data["amount"],
                "resultCode": 0,
                "message": "Thành công.",
                "payUrl": f"{self.url}/pay/{data['orderId']}",
            }
            self.request_ids[data["requestId"]] = answer
            return self.json(answer)
        if path == "/v2/gateway/api/query":
            raw = (
                f"accessKey={self.access_key}&orderId={data.get('orderId')}"
                f"&partnerCode={data.get('partnerCode')}&requestId={data.get('requestId')}"
            )
            if not hmac.compare_digest(
                _hmac(self.secret, raw, hashlib.sha256), data.get("signature", "")
            ):
                return self.json({"resultCode": 11})
            order = self.orders.get(data["orderId"])
            if order is None:
                return self.json({"resultCode": 42, "orderId": data["orderId"]})
            code = {"paid": 0, "pending": 1000}.get(order["status"], 1006)
            return self.json(
                {
                    "partnerCode": self.partner_code,
                    "orderId": data["orderId"],
                    "amount": order["amount"],
                    "transId": 4088878653,
                    "resultCode": code,
                    "message": "ok",
                    "payType": "qr",
                }
            )
        return 404, {}, b""

    def ipn_body(self, order_id: str, *, result_code: int = 0, amount: int | None = None) -> dict:
        order = self.orders[order_id]
        body = {
            "partnerCode": self.partner_code,
            "orderId": order_id,
            "requestId": order["requestId"],
            "amount": amount if amount is not None else order["amount"],
            "orderInfo": order["orderInfo"],
            "orderType": "momo_wallet",
            "transId": 4088878653,
            "resultCode": result_code,
            "message": "Thành công.",
            "payType": "qr",
            "responseTime": 1721720663942,
            "extraData": "",
        }
        body["signature"] = self.sign(body, self.RESULT)
        if result_code == 0:
            order["status"] = "paid"
        return body


class FakeDvcqgPayment(FakeServer):
    """The DVCQG payment platform 1.0.6: INIT, QUERY and GET_BILL at their own paths, each
    checked with its |-joined SHA-256 MaXacThuc; builds the confirm callbacks it would send.
    `answer` overrides what the next INIT gets (a status and raw body), for broken platforms."""

    INIT = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "SoTien", "LoaiHinhThanhToan",
            "MaKenhThanhToan", "MaThietBi", "NgonNgu", "MaTienTe", "MaNganHang",
            "ThongTinGiaoDich", "ThoiGianGD", "Ip")  # fmt: skip
    REQUEST = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD")
    CONFIRM = ("LoaiBanTin", "MaLoi", "MaDoiTac", "MaThamChieu", "SoTien", "MaTienTe",
               "MaGiaoDich", "MaNganHang", "ThoiGianGD", "ThongTinGiaoDich")  # fmt: skip
    RECEIPT = b"%PDF-1.4\n% bien lai dien tu DVCQG\n%%EOF\n"

    def __init__(self, *, partner: str, secret: str):
        super().__init__()
        self.partner, self.secret = partner, secret
        self.orders: dict[str, dict] = {}
        self.requests: list[dict] = []
        self.answer: tuple[int, bytes] | None = None

    def checksum(self, message: dict, fields) -> str:
        text = "|".join([*(str(message.get(f, "")) for f in fields), self.secret])
        return hashlib.sha256(text.encode()).hexdigest()

    def route(self, method, path, query, body, headers):
        message = json.loads(body or b"{}")
        self.requests.append(message)
        if path == "/init":
            if self.answer is not None:
                status, raw = self.answer
                return status, {"Content-Type": "application/json"}, raw
            if self.checksum(message, self.INIT) != message.get("MaXacThuc"):
                return self.json({"error_code": "97", "message": "Sai ma xac thuc"})
            ref = message["MaThamChieu"]
            self.orders[ref] = message | {"TrangThaiGD": "0", "MaLoi": ""}
            url = f"{self.url}/thanh-toan/{ref}"
            return self.json({"error_code": "0", "message": json.dumps({"UrlThanhToan": url})})
        if path in ("/query", "/bill"):
            if self.checksum(message, self.REQUEST) != message.get("MaXacThuc"):
                return self.json({"MaLoi": "97"})
            ref = message.get("MaThamChieu", "")
            if ref not in self.orders:
                return self.json({"MaLoi": "01", "MoTaLoi": "Khong tim thay"})
            if path == "/bill":
                return 200, {"Content-Type": "application/pdf"}, self.RECEIPT
            order = self.orders[ref]
            answer = self.confirm(ref, code=order["MaLoi"]) | {"LoaiBanTin": "QUERY"}
            answer["MaXacThuc"] = self.checksum(answer, self.CONFIRM)
            return self.json(answer | {"TrangThaiGD": order["TrangThaiGD"]})
        return 404, {}, b""

    def confirm(self, ref: str, *, code: str = "00", amount: int | None = None) -> dict:
        """The confirm callback the platform sends once the citizen has paid (code 00)."""
        order = self.orders[ref]
        if code == "00":
            order.update(MaLoi="00", TrangThaiGD="1")
        message = {
            "LoaiBanTin": "CONFIRM",
            "MaLoi": code,
            "MaDoiTac": self.partner,
            "MaThamChieu": ref,
            "SoTien": amount if amount is not None else int(order["SoTien"]),
            "MaTienTe": "VND",
            "MaGiaoDich": "DVCQG" + ref[-6:],
            "MaNganHang": "VCB",
            "ThoiGianGD": "20270201054500",
            "ThongTinGiaoDich": order["ThongTinGiaoDich"],
        }
        message["MaXacThuc"] = self.checksum(message, self.CONFIRM)
        return message


class FakeVnpost(FakeServer):
    """VNPost JSON API: create order (Bearer token) → tracking number; signs callbacks."""

    def __init__(self, *, token: str, secret: str):
        super().__init__()
        self.token, self.secret = token, secret
        self.orders: dict[str, dict] = {}

    def route(self, method, path, query, body, headers):
        if path == "/api/orders" and method == "POST":
            if headers.get("Authorization") != f"Bearer {self.token}":
                return self.json({"error": "unauthorized"}, status=401)
            data = json.loads(body)
            tracking = f"EB{len(self.orders) + 100000001:09d}VN"
            self.orders[data["order_code"]] = data | {"tracking_number": tracking}
            return self.json({"tracking_number": tracking, "fee": 25000})
        return 404, {}, b""

    def callback(self, order_code: str, status: str, **extra) -> tuple[bytes, dict]:
        order = self.orders[order_code]
        body = json.dumps(
            {
                "order_code": order_code,
                "tracking_number": order["tracking_number"],
                "status": status,
                "event_time": "2026-11-25T10:00:00+07:00",
                **extra,
            }
        ).encode()
        signature = _hmac(self.secret, body.decode(), hashlib.sha256)
        return body, {"X-Signature": signature}

    def send_callback(self, order_code: str, status: str, **extra) -> int:
        body, headers = self.callback(order_code, status, **extra)
        request = Request(  # noqa: S310 (loopback only)
            self.orders[order_code]["callback_url"],
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", **headers},
        )
        try:
            with urlopen(request, timeout=10) as response:  # noqa: S310 (loopback only)
                return response.status
        except Exception as exc:
            return getattr(exc, "code", 0)
