"""What an operation changed: the contract between the core and whoever shows its data.

Every operation that writes returns an `Outcome`: its result and the `Changes` it
made. The window reloads the pages that show a changed part from these flags alone,
and the sync outbox and other administrators' windows follow the same flags; nobody
wires "after X, refresh Y" by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Flag, auto
from typing import Generic, TypeVar

T = TypeVar("T")


class Changes(Flag):
    """The parts of the data an operation may change; combine them with `|`."""

    NONE = 0
    #: Named users: who they are, enabled or not, their details.
    USERS = auto()
    #: Roles held by users, hence the seats in use.
    ASSIGNMENTS = auto()
    #: Subscriptions: seats and add-ons bought, periods, renewal, scheduled changes.
    SUBSCRIPTIONS = auto()
    #: Invoices and credit notes, their status and payments.
    INVOICES = auto()
    QUOTES = auto()
    CATALOG = auto()
    #: Accounts and their payment methods.
    ACCOUNTS = auto()
    #: Assignment rules of an account.
    RULES = auto()
    OPERATORS = auto()
    #: The seller's details printed on documents.
    SELLER = auto()
    AUDIT = auto()
    #: The sync with the platform: its settings, outbox and last run.
    SYNC = auto()

    def touches(self, other: Changes) -> bool:
        """Whether any part of `other` changed."""
        return bool(self & other)


#: Every part: what a reload of everything (File > Refresh, another window) means.
EVERYTHING = ~Changes.NONE


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """The result of an operation that writes, with what it changed."""

    value: T
    changes: Changes
