"""Conflicts and other problems found in a report: recorded and reported, never dropped."""
from dataclasses import dataclass, field
from typing import List

# severity: "conflict" — two sources or a sum rule disagree (both values kept);
#           "unreadable" — a table row could not be read or split without guessing;
#           "note" — something is absent (a table missing from the report).
BLOCKING = ("conflict", "unreadable")


@dataclass
class Issue:
    kind: str
    severity: str
    subject: str
    description: str
    part: int = 0
    metrics: List[str] = field(default_factory=list)
    details: dict = field(default_factory=dict)
