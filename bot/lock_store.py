"""A Redis lock store whose ticket steps are atomic, for several Rasa servers sharing conversations.

Rasa 3.6's RedisLockStore reads a conversation's ticket lock, changes it in Python and writes it back.
Two servers that take messages of one conversation at the same moment can both read the same lock,
both draw the same ticket number, and both process the conversation at once: one turn's events then
overwrite or interleave with the other's (RasaHQ/rasa#9213; the fix was reverted from Rasa Open
Source, PR #11428). Here every read-change-write runs as a Redis transaction (WATCH/MULTI/EXEC,
retried when another server changed the lock in between), so the tickets stay a queue.

endpoints.yml:
    lock_store:
      type: bot.lock_store.AtomicRedisLockStore
      url: <redis host>
      port: 6379
      db: 1
      key_prefix: zwgk
"""
from __future__ import annotations

import json
from typing import Callable, Optional, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
KEEP = object()  # a change that leaves the stored lock as it is


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs) -> None:
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str,
                change: Callable[[Optional[TicketLock]], Tuple[object, T]]) -> T:
        """Applies `change` to the stored lock atomically; it returns (new lock, None to delete, or KEEP;
        a result)."""
        key = self.key_prefix + conversation_id

        def attempt(pipe) -> T:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            new, result = change(lock)
            pipe.multi()
            if new is None:
                pipe.delete(key)
            elif new is not KEEP:
                pipe.set(key, new.dumps())
            return result

        return self.red.transaction(attempt, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: Optional[TicketLock]):
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:  # the same contract as Rasa's lock stores
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def expire(lock: Optional[TicketLock]):
            if lock is None:
                return KEEP, None
            lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, expire)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def finish(lock: Optional[TicketLock]):
            if lock is None:
                return KEEP, None
            lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Removes the ticket, and the lock too when nobody else holds a ticket (one step, so a ticket
        issued meanwhile by another server is never deleted with it)."""

        def release(lock: Optional[TicketLock]):
            if lock is None:
                return KEEP, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, release)
