"""The staff pages' parts without a server: accounts and lock-out, escaping, charts, exports."""
import csv
import io
import xml.etree.ElementTree as ET

import pytest
import yaml

from bot.admin import auth, charts, export, pages
from bot.admin.channel import safe_back
from bot.admin.html import tag
from bot.turnlog import database

SCRIPT = "<script>alert('x')</script>"


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def staff(tmp_path, clock):
    accounts = auth.Staff(database.engine(f"sqlite:///{tmp_path / 'turns.db'}"), clock=clock, max_failures=3)
    accounts.add_user("alice", "correct horse battery")
    return accounts


def test_password_is_stored_as_an_argon2_hash(staff):
    with staff.engine.connect() as connection:
        stored = connection.execute(database.staff.select()).first().password_hash
    assert stored.startswith("$argon2id$") and "correct horse" not in stored


def test_short_passwords_are_refused(staff):
    with pytest.raises(ValueError):
        staff.add_user("bob", "short")


def test_login_gives_a_session_with_its_own_csrf_token(staff):
    token = staff.login("alice", "correct horse battery", "10.0.0.1")
    session = staff.session(token)
    assert session.username == "alice" and len(session.csrf) >= 32
    assert auth.csrf_ok(session, session.csrf) and not auth.csrf_ok(session, "forged") and not auth.csrf_ok(session, "")
    with staff.engine.connect() as connection:
        assert token not in str(connection.execute(database.sessions.select()).all()), "only a hash is stored"
    staff.logout(token)
    assert staff.session(token) is None


def test_sessions_expire(staff, clock):
    token = staff.login("alice", "correct horse battery", "10.0.0.1")
    clock.now += auth.SESSION_S + 1
    assert staff.session(token) is None


def test_wrong_passwords_lock_the_account_out_even_for_the_right_one(staff, clock):
    for _ in range(3):
        assert staff.login("alice", "wrong password!", "10.0.0.2") is None
    with pytest.raises(auth.LockedOut):
        staff.login("alice", "correct horse battery", "10.0.0.3")
    clock.now += auth.LOCKOUT_S + 1
    assert staff.login("alice", "correct horse battery", "10.0.0.3")


def test_an_unknown_account_is_refused_like_a_wrong_password(staff):
    assert staff.login("mallory", "correct horse battery", "10.0.0.4") is None


def test_a_new_password_ends_the_accounts_sessions(staff):
    token = staff.login("alice", "correct horse battery", "10.0.0.1")
    staff.add_user("alice", "another long password")
    assert staff.session(token) is None


def test_markup_is_escaped_everywhere():
    html = tag("td", {"title": '"><b>'}, SCRIPT)
    assert "<script>" not in html and "&lt;script&gt;" in html and '"><b>' not in html


def turn(**values):
    base = {"turn_id": "t1", "sender_id": "oX", "citizen": "市民-12345678", "channel": "wechat", "time": 1_800_000_000.0,
            "day": "2027-01-15", "question": SCRIPT, "typed": SCRIPT, "intent": "nlu_fallback", "confidence": 0.3,
            "actions": "action_search_fallback", "answer": "没找到\n来源：x", "kind": "search", "metric": None,
            "cited": ["x"], "fallback": True, "not_in_report": False, "apology": False, "feedback": "unhelpful",
            "marked": False}
    base.update(values)
    return base


def test_the_turn_list_shows_a_citizens_markup_as_text():
    page = pages.turn_list([turn()], SCRIPT, True, False, "csrf-token", "alice", "/admin/turns")
    assert "<script>" not in page and page.count("&lt;script&gt;") >= 2
    assert 'name="csrf" value="csrf-token"' in page


def test_csv_keeps_formulas_as_text_and_has_every_column():
    rows = list(csv.reader(io.StringIO(export.to_csv([turn(question="=HYPERLINK(\"http://x\")")]).lstrip("\ufeff"))))
    assert rows[0][:4] == ["时间", "渠道", "市民（化名）", "问题（规范化）"]
    assert rows[1][3].startswith("'=") and rows[1][2] == "市民-12345678" and "oX" not in rows[1]


def test_the_yaml_export_is_a_conversation_file_to_complete():
    text = export.to_conversations([turn(), turn(turn_id="t2", time=1_800_000_100.0, typed="2021年呢？", question="2021年呢")])
    data = yaml.safe_load(text)
    [conversation] = data["conversations"]
    assert [t["user"] for t in conversation["turns"]] == [SCRIPT, "2021年呢？"]
    assert all(t["says_any"] == [] for t in conversation["turns"])
    assert "# answer given: 没找到 来源：x" in text
    assert yaml.safe_load(export.to_conversations([])) == {"conversations": []}


def test_charts_are_svg_with_a_text_alternative_and_no_outside_reference():
    days = [{"day": "2027-01-14", "channel": "rest", "n": 3}, {"day": "2027-01-15", "channel": SCRIPT, "n": 2}]
    svg = charts.stacked_days(days, "每天的提问")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("role") == "img"
    assert "2027-01-14：3" in root.get("aria-label") and "<script>" not in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    ET.fromstring(charts.horizontal_bars([("数字", 4), (SCRIPT, 1)], "问得最多"))


@pytest.mark.parametrize("target,expected", [
    ("/admin/turns?q=1", "/admin/turns?q=1"), ("https://evil.example/", "/admin/turns"),
    ("//evil.example/admin/", "/admin/turns"), ("/admin/..//evil", "/admin/turns"), (None, "/admin/turns")])
def test_mark_returns_only_to_a_staff_page(target, expected):
    assert safe_back(target) == expected


def test_zwgk_admin_add_user_asks_the_password_twice_and_lists_the_account(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from bot.cli import main

    monkeypatch.setenv("ZWGK_TURNS_DB", str(tmp_path / "turns.db"))
    monkeypatch.delenv("ZWGK_TURNS_URL", raising=False)
    runner = CliRunner()
    added = runner.invoke(main, ["admin", "add-user", "wang"], input="a long password\na long password\n")
    assert added.exit_code == 0, added.output
    assert runner.invoke(main, ["admin", "users"]).output.split() == ["wang"]
    short = runner.invoke(main, ["admin", "add-user", "li"], input="short\nshort\n")
    assert short.exit_code != 0 and "至少" in short.output
    assert runner.invoke(main, ["admin", "remove-user", "wang"]).exit_code == 0
    assert runner.invoke(main, ["admin", "users"]).output.split() == []
