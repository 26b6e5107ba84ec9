"""A WeChat Official Account platform for tests: it signs, encrypts and POSTs callbacks over HTTP
like WeChat's servers do, checks and decrypts the replies, and fakes the customer-service API.

The algorithms are written out here from WeChat's documentation (not taken from the channel's
library), so the channel is checked against the protocol rather than against itself:
- signature = sha1 of the sorted, concatenated [token, timestamp, nonce]
- msg_signature = sha1 of the sorted, concatenated [token, timestamp, nonce, Encrypt]
- Encrypt = base64(AES-256-CBC(key, iv=key[:16], PKCS#7 to 32-byte blocks,
  16 random bytes + 4-byte big-endian length + message + AppID)), key = base64(EncodingAESKey + "=")
"""
from __future__ import annotations

import base64
import hashlib
import itertools
import json
import os
import random
import re
import secrets
import string
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, List, Optional

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

BLOCK = 32


def sign(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode("utf-8")).hexdigest()


def new_aes_key() -> str:
    """A fresh 43-character EncodingAESKey, as the 公众号 console generates."""
    return base64.b64encode(secrets.token_bytes(32)).decode("ascii").rstrip("=")


def _key(aes_key: str) -> bytes:
    return base64.b64decode(aes_key + "=")


def encrypt(aes_key: str, appid: str, message: str, prefix: Optional[bytes] = None) -> str:
    key = _key(aes_key)
    raw = message.encode("utf-8")
    plain = (prefix or os.urandom(16)) + len(raw).to_bytes(4, "big") + raw + appid.encode("utf-8")
    pad = BLOCK - len(plain) % BLOCK
    plain += bytes([pad]) * pad
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode("ascii")


def decrypt(aes_key: str, encrypted: str) -> tuple[str, str]:
    """(message, appid) from an Encrypt field."""
    key = _key(aes_key)
    decryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).decryptor()
    plain = decryptor.update(base64.b64decode(encrypted)) + decryptor.finalize()
    pad = plain[-1]
    if not 1 <= pad <= BLOCK or plain[-pad:] != bytes([pad]) * pad:
        raise ValueError("bad PKCS#7 padding")
    plain = plain[16:-pad]
    length = int.from_bytes(plain[:4], "big")
    return plain[4 : 4 + length].decode("utf-8"), plain[4 + length :].decode("utf-8")


def cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def message_xml(account: str, openid: str, msg_type: str, fields: Dict[str, object], create_time: int) -> str:
    """A callback body the way WeChat writes it: CDATA for strings, bare numbers."""
    nodes = [
        f"<ToUserName>{cdata(account)}</ToUserName>",
        f"<FromUserName>{cdata(openid)}</FromUserName>",
        f"<CreateTime>{create_time}</CreateTime>",
        f"<MsgType>{cdata(msg_type)}</MsgType>",
    ]
    for name, value in fields.items():
        text = str(value) if isinstance(value, (int, float)) else cdata(str(value))
        nodes.append(f"<{name}>{text}</{name}>")
    return "<xml>" + "".join(nodes) + "</xml>"


def xml_fields(xml: str) -> Dict[str, str]:
    return {child.tag: child.text or "" for child in ET.fromstring(xml)}


@dataclass
class Reply:
    """What our server answered to one callback, after WeChat's checks."""

    status: int
    body: str
    message: Optional[Dict[str, str]] = None  # the (decrypted) reply XML's fields
    seconds: float = 0.0

    @property
    def content(self) -> Optional[str]:
        return self.message.get("Content") if self.message else None

    @property
    def is_success_ack(self) -> bool:
        return self.status == 200 and self.body.strip() in ("", "success")


class WeChatSimulator:
    """WeChat's side of a 公众号's server configuration: URL, Token, EncodingAESKey, AppID."""

    def __init__(
        self,
        webhook_url: str,
        token: str,
        appid: str = "wx5f0c2a1b3d4e6f70",
        aes_key: Optional[str] = None,
        account: str = "gh_0123456789ab",
        timeout: float = 30.0,
    ) -> None:
        self.webhook_url = webhook_url
        self.token = token
        self.appid = appid
        self.aes_key = aes_key
        self.account = account
        self.timeout = timeout
        self._msg_ids = itertools.count(random.randrange(10**15, 9 * 10**15))

    # -- URL verification -------------------------------------------------------------------

    def verify_url(self, echostr: str, forge: bool = False) -> Reply:
        timestamp, nonce = self._stamp()
        signature = sign(self.token, timestamp, nonce)
        if forge:
            signature = sign("not-the-token", timestamp, nonce)
        query = {"signature": signature, "timestamp": timestamp, "nonce": nonce, "echostr": echostr}
        return self._request("GET", query, None)

    # -- callbacks ----------------------------------------------------------------------------

    def next_msg_id(self) -> int:
        return next(self._msg_ids)

    def text_xml(self, openid: str, content: str, msg_id: Optional[int] = None) -> str:
        msg_id = msg_id or self.next_msg_id()
        return message_xml(self.account, openid, "text", {"Content": content, "MsgId": msg_id}, int(time.time()))

    def voice_xml(self, openid: str, recognition: Optional[str]) -> str:
        fields: Dict[str, object] = {"MediaId": _media_id(), "Format": "amr"}
        if recognition is not None:
            fields["Recognition"] = recognition
        fields["MsgId"] = self.next_msg_id()
        return message_xml(self.account, openid, "voice", fields, int(time.time()))

    def image_xml(self, openid: str) -> str:
        fields = {"PicUrl": "http://mmbiz.qpic.cn/example.jpg", "MediaId": _media_id(), "MsgId": self.next_msg_id()}
        return message_xml(self.account, openid, "image", fields, int(time.time()))

    def location_xml(self, openid: str) -> str:
        fields = {"Location_X": 32.06, "Location_Y": 118.79, "Scale": 15, "Label": "南京市", "MsgId": self.next_msg_id()}
        return message_xml(self.account, openid, "location", fields, int(time.time()))

    def event_xml(self, openid: str, event: str, create_time: Optional[int] = None, key: str = "") -> str:
        fields: Dict[str, object] = {"Event": event}
        if key:
            fields["EventKey"] = key
        return message_xml(self.account, openid, "event", fields, create_time or int(time.time()))

    def send_text(self, openid: str, content: str, msg_id: Optional[int] = None) -> Reply:
        return self.post(self.text_xml(openid, content, msg_id))

    def post(self, xml: str, signature: str = "valid", msg_signature: str = "valid") -> Reply:
        """POSTs a plaintext callback XML as WeChat would; `signature`/`msg_signature` may be
        "valid", "forged" or "missing"."""
        timestamp, nonce = self._stamp()
        query = {"timestamp": timestamp, "nonce": nonce, "openid": _openid_of(xml)}
        _put_signature(query, "signature", signature, self.token, timestamp, nonce)
        body = xml
        if self.aes_key:
            encrypted = encrypt(self.aes_key, self.appid, xml)
            body = f"<xml><ToUserName>{cdata(self.account)}</ToUserName><Encrypt>{cdata(encrypted)}</Encrypt></xml>"
            query["encrypt_type"] = "aes"
            _put_signature(query, "msg_signature", msg_signature, self.token, timestamp, nonce, encrypted)
        return self._request("POST", query, body.encode("utf-8"))

    def post_raw(self, body: bytes, query: Dict[str, str]) -> Reply:
        return self._request("POST", query, body)

    def signed_query(self) -> Dict[str, str]:
        timestamp, nonce = self._stamp()
        return {"signature": sign(self.token, timestamp, nonce), "timestamp": timestamp, "nonce": nonce}

    # -- transport and WeChat's checks of the reply ------------------------------------------

    def _stamp(self) -> tuple[str, str]:
        return str(int(time.time())), "".join(random.choices(string.digits, k=10))

    def _request(self, method: str, query: Dict[str, str], body: Optional[bytes]) -> Reply:
        url = self.webhook_url + "?" + urllib.parse.urlencode(query)
        request = urllib.request.Request(url, data=body, method=method)
        if body is not None:
            request.add_header("Content-Type", "text/xml")
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, text = response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8", "replace")
        reply = Reply(status, text, seconds=time.monotonic() - started)
        if method == "POST" and status == 200 and not reply.is_success_ack:
            reply.message = self.open_reply(text)
        return reply

    def open_reply(self, body: str) -> Dict[str, str]:
        """The reply's message fields; in safe mode checks MsgSignature and AppID first."""
        if not self.aes_key:
            return xml_fields(body)
        outer = xml_fields(body)
        expected = sign(self.token, outer["TimeStamp"], outer["Nonce"], outer["Encrypt"])
        if outer["MsgSignature"] != expected:
            raise AssertionError("reply MsgSignature does not verify")
        message, appid = decrypt(self.aes_key, outer["Encrypt"])
        if appid != self.appid:
            raise AssertionError(f"reply encrypted for AppID {appid!r}")
        return xml_fields(message)


def _put_signature(query: Dict[str, str], name: str, how: str, token: str, *parts: str) -> None:
    if how == "valid":
        query[name] = sign(token, *parts)
    elif how == "forged":
        query[name] = sign(token + "-forged", *parts)
    elif how != "missing":
        raise ValueError(how)


def _openid_of(xml: str) -> str:
    try:
        return xml_fields(xml).get("FromUserName", "")
    except ET.ParseError:
        return ""


def _media_id() -> str:
    return "".join(random.choices(string.ascii_letters + string.digits, k=32))


# -- WeChat's API server, for the customer-service path ------------------------------------------


@dataclass
class FakeWeChatAPI:
    """api.weixin.qq.com on loopback: issues access tokens and receives customer-service messages.

    Set `revoke_next_token` to make the next send fail with errcode 40001, as WeChat does when
    another client fetched a newer token.
    """

    appid: str
    secret: str
    expires_in: int = 7200
    revoke_next_token: bool = False
    token_requests: int = 0
    sends: List[Dict[str, object]] = field(default_factory=list)
    delivered: List[Dict[str, str]] = field(default_factory=list)
    _valid_token: Optional[str] = None
    _server: Optional[ThreadingHTTPServer] = None

    def __post_init__(self) -> None:
        self._lock = threading.Condition()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakeWeChatAPI":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                fake._respond(self, fake._token(self))

            def do_POST(self):  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake._respond(self, fake._send(self, raw))

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def wait_for_messages(self, openid: str, count: int = 1, timeout: float = 60.0) -> List[Dict[str, str]]:
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                mine = [m for m in self.delivered if m["touser"] == openid]
                remaining = deadline - time.monotonic()
                if len(mine) >= count or remaining <= 0:
                    return mine
                self._lock.wait(remaining)

    def _token(self, handler: BaseHTTPRequestHandler) -> Dict[str, object]:
        url = urllib.parse.urlparse(handler.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        with self._lock:
            self.token_requests += 1
            if url.path != "/cgi-bin/token" or query.get("grant_type") != "client_credential":
                return {"errcode": 40002, "errmsg": "invalid grant_type"}
            if query.get("appid") != self.appid or query.get("secret") != self.secret:
                return {"errcode": 40013, "errmsg": "invalid appid or secret"}
            self._valid_token = f"ACCESS_TOKEN_{self.token_requests}_{secrets.token_hex(4)}"
            return {"access_token": self._valid_token, "expires_in": self.expires_in}

    def _send(self, handler: BaseHTTPRequestHandler, raw: bytes) -> Dict[str, object]:
        url = urllib.parse.urlparse(handler.path)
        token = dict(urllib.parse.parse_qsl(url.query)).get("access_token")
        with self._lock:
            self.sends.append({"token": token, "raw": raw})
            if url.path != "/cgi-bin/message/custom/send":
                return {"errcode": 404, "errmsg": "unknown api"}
            if token is None or token != self._valid_token:
                return {"errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest"}
            if self.revoke_next_token:
                self.revoke_next_token = False
                self._valid_token = None
                return {"errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest"}
            body = json.loads(raw.decode("utf-8"))
            if body.get("msgtype") != "text":
                return {"errcode": 40008, "errmsg": "invalid message type"}
            self.delivered.append({"touser": body["touser"], "content": body["text"]["content"], "raw": raw})
            self._lock.notify_all()
            return {"errcode": 0, "errmsg": "ok"}

    @staticmethod
    def _respond(handler: BaseHTTPRequestHandler, payload: Dict[str, object]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json; encoding=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


# -- what the bot saw ------------------------------------------------------------------------------

QUESTION = "2022年收到多少政府信息公开申请？"
FOLLOW_UP = "其中予以公开的呢？"
RECEIVED = "23"  # the seed report: 2022年接收政府信息公开申请23件
GRANTED = "7"  # the seed report: 其中予以公开7件


def has_figure(text: str, figure: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(figure)}(?![\d.])", text or "") is not None


def has_source(text: str) -> bool:
    return any(line.startswith("来源") for line in (text or "").splitlines())



def tracker_events(tracker_db, sender_id: str) -> List[Dict[str, object]]:
    """The events Rasa's SQLite tracker store recorded for one conversation, oldest first."""
    import sqlite3

    if not os.path.exists(tracker_db):
        return []
    with sqlite3.connect(f"file:{tracker_db}?mode=ro", uri=True) as db:
        try:
            rows = db.execute(
                "SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id", (sender_id,)
            ).fetchall()
        except sqlite3.OperationalError:  # no conversation stored yet
            return []
    return [{"event": type_name, **json.loads(data)} for type_name, data in rows]


def as_sent(*texts: str) -> List[str]:
    """The texts as the channel hands them to the bot (normalised like every channel's input)."""
    from bot.nlu.normalize import user_text_for_rasa

    return [user_text_for_rasa(text) for text in texts]


def user_texts(tracker_db, sender_id: str) -> List[str]:
    """What the bot was told in one conversation."""
    return [event.get("text") for event in tracker_events(tracker_db, sender_id) if event["event"] == "user"]


def new_openid() -> str:
    """An OpenID shaped like WeChat's (28 characters)."""
    return "o" + "".join(random.choices(string.ascii_letters + string.digits + "-_", k=27))
