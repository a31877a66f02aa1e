"""A realistic demo dataset, so that the application is worth exploring at first start."""

from __future__ import annotations

from datetime import timedelta
from importlib.resources import files

from desktop_admin.app import OperatorSession
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


def load_demo(session: OperatorSession) -> str:
    """Catalog, a company of about 40 users over three roles, a maker and a student."""
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
    today = session.today
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
        start=add_months(today, -4),
        payment="transfer",
    )
    _company_users(session, company.id or 0)

    maker = session.accounts.create(
        name="Jonas Becker", audience="maker", country="DE", language="en"
    ).value
    session.accounts.add_card(
        maker.id or 0,
        token="tok_demo_maker_4242",
        brand="visa",
        last4="4242",
        exp_month=8,
        exp_year=today.year + 2,
    )
    session.subscriptions.record(
        account_id=maker.id or 0,
        cycle=Cycle.MONTHLY,
        seats={"named-user": 1, "designer": 1},
        start=today - timedelta(days=9),
    )
    session.users.add(
        account_id=maker.id or 0,
        email="jonas@becker-makes.example",
        display_name="Jonas Becker",
        roles=["named-user", "designer"],
        is_admin=True,
    )

    student = session.accounts.create(
        name="Léa Dubois", audience="student", country="FR", language="fr"
    ).value
    session.accounts.add_card(
        student.id or 0,
        token="tok_demo_student_0005",
        brand="cb",
        last4="0005",
        exp_month=3,
        exp_year=today.year + 1,
    )
    # Bought today through the application: a subscription and its first invoice.
    session.subscriptions.purchase(
        Order(student.id or 0, Cycle.YEARLY, {"named-user": 1, "designer": 1}, {})
    )
    session.users.add(
        account_id=student.id or 0,
        email="lea.dubois@etu.univ-lyon.example",
        display_name="Léa Dubois",
        roles=["named-user", "designer"],
        is_admin=True,
    )
    return "3 accounts, 42 named users, 3 subscriptions"


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
