"""A realistic demo dataset, so that the application is worth exploring at first start."""

from __future__ import annotations

from datetime import timedelta
from importlib.resources import files

from desktop_admin.app import OperatorSession
from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.periods import Cycle, add_months
from desktop_admin.services.purchases import Order

FIRST = [
    "Camille",
    "Louis",
    "Chloé",
    "Hugo",
    "Inès",
    "Jules",
    "Léa",
    "Gabriel",
    "Manon",
    "Arthur",
    "Sarah",
    "Nathan",
    "Emma",
    "Lucas",
    "Zoé",
    "Paul",
    "Alice",
    "Théo",
    "Julia",
    "Noah",
]
LAST = [
    "Moreau",
    "Lefèvre",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guerin",
    "Muller",
    "Henry",
    "Roussel",
]
DEPARTMENTS = ["Architecture", "Engineering", "Interiors", "Management"]


def _ascii(text: str) -> str:
    return text.lower().translate(str.maketrans("éèëê", "eeee"))


class NotEmpty(DomainError):
    """The demo data would mix with real data."""


def refuse_unless_empty(session: OperatorSession) -> None:
    """The demo replaces the seller and the catalog's prices and issues an invoice in
    the numbering series: it goes only into a database with none of these yet."""
    found = [
        what
        for what, count in (
            ("accounts", len(session.accounts.all())),
            ("roles in the catalog", len(session.catalog.current().roles)),
            ("invoices", len(session.billing.invoices())),
        )
        if count
    ]
    if found:
        raise NotEmpty(
            "The demo data goes only into an empty database; this one already has "
            + " and ".join(found)
            + ". Use a new database file for the demo (--db)."
        )


def load_demo(session: OperatorSession) -> str:
    """Catalog, a company of about 40 users over three roles, a maker and a student."""
    refuse_unless_empty(session)
    session.billing.set_seller(
        name="Seat Desk Demo Vendor SAS",
        country="FR",
        vat_number="FR32123456789",
        address="5 avenue de la République\n75011 Paris",
        email="billing@seatdesk.example",
    )
    session.catalog.import_text(
        files(__package__).joinpath("catalog.toml").read_text("utf-8"), source="demo catalog"
    )
    _company(session)
    today = session.today
    maker = _individual(session, "Jonas Becker", "maker", "DE", "en")
    _card(session, maker, "tok_demo_maker_4242", "visa", "4242", (8, today.year + 2))
    session.subscriptions.record(
        account_id=maker,
        cycle=Cycle.MONTHLY,
        seats={"named-user": 1, "designer": 1},
        start=today - timedelta(days=9),
    )
    _owner(session, maker, "jonas@becker-makes.example", "Jonas Becker")
    student = _individual(session, "Léa Dubois", "student", "FR", "fr")
    _card(session, student, "tok_demo_student_0005", "cb", "0005", (3, today.year + 1))
    # Bought today through the application: a subscription and its first invoice.
    session.subscriptions.purchase(
        Order(student, Cycle.YEARLY, {"named-user": 1, "designer": 1}, {})
    )
    _owner(session, student, "lea.dubois@etu.univ-lyon.example", "Léa Dubois")
    return "3 accounts, 42 named users, 3 subscriptions"


def _company(session: OperatorSession) -> None:
    company = session.accounts.create(
        name="Atelier Moreau Architectes",
        audience="company",
        country="FR",
        language="fr",
        vat_number="FR40303265045",
        billing_email="compta@moreau-architectes.example",
        address="12 rue des Arts\n69002 Lyon",
    ).value
    session.accounts.add_bank_transfer(company.id or 0)
    session.subscriptions.record(
        account_id=company.id or 0,
        cycle=Cycle.YEARLY,
        seats={"named-user": 45, "designer": 12, "bim-collaboration": 6},
        addons={"storage-100gb": 2, "guest-users": 5},
        start=add_months(session.today, -4),
        payment="transfer",
    )
    _company_users(session, company.id or 0)


def _individual(
    session: OperatorSession, name: str, audience: str, country: str, language: str
) -> int:
    account = session.accounts.create(
        name=name, audience=audience, country=country, language=language
    ).value
    return account.id or 0


def _card(
    session: OperatorSession,
    account_id: int,
    token: str,
    brand: str,
    last4: str,
    expiry: tuple[int, int],
) -> None:
    month, year = expiry
    session.accounts.add_card(
        account_id, token=token, brand=brand, last4=last4, exp_month=month, exp_year=year
    )


def _owner(session: OperatorSession, account_id: int, email: str, name: str) -> None:
    """The account's own user: an administrator with a named-user and a designer seat."""
    session.users.add(
        account_id=account_id,
        email=email,
        display_name=name,
        roles=["named-user", "designer"],
        is_admin=True,
    )


def _company_users(session: OperatorSession, account_id: int) -> None:
    for i in range(40):
        first, last = FIRST[i % len(FIRST)], LAST[(i * 7) % len(LAST)]
        roles = ["named-user"]
        if i % 4 == 0:
            roles.append("designer")
        if i % 7 == 1:
            roles.append("bim-collaboration")
        guest = i >= 37
        enabled = i not in (33, 34)
        email = f"{_ascii(first)}.{_ascii(last)}{i}@moreau-architectes.example"
        session.users.add(
            account_id=account_id,
            email=email,
            display_name=f"{first} {last}",
            roles=[] if guest else roles,
            enabled=enabled,
            is_guest=guest,
            is_admin=i == 0,
            department=DEPARTMENTS[i % 4],
        )
