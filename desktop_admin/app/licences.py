"""`session.licences`: seats per role and the assignment rules of an account."""

from __future__ import annotations

from desktop_admin.app.areas import Area, reads, writes
from desktop_admin.domain.outcome import Changes
from desktop_admin.services import assignment_rules
from desktop_admin.services import seats as seat_service


class LicencesArea(Area):
    seats = reads(seat_service.account_seats)
    rules = reads(assignment_rules.account_rules)
    save_rules = writes(assignment_rules.save_rules, Changes.RULES | Changes.AUDIT)
    preview_rules = reads(assignment_rules.preview_rules)
    apply_rules = writes(
        assignment_rules.apply_rules,
        Changes.USERS | Changes.ASSIGNMENTS | Changes.RULES | Changes.AUDIT,
    )
