"""`session.licences`: seats per role and the assignment rules of an account."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_admin.app.areas import Area
from desktop_admin.domain.assignment_rules import AssignmentRule, RulesOutcome
from desktop_admin.domain.outcome import Changes, Outcome
from desktop_admin.domain.users import SeatUsage
from desktop_admin.services import assignment_rules, seats


class LicencesArea(Area):
    def seats(self, account_id: int) -> list[SeatUsage]:
        c = self._ctx
        return seats.account_seats(c.new_uow(), c.actor, account_id, c.today)

    def rules(self, account_id: int) -> list[AssignmentRule]:
        return assignment_rules.account_rules(self._ctx.new_uow(), self._ctx.actor, account_id)

    def save_rules(
        self, account_id: int, *, rules: Sequence[AssignmentRule]
    ) -> Outcome[list[AssignmentRule]]:
        c = self._ctx
        saved = assignment_rules.save_rules(c.new_uow(), c.clock, c.actor, account_id, rules)
        return Outcome(saved, Changes.RULES | Changes.AUDIT)

    def preview_rules(
        self, account_id: int, *, rules: Sequence[AssignmentRule] | None = None
    ) -> RulesOutcome:
        c = self._ctx
        return assignment_rules.preview_rules(c.new_uow(), c.clock, c.actor, account_id, rules)

    def apply_rules(
        self, account_id: int, *, rules: Sequence[AssignmentRule] | None = None
    ) -> Outcome[RulesOutcome]:
        c = self._ctx
        outcome = assignment_rules.apply_rules(c.new_uow(), c.clock, c.actor, account_id, rules)
        return Outcome(outcome, Changes.USERS | Changes.ASSIGNMENTS | Changes.RULES | Changes.AUDIT)
