"""The WeChat Official Account callback protocol: signatures, AES envelopes, message XML.

Everything here is synchronous and free of I/O so that the channel and its tests share one
definition of what WeChat sends and expects.
"""
from __future__ import annotations

import base64
import binascii
import hmac
import struct
import time
from dataclasses import dataclass
from enum import Enum
from typing import Mapping, Optional
from xml.parsers.expat import ExpatError

import xmltodict
from wechatpy import parse_message
from wechatpy.crypto import PrpCrypto, WeChatCrypto
from wechatpy.events import BaseEvent
from wechatpy.exceptions import InvalidAppIdException
from wechatpy.messages import (
    ImageMessage,
    LinkMessage,
    LocationMessage,
    MiniProgramPageMessage,
    ShortVideoMessage,
    TextMessage,
    VideoMessage,
    VoiceMessage,
)
from wechatpy.replies import TextReply
from wechatpy.utils import WeChatSigner

UNSUPPORTED_MEDIA = (
    ImageMessage,
    LinkMessage,
    LocationMessage,
    MiniProgramPageMessage,
    ShortVideoMessage,
    VideoMessage,
)


class Forbidden(Exception):
    """The request is not signed by WeChat with our token."""


class Malformed(Exception):
    """The request is signed but cannot be read."""


def signature(*parts: str) -> str:
    """sha1 over the sorted parts, as WeChat signs callbacks."""
    signer = WeChatSigner()
    signer.add_data(*parts)
    return signer.signature


def signature_matches(expected_parts: tuple, given: Optional[str]) -> bool:
    if not given or any(part is None for part in expected_parts):
        return False
    return hmac.compare_digest(signature(*expected_parts), given)


def decode_aes_key(aes_key: str) -> bytes:
    """The 43-character EncodingAESKey is base64 of a 32-byte AES key without its '='."""
    try:
        key = base64.b64decode(aes_key + "=", validate=True)
    except binascii.Error as error:
        raise ValueError("EncodingAESKey is not base64") from error
    if len(aes_key) != 43 or len(key) != 32:
        raise ValueError("EncodingAESKey must be 43 characters encoding 32 bytes")
    return key


class Envelope:
    """Checks and opens incoming callbacks and seals replies, in plain or safe (AES) mode."""

    def __init__(self, token: str, aes_key: str = "", appid: str = "") -> None:
        if not token:
            raise ValueError("a WeChat token is required")
        self.token = token
        self.appid = appid
        self.key = decode_aes_key(aes_key) if aes_key else None
        if self.key and not appid:
            raise ValueError("safe mode (EncodingAESKey) needs the AppID")
        self._crypto = WeChatCrypto(token, aes_key, appid) if self.key else None

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def _url_signed(self, query: Mapping[str, str]) -> bool:
        parts = (self.token, query.get("timestamp"), query.get("nonce"))
        return signature_matches(parts, query.get("signature"))

    def verify_url(self, query: Mapping[str, str]) -> Optional[str]:
        """The echostr to send back when WeChat checks the server URL, else None."""
        echostr = query.get("echostr")
        if echostr is None or not self._url_signed(query):
            return None
        return echostr

    def open(self, query: Mapping[str, str], body: bytes) -> str:
        """The plaintext message XML of a callback; raises Forbidden or Malformed."""
        if not self._url_signed(query):
            raise Forbidden("bad or missing signature")
        is_aes = query.get("encrypt_type") == "aes"
        if self.key is None:
            if is_aes:
                raise Malformed("encrypted callback but no EncodingAESKey configured")
            return _utf8(body)
        if not is_aes:
            raise Forbidden("plain callback while safe mode is configured")
        encrypt = _field(_utf8(body), "Encrypt")
        parts = (self.token, query.get("timestamp"), query.get("nonce"), encrypt)
        if not signature_matches(parts, query.get("msg_signature")):
            raise Forbidden("bad or missing msg_signature")
        try:
            return PrpCrypto(self.key).decrypt(encrypt, self.appid)
        except InvalidAppIdException as error:
            raise Forbidden("message encrypted for another AppID") from error
        except (ValueError, IndexError, struct.error, UnicodeDecodeError) as error:
            raise Malformed("cannot decrypt") from error

    def seal(self, reply_xml: str, nonce: str) -> str:
        """The reply as WeChat expects it in the configured mode."""
        if self._crypto is None:
            return reply_xml
        return self._crypto.encrypt_message(reply_xml, nonce or "", str(int(time.time())))


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Malformed("body is not UTF-8") from error


def _xml_root(xml: str) -> dict:
    try:
        root = xmltodict.parse(xml).get("xml")
    except (ExpatError, ValueError) as error:
        raise Malformed("not XML") from error
    if not isinstance(root, dict):
        raise Malformed("no <xml> element")
    return root


def _field(xml: str, name: str) -> str:
    value = _xml_root(xml).get(name)
    if not isinstance(value, str) or not value:
        raise Malformed(f"no {name}")
    return value


class Action(Enum):
    ASK = "ask"  # send text to the bot
    WELCOME = "welcome"  # a new follower: the bot's greeting
    PROMPT = "prompt"  # answer with a fixed request to type the question
    IGNORE = "ignore"  # acknowledge with "success"


TYPE_YOUR_QUESTION = "您好，目前只能读懂文字消息。请直接输入您想了解的问题，例如“怎样申请政府信息公开？”"
VOICE_NOT_RECOGNISED = "抱歉，没能识别这条语音。请用文字输入您的问题。"
EMPTY_TEXT = "请输入您想了解的问题。"


@dataclass(frozen=True)
class Inbound:
    """One callback reduced to what the channel acts on."""

    openid: str
    account: str
    key: str  # the deduplication key: MsgId, or FromUserName+CreateTime for events
    kind: str
    action: Action
    text: str = ""


def parse_inbound(xml: str) -> Inbound:
    """Reads a plaintext callback; raises Malformed when it is not a WeChat message."""
    root = _xml_root(xml)
    if not isinstance(root.get("MsgType"), str) or not isinstance(root.get("FromUserName"), str):
        raise Malformed("no MsgType or FromUserName")
    try:
        message = parse_message(xml)
        msg_id = root.get("MsgId")
        key = str(int(msg_id)) if msg_id else f"{message.source}:{int(message.time)}"
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise Malformed("unreadable message fields") from error
    action, text = _classify(message)
    return Inbound(
        openid=message.source,
        account=message.target or "",
        key=key,
        kind=str(getattr(message, "event", None) or message.type),
        action=action,
        text=text,
    )


def _classify(message) -> tuple[Action, str]:
    if isinstance(message, TextMessage):
        content = (message.content or "").strip()
        return (Action.ASK, content) if content else (Action.PROMPT, EMPTY_TEXT)
    if isinstance(message, VoiceMessage):
        recognised = (message.recognition or "").strip()
        return (Action.ASK, recognised) if recognised else (Action.PROMPT, VOICE_NOT_RECOGNISED)
    if isinstance(message, UNSUPPORTED_MEDIA):
        return Action.PROMPT, TYPE_YOUR_QUESTION
    if isinstance(message, BaseEvent):
        return _classify_event(message)
    return Action.IGNORE, ""


def _classify_event(event: BaseEvent) -> tuple[Action, str]:
    if event.event in ("subscribe", "subscribe_scan"):
        return Action.WELCOME, ""
    if event.event == "click":
        key = (getattr(event, "key", None) or "").strip()
        return (Action.ASK, key) if key else (Action.IGNORE, "")
    return Action.IGNORE, ""


def render_text_reply(inbound: Inbound, content: str) -> str:
    """A passive text reply to the sender of `inbound`."""
    safe = content.replace("]]>", "]]]]><![CDATA[>")
    reply = TextReply(source=inbound.account, target=inbound.openid, content=safe, time=int(time.time()))
    return reply.render()
