"""Starts the real action server and Rasa server on free loopback ports for end-to-end tests."""
from pathlib import Path
from typing import Dict, List, Optional

from bot import serve, training
from bot.chat import ask
from knowledge import KnowledgeBase


def trained_model() -> Path:
    """The model for the current config, data and catalogue (trained once, then cached)."""
    return training.train(KnowledgeBase.open(), echo=lambda *_: None)


class RunningServers(serve.Servers):
    def say(self, sender: str, text: str, timeout: float = 60) -> List[dict]:
        """One turn through the REST channel; the bot's messages."""
        return ask(self.rasa_url, sender, text, timeout)

    def text(self, sender: str, message: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(sender, message))

    def restart_rasa(self) -> None:
        self.stop_process(self.rasa_process)
        self.start_rasa()


def start_servers(workdir: Path, env: Optional[Dict[str, str]] = None, **options) -> RunningServers:
    """Action server + Rasa server (REST, web widget, and WeChat when env has WECHAT_TOKEN)."""
    workdir.mkdir(parents=True, exist_ok=True)
    options.setdefault("tracker_db", workdir / "tracker.db")
    servers = RunningServers(model=trained_model(), workdir=workdir, rasa_port=serve.free_port(),
                             action_port=serve.free_port(), env=env or {}, log_to_files=True,
                             enable_api=True, **options)
    try:
        return servers.start()
    except Exception:
        servers.stop()
        for log in sorted(workdir.glob("*.log")):
            print(f"--- {log.name} ---\n{log.read_text(errors='replace')[-4000:]}")
        raise
