"""WeChat's customer-service message API (客服消息), used when the bot misses the 5-second window."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any, Callable, Dict, Optional

import aiohttp

logger = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://api.weixin.qq.com"
STALE_TOKEN_ERRORS = {40001, 40014, 42001}  # invalid, malformed or expired access_token
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=10)


class WeChatAPIError(Exception):
    def __init__(self, errcode: int, errmsg: str = "") -> None:
        super().__init__(f"WeChat API error {errcode}: {errmsg}")
        self.errcode = errcode


class CustomerServiceAPI:
    """Sends text messages to a follower; fetches and caches the access_token it needs."""

    def __init__(
        self,
        appid: str,
        secret: str,
        api_base: str = DEFAULT_API_BASE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.appid = appid
        self.secret = secret
        self.api_base = (api_base or DEFAULT_API_BASE).rstrip("/")
        self.clock = clock
        self._token: Optional[str] = None
        self._token_expires = 0.0
        self._token_lock = asyncio.Lock()

    async def send_text(self, openid: str, content: str) -> None:
        """Delivers `content` to `openid`; raises WeChatAPIError or aiohttp.ClientError."""
        body = {"touser": openid, "msgtype": "text", "text": {"content": content}}
        async with aiohttp.ClientSession(timeout=REQUEST_TIMEOUT) as session:
            token = await self._access_token(session)
            try:
                await self._post(session, "/cgi-bin/message/custom/send", token, body)
            except WeChatAPIError as error:
                if error.errcode not in STALE_TOKEN_ERRORS:
                    raise
                token = await self._access_token(session, stale=token)
                await self._post(session, "/cgi-bin/message/custom/send", token, body)

    async def _access_token(self, session: aiohttp.ClientSession, stale: Optional[str] = None) -> str:
        async with self._token_lock:
            fresh = self._token and self._token != stale and self.clock() < self._token_expires
            if not fresh:
                await self._fetch_token(session)
            return self._token

    async def _fetch_token(self, session: aiohttp.ClientSession) -> None:
        params = {"grant_type": "client_credential", "appid": self.appid, "secret": self.secret}
        async with session.get(f"{self.api_base}/cgi-bin/token", params=params) as response:
            reply = _checked(await _json(response))
        lifetime = float(reply.get("expires_in", 7200))
        self._token = reply["access_token"]
        self._token_expires = self.clock() + max(lifetime - 300, lifetime / 2)
        logger.debug("Fetched a WeChat access_token valid for %.0f s.", lifetime)

    async def _post(self, session, path: str, token: str, body: Dict[str, Any]) -> Dict[str, Any]:
        # WeChat shows \\uXXXX escapes literally, so the JSON must carry raw UTF-8.
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8"}
        url = f"{self.api_base}{path}"
        async with session.post(url, params={"access_token": token}, data=data, headers=headers) as response:
            return _checked(await _json(response))


async def _json(response: aiohttp.ClientResponse) -> Dict[str, Any]:
    response.raise_for_status()
    return json.loads(await response.text())


def _checked(reply: Dict[str, Any]) -> Dict[str, Any]:
    errcode = int(reply.get("errcode") or 0)
    if errcode:
        raise WeChatAPIError(errcode, str(reply.get("errmsg", "")))
    return reply
