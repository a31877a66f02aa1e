"""The audit trail in words: what each action and record kind means, in the installed
language. The codes (`user.disable.r15`) stay in the database and the command line;
people read sentences."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.i18n import translate

#: Action code -> what happened, as a person says it.
ACTIONS: dict[str, str] = {
    "account.archive": QT_TRANSLATE_NOOP("Audit", "Account archived"),
    "account.create": QT_TRANSLATE_NOOP("Audit", "Account created"),
    "account.update": QT_TRANSLATE_NOOP("Audit", "Account changed"),
    "account.purge": QT_TRANSLATE_NOOP("Audit", "Account's personal data purged"),
    "addon.create": QT_TRANSLATE_NOOP("Audit", "Add-on added to the catalog"),
    "addon.update": QT_TRANSLATE_NOOP("Audit", "Add-on price changed"),
    "assignment_rules.update": QT_TRANSLATE_NOOP("Audit", "Assignment rules changed"),
    "change.cancel": QT_TRANSLATE_NOOP("Audit", "Scheduled change cancelled"),
    "credit_note.issue": QT_TRANSLATE_NOOP("Audit", "Credit note issued"),
    "database.backup": QT_TRANSLATE_NOOP("Audit", "Database backed up"),
    "database.restore": QT_TRANSLATE_NOOP("Audit", "Database restored"),
    "invoice.issue": QT_TRANSLATE_NOOP("Audit", "Invoice issued"),
    "invoice.payment": QT_TRANSLATE_NOOP("Audit", "Payment recorded"),
    "operator.create": QT_TRANSLATE_NOOP("Audit", "Operator added"),
    "operator.update": QT_TRANSLATE_NOOP("Audit", "Operator changed"),
    "operator.role": QT_TRANSLATE_NOOP("Audit", "Operator's role changed"),
    "operator.enable": QT_TRANSLATE_NOOP("Audit", "Operator enabled"),
    "operator.disable": QT_TRANSLATE_NOOP("Audit", "Operator disabled"),
    "operator.password": QT_TRANSLATE_NOOP("Audit", "Operator's password reset"),
    "payment_method.add": QT_TRANSLATE_NOOP("Audit", "Payment method added"),
    "payment_method.remove": QT_TRANSLATE_NOOP("Audit", "Payment method removed"),
    "payment_method.replace": QT_TRANSLATE_NOOP("Audit", "Card replaced"),
    "quote.accept": QT_TRANSLATE_NOOP("Audit", "Quote accepted"),
    "quote.create": QT_TRANSLATE_NOOP("Audit", "Quote made"),
    "quote.reject": QT_TRANSLATE_NOOP("Audit", "Quote rejected"),
    "quote.request": QT_TRANSLATE_NOOP("Audit", "Quote requested (contact-only country)"),
    "role.create": QT_TRANSLATE_NOOP("Audit", "Role added to the catalog"),
    "role.update": QT_TRANSLATE_NOOP("Audit", "Role price changed"),
    "seller.update": QT_TRANSLATE_NOOP("Audit", "Seller's details changed"),
    "subscription.billing": QT_TRANSLATE_NOOP("Audit", "Subscription billed by the run"),
    "subscription.cancel": QT_TRANSLATE_NOOP("Audit", "Subscription cancelled"),
    "subscription.change": QT_TRANSLATE_NOOP("Audit", "Subscription changed"),
    "subscription.create": QT_TRANSLATE_NOOP("Audit", "Subscription recorded"),
    "subscription.purchase": QT_TRANSLATE_NOOP("Audit", "Subscription bought"),
    "subscription.trial": QT_TRANSLATE_NOOP("Audit", "Trial started"),
    "subscription.trial.converted": QT_TRANSLATE_NOOP("Audit", "Trial became paid"),
    "sync.configure": QT_TRANSLATE_NOOP("Audit", "Sync settings changed"),
    "sync.conflict": QT_TRANSLATE_NOOP("Audit", "Platform's change kept over ours"),
    "sync.created_on_platform": QT_TRANSLATE_NOOP("Audit", "User arrived from the platform"),
    "sync.platform_overwritten": QT_TRANSLATE_NOOP("Audit", "Platform's value overwritten"),
    "sync.pull": QT_TRANSLATE_NOOP("Audit", "Platform read"),
    "sync.pulled": QT_TRANSLATE_NOOP("Audit", "User changed on the platform"),
    "sync.push": QT_TRANSLATE_NOOP("Audit", "Users sent to the platform"),
    "sync.removed_on_platform": QT_TRANSLATE_NOOP("Audit", "User removed on the platform"),
    "user.assign": QT_TRANSLATE_NOOP("Audit", "Role given"),
    "user.create": QT_TRANSLATE_NOOP("Audit", "User added"),
    "user.disable": QT_TRANSLATE_NOOP("Audit", "User disabled"),
    "user.disable.r15": QT_TRANSLATE_NOOP("Audit", "User disabled: fewer seats at renewal"),
    "user.enable": QT_TRANSLATE_NOOP("Audit", "User enabled"),
    "user.import": QT_TRANSLATE_NOOP("Audit", "Users imported"),
    "user.remove": QT_TRANSLATE_NOOP("Audit", "User removed"),
    "user.unassign": QT_TRANSLATE_NOOP("Audit", "Role taken away"),
    "user.update": QT_TRANSLATE_NOOP("Audit", "User changed"),
}

#: Record kind (the trail's `entity`) -> its name, singular.
RECORDS: dict[str, str] = {
    "account": QT_TRANSLATE_NOOP("Audit", "account"),
    "addon": QT_TRANSLATE_NOOP("Audit", "add-on"),
    "database": QT_TRANSLATE_NOOP("Audit", "database"),
    "invoice": QT_TRANSLATE_NOOP("Audit", "invoice"),
    "operator": QT_TRANSLATE_NOOP("Audit", "operator"),
    "quote": QT_TRANSLATE_NOOP("Audit", "quote"),
    "role": QT_TRANSLATE_NOOP("Audit", "role"),
    "seller": QT_TRANSLATE_NOOP("Audit", "seller"),
    "subscription": QT_TRANSLATE_NOOP("Audit", "subscription"),
    "user": QT_TRANSLATE_NOOP("Audit", "user"),
}


def action_words(code: str) -> str:
    """What the action `code` did, in the installed language. A code not listed yet
    reads as words too ("user.merge" -> "User merge"), never as the bare code."""
    if code in ACTIONS:
        return translate("Audit", ACTIONS[code])
    text = code.replace(".", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def record_words(entity: str) -> str:
    """A record kind ("user") in the installed language."""
    return translate("Audit", RECORDS[entity]) if entity in RECORDS else entity.replace("_", " ")
