"""A terminal conversation with the running assistant through its REST channel."""
import json
import urllib.error
import urllib.request
import uuid
from typing import Callable, List

from bot.nlu.normalize import MAX_CHARS


def ask(rasa_url: str, sender: str, text: str, timeout: float = 30) -> List[dict]:
    request = urllib.request.Request(
        f"{rasa_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def render(messages: List[dict]) -> List[str]:
    """Lines to print for the bot's messages; buttons become numbered options."""
    lines, options = [], []
    for message in messages:
        lines += (message.get("text") or "").splitlines()
        for button in message.get("buttons") or []:
            options.append(button)
            lines.append(f"  {len(options)}. {button['title']}")
    return lines


def run(rasa_url: str, read: Callable[[str], str] = input, write: Callable[[str], None] = print) -> None:
    sender = f"cli-{uuid.uuid4().hex[:12]}"
    options: List[dict] = []
    write("政务公开问答助手（输入问题后回车；输入数字选择选项；Ctrl-D 或“退出”结束）")
    while True:
        try:
            text = read("您> ").strip()
        except (EOFError, KeyboardInterrupt):
            write("")
            return
        if text in {"退出", "exit", "quit"}:
            return
        if text.isdigit() and 0 < int(text) <= len(options):
            text = options[int(text) - 1]["payload"]
        try:
            messages = ask(rasa_url, sender, text[: MAX_CHARS * 10])
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            write(f"助手> 暂时无法连接服务（{error}），请稍后再试。")
            continue
        options = [b for m in messages for b in (m.get("buttons") or [])]
        for number, line in enumerate(render(messages) or ["（没有回复）"]):
            write(f"{'助手>' if number == 0 else '     '} {line}")
