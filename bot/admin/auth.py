"""Staff accounts, sessions and the login's lock-out, kept in the turn database.

Passwords are hashed with Argon2id (argon2-cffi). A session is a random token; only its SHA-256 is
stored, with the session's CSRF token and its expiry. After MAX_FAILURES wrong passwords for one
account (ADDRESS_FACTOR times as many from one address), logins are refused for LOCKOUT_S seconds,
right password or not.
"""
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Optional

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.turnlog import database as db

MAX_FAILURES = 5
ADDRESS_FACTOR = 4  # one address (a proxy, an office) may hold several staff: it is locked later
LOCKOUT_S = 15 * 60
SESSION_S = 8 * 3600
MIN_PASSWORD = 10
_hasher = PasswordHasher()
# Verifying against this when the account does not exist takes as long as a real check.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class LockedOut(Exception):
    """Too many wrong passwords: no login is tried until the lock-out ends."""


@dataclass
class Session:
    username: str
    csrf: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Staff:
    def __init__(self, engine, clock=time.time, max_failures: int = MAX_FAILURES, lockout_s: float = LOCKOUT_S):
        self.engine = engine
        self.clock = clock
        self.max_failures = max_failures
        self.lockout_s = lockout_s

    # ---- accounts ------------------------------------------------------------------------

    def add_user(self, username: str, password: str) -> None:
        """Creates the account, or sets a new password for it."""
        if not username or len(username) > 64:
            raise ValueError("用户名不能为空，最长 64 个字符")
        if len(password) < MIN_PASSWORD:
            raise ValueError(f"密码至少 {MIN_PASSWORD} 个字符")
        hashed = _hasher.hash(password)
        with self.engine.begin() as connection:
            updated = connection.execute(db.staff.update().where(db.staff.c.username == username)
                                         .values(password_hash=hashed))
            if not updated.rowcount:
                connection.execute(db.staff.insert().values(username=username, password_hash=hashed,
                                                            created=self.clock()))
            connection.execute(db.sessions.delete().where(db.sessions.c.username == username))

    def users(self):
        with self.engine.connect() as connection:
            return [r.username for r in connection.execute(sa.select(db.staff.c.username).order_by(db.staff.c.username))]

    def remove_user(self, username: str) -> bool:
        with self.engine.begin() as connection:
            connection.execute(db.sessions.delete().where(db.sessions.c.username == username))
            return connection.execute(db.staff.delete().where(db.staff.c.username == username)).rowcount == 1

    # ---- login -----------------------------------------------------------------------------

    def _failures(self, connection, who: str) -> int:
        row = connection.execute(sa.select(db.login_failures).where(db.login_failures.c.who == who)).first()
        if row is None or self.clock() - row.last > self.lockout_s:
            return 0
        return row.count

    def _fail(self, connection, who: str) -> None:
        count = self._failures(connection, who) + 1
        connection.execute(db.login_failures.delete().where(db.login_failures.c.who == who))
        connection.execute(db.login_failures.insert().values(who=who, count=count, last=self.clock()))

    def login(self, username: str, password: str, address: str) -> Optional[str]:
        """A new session token, or None for a wrong name or password; LockedOut when locked out."""
        keys = [f"user:{username[:64]}", f"addr:{address}"]
        with self.engine.begin() as connection:
            if (self._failures(connection, keys[0]) >= self.max_failures
                    or self._failures(connection, keys[1]) >= self.max_failures * ADDRESS_FACTOR):
                raise LockedOut()
            row = connection.execute(sa.select(db.staff).where(db.staff.c.username == username)).first()
        if not self._verify(row.password_hash if row else _DUMMY_HASH, password) or row is None:
            with self.engine.begin() as connection:
                for key in keys:
                    self._fail(connection, key)
            return None
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as connection:
            connection.execute(db.login_failures.delete().where(db.login_failures.c.who == keys[0]))
            connection.execute(db.sessions.delete().where(db.sessions.c.expires < self.clock()))
            connection.execute(db.sessions.insert().values(token_hash=_digest(token), username=username,
                                                           csrf=secrets.token_urlsafe(32),
                                                           expires=self.clock() + SESSION_S))
        return token

    @staticmethod
    def _verify(hashed: str, password: str) -> bool:
        try:
            return _hasher.verify(hashed, password)
        except (VerificationError, InvalidHashError):
            return False

    # ---- sessions ----------------------------------------------------------------------------

    def session(self, token: Optional[str]) -> Optional[Session]:
        if not token:
            return None
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(db.sessions).where(db.sessions.c.token_hash == _digest(token))).first()
        if row is None or row.expires < self.clock():
            return None
        return Session(row.username, row.csrf)

    def logout(self, token: Optional[str]) -> None:
        if token:
            with self.engine.begin() as connection:
                connection.execute(db.sessions.delete().where(db.sessions.c.token_hash == _digest(token)))


def csrf_ok(session: Optional[Session], sent: Optional[str]) -> bool:
    return bool(session and sent) and hmac.compare_digest(session.csrf, sent)
