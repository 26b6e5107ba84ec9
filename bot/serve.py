"""Starts and stops the servers as child processes, in two profiles: `Servers` (one action server and one
Rasa server with a SQLite tracker store, what `zwgk serve` runs) and `ScaleOut` (several Rasa servers
sharing a PostgreSQL tracker store and a Redis lock store, docs/scaling.md)."""
import copy
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import yaml

from bot import paths

# The tracker and lock stores every Rasa server of the scale-out profile shares (docs/scaling.md shows
# this block; Rasa fills in ${NAME} from the environment, i.e. scripts/ensure-services.sh's settings).
SCALE_OUT_STORES = {
    "tracker_store": {"type": "SQL", "dialect": "postgresql", "url": "${PG_HOST}", "port": "${PG_PORT}",
                      "db": "${PG_DB}", "username": "${PG_USER}", "password": "${PG_PASSWORD}"},
    "lock_store": {"type": "bot.lock_store.AtomicRedisLockStore", "url": "${REDIS_HOST}", "port": "${REDIS_PORT}",
                   "db": 1, "key_prefix": "zwgk"},
}
ENSURE_SERVICES = paths.ROOT / "scripts" / "ensure-services.sh"

WECHAT_CREDENTIALS = {
    "token": "${WECHAT_TOKEN}",
    "appid": "${WECHAT_APPID}",
    "secret": "${WECHAT_SECRET}",
    "aes_key": "${WECHAT_AES_KEY}",
    "api_base": "${WECHAT_API_BASE}",
}
WECHAT_DEFAULTS = {"WECHAT_APPID": "", "WECHAT_SECRET": "", "WECHAT_AES_KEY": "",
                   "WECHAT_API_BASE": "https://api.weixin.qq.com"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def credentials(env: Dict[str, str], turns_url: Optional[str] = None) -> dict:
    """Channels to enable: REST, the web widget and the staff pages always, WeChat when WECHAT_TOKEN is set."""
    channels = {"bot.channels.rest.LoggedRestInput": None, "bot.channels.web.WebWidgetInput": None,
                "bot.admin.channel.AdminInput": {"url": turns_url}}
    if env.get("WECHAT_TOKEN"):
        channels["bot.channels.wechat.WeChatInput"] = dict(WECHAT_CREDENTIALS)
    return channels


def endpoints(action_port: int, tracker_db: Path, extra: Optional[dict] = None,
              turns_url: Optional[str] = None) -> dict:
    action_endpoint = {"url": f"http://127.0.0.1:{action_port}/webhook"}
    if os.environ.get("ZWGK_SPEEDUPS", "on").lower() not in ("0", "off", "no"):
        # The actions never read the domain Rasa 3.6 would serialise into every call, and the connection to
        # the action server is kept open between calls (bot/rasa_speedups.py).
        action_endpoint.update(enable_selective_domain=True, keep_alive=True)
    config = {
        "action_endpoint": action_endpoint,
        "tracker_store": {"type": "SQL", "dialect": "sqlite", "db": str(tracker_db)},
    }
    if turns_url:  # every turn recorded for the staff pages (bot/turnlog)
        config["event_broker"] = {"type": "bot.turnlog.broker.TurnBroker", "url": turns_url}
    config.update(extra or {})
    return config


def _wait_http(url: str, process: subprocess.Popen, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with code {process.returncode} while starting")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{what} did not answer {url} within {timeout:.0f} s")


@dataclass
class Servers:
    """One action server and one Rasa server, both on this machine."""

    model: Path
    workdir: Path = paths.RUN
    host: str = "127.0.0.1"
    rasa_port: int = 5005
    action_port: int = 5055
    tracker_db: Optional[Path] = None
    turns_url: Optional[str] = None  # the turn database; default .build/turns.db (zwgk serve) or the workdir's
    env: Dict[str, str] = field(default_factory=dict)
    endpoints_extra: Optional[dict] = None
    log_to_files: bool = False
    enable_api: bool = False  # Rasa's HTTP API (trackers, training) is for tests, never for the public
    processes: List[subprocess.Popen] = field(default_factory=list)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    def _environment(self) -> Dict[str, str]:
        env = dict(os.environ)
        env.update(self.env)
        if env.get("WECHAT_TOKEN"):
            for name, default in WECHAT_DEFAULTS.items():
                env.setdefault(name, default)
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(paths.ROOT), env.get("PYTHONPATH")]))
        return env

    def _spawn(self, name: str, args: List[str]) -> subprocess.Popen:
        out = None
        if self.log_to_files:
            out = open(self.workdir / f"{name}.log", "ab")
        process = subprocess.Popen(
            [sys.executable, "-m", *args], cwd=paths.ROOT, env=self._environment(),
            stdout=out, stderr=subprocess.STDOUT if out else None, start_new_session=True,
        )
        self.processes.append(process)
        return process

    def start_actions(self) -> None:
        process = self._spawn("actions", ["rasa_sdk", "--actions", "actions", "--port", str(self.action_port)])
        _wait_http(f"{self.action_url}/health", process, 60, "action server")

    def turn_database(self) -> Optional[str]:
        """The turn database's URL; None when ZWGK_RECORD_TURNS=0 (the benchmark's comparison)."""
        env = self._environment()
        if env.get("ZWGK_RECORD_TURNS") == "0":
            return None
        if self.turns_url:
            return self.turns_url
        if env.get("ZWGK_TURNS_URL"):
            return "${ZWGK_TURNS_URL}"  # Rasa reads it from the environment: no password in the file
        if self.workdir == paths.RUN:
            return f"sqlite:///{Path(env.get('ZWGK_TURNS_DB', paths.BUILD / 'turns.db')).resolve()}"
        return f"sqlite:///{(self.workdir / 'turns.db').resolve()}"

    def start_rasa(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        tracker_db = self.tracker_db or self.workdir / "tracker.db"
        endpoints_file = self.workdir / "endpoints.yml"
        credentials_file = self.workdir / "credentials.yml"
        turns_url = self.turn_database()
        endpoints_file.write_text(yaml.safe_dump(endpoints(self.action_port, tracker_db, self.endpoints_extra, turns_url)))
        credentials_file.write_text(yaml.safe_dump(credentials(self._environment(), turns_url)))
        process = self._spawn("rasa", [
            "rasa", "run", "--model", str(self.model), "--endpoints", str(endpoints_file),
            "--credentials", str(credentials_file), "--interface", self.host,
            "--port", str(self.rasa_port), "--cors", "*",
        ] + (["--enable-api"] if self.enable_api else []))
        _wait_http(f"{self.rasa_url}/webhooks/rest/", process, 180, "Rasa server")
        self.rasa_process = process

    def start(self) -> "Servers":
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.start_actions()
        self.start_rasa()
        return self

    def stop_process(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if process in self.processes:
            self.processes.remove(process)

    def stop(self) -> None:
        for process in reversed(list(self.processes)):
            self.stop_process(process)

    def __enter__(self) -> "Servers":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def start_services() -> Dict[str, str]:
    """Redis and PostgreSQL on loopback (scripts/ensure-services.sh): their settings, and STARTED naming
    the servers the script started (stop them with stop_services)."""
    done = subprocess.run(["bash", str(ENSURE_SERVICES)], capture_output=True, text=True, timeout=900)
    if done.returncode:
        raise RuntimeError(f"{ENSURE_SERVICES} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)


def stop_services(settings: Dict[str, str]) -> None:
    if settings.get("STARTED"):
        subprocess.run(["bash", str(ENSURE_SERVICES), "stop"], capture_output=True, timeout=120)


@dataclass
class ScaleOut:
    """One action server and `rasa_servers` Rasa servers on this machine, sharing PostgreSQL (tracker
    store) and Redis (lock store) whose settings are `services`. Each Rasa server records its turns in
    a SQLite file of its own workdir."""

    model: Path
    workdir: Path
    services: Dict[str, str]
    rasa_servers: int = 2
    log_to_files: bool = False
    enable_api: bool = False
    members: List[Servers] = field(default_factory=list)

    def _member(self, name: str, action_port: int) -> Servers:
        env = {k: v for k, v in self.services.items() if k != "STARTED"}
        return Servers(model=self.model, workdir=self.workdir / name, rasa_port=free_port(), action_port=action_port,
                       env=env, endpoints_extra=copy.deepcopy(SCALE_OUT_STORES), log_to_files=self.log_to_files,
                       enable_api=self.enable_api)

    def start_actions(self) -> None:
        first = self._member("a", free_port())
        first.workdir.mkdir(parents=True, exist_ok=True)
        self.members.append(first)
        first.start_actions()

    def start_rasa(self) -> None:
        """Every Rasa server, one after the other (loading two models at once on 2 cores is slower)."""
        while len(self.members) < self.rasa_servers:
            self.members.append(self._member("abcdefgh"[len(self.members)], self.members[0].action_port))
        for member in self.members:
            member.workdir.mkdir(parents=True, exist_ok=True)
            if not hasattr(member, "rasa_process"):
                member.start_rasa()

    @property
    def rasa_url(self) -> str:
        """The Rasa servers, comma-separated (measure/bench/client.py spreads conversations over them)."""
        return ",".join(member.rasa_url for member in self.members)

    @property
    def action_url(self) -> str:
        return self.members[0].action_url

    @property
    def processes(self) -> List[subprocess.Popen]:
        return [process for member in self.members for process in member.processes]

    def start(self) -> "ScaleOut":
        self.start_actions()
        self.start_rasa()
        return self

    def stop(self) -> None:
        for member in reversed(self.members):
            member.stop()

    def __enter__(self) -> "ScaleOut":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
