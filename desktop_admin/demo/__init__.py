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
    session.set_seller(
        "Seat Desk Demo Vendor SAS",
        "FR",
        "FR32123456789",
        "5 avenue de la République\n75011 Paris",
        "billing@seatdesk.example",
    )
    session.import_catalog(
        files(__package__).joinpath("catalog.toml").read_text("utf-8"), "demo catalog"
    )
    today = session.today
    company = session.create_account(
        "Atelier Moreau Architectes",
        "company",
        "FR",
        "fr",
        "FR40303265045",
        "compta@moreau-architectes.example",
        "12 rue des Arts\n69002 Lyon",
    )
    session.add_bank_transfer(company.id or 0)
    session.record_subscription(
        company.id or 0,
        Cycle.YEARLY,
        {"named-user": 45, "designer": 12, "bim-collaboration": 6},
        {"storage-100gb": 2, "guest-users": 5},
        start=add_months(today, -4),
        payment="transfer",
    )
    _company_users(session, company.id or 0)

    maker = session.create_account("Jonas Becker", "maker", "DE", "en")
    session.add_card(maker.id or 0, "tok_demo_maker_4242", "visa", "4242", 8, today.year + 2)
    session.record_subscription(
        maker.id or 0,
        Cycle.MONTHLY,
        {"named-user": 1, "designer": 1},
        start=today - timedelta(days=9),
    )
    session.add_user(
        maker.id or 0,
        "jonas@becker-makes.example",
        "Jonas Becker",
        ["named-user", "designer"],
        is_admin=True,
    )

    student = session.create_account("Léa Dubois", "student", "FR", "fr")
    session.add_card(student.id or 0, "tok_demo_student_0005", "cb", "0005", 3, today.year + 1)
    # Bought today through the application: a subscription and its first invoice.
    session.purchase(Order(student.id or 0, Cycle.YEARLY, {"named-user": 1, "designer": 1}, {}))
    session.add_user(
        student.id or 0,
        "lea.dubois@etu.univ-lyon.example",
        "Léa Dubois",
        ["named-user", "designer"],
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
        session.add_user(
            account_id,
            email,
            f"{first} {last}",
            [] if guest else roles,
            enabled=enabled,
            is_guest=guest,
            is_admin=i == 0,
            department=DEPARTMENTS[i % 4],
        )
