"""`session.operators` and `session.audit`: who may use Seat Desk, and what they did."""

from __future__ import annotations

from desktop_admin.app.areas import Area, reads, writes
from desktop_admin.domain.outcome import Changes
from desktop_admin.services import audit, operators


class OperatorsArea(Area):
    add = writes(operators.add_operator, Changes.OPERATORS | Changes.AUDIT)
    all = reads(operators.list_operators)
    change_role = writes(operators.change_operator_role, Changes.OPERATORS | Changes.AUDIT)
    set_enabled = writes(operators.set_operator_enabled, Changes.OPERATORS | Changes.AUDIT)
    reset_password = writes(operators.reset_operator_password, Changes.OPERATORS | Changes.AUDIT)


class AuditArea(Area):
    #: Newest first; `before_id` continues a page where the previous one ended.
    entries = reads(audit.list_entries)
