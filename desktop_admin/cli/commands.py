"""The sub-commands. Each handler takes the open `AdminApp` and the parsed
arguments, prints its result and returns the exit status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_admin.app import AdminApp
from desktop_admin.cli import output as out
from desktop_admin.cli.accounts import contact_values
from desktop_admin.cli.auth import NEW_PASSWORD_VARIABLE, login, read_password
from desktop_admin.demo import load_demo
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.users import UserQuery
from desktop_admin.files import write_atomically


def _read(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            "The file is not UTF-8; nothing was imported.",
            [Problem(f"byte {data[exc.start]:#x} is not UTF-8", line)],
            path,
        ) from None


def _ids(values: list[str]) -> list[int]:
    try:
        return [int(v) for v in values]
    except ValueError:
        raise InvalidInput(
            "User ids are whole numbers.",
            [Problem(f"{v!r} is not an id", field="ID") for v in values if not v.isdigit()],
        ) from None


# init and operators ---------------------------------------------------------


def init(app: AdminApp, args: argparse.Namespace) -> int:
    created = None
    if args.admin:
        password = read_password(f"Password for the Administrator {args.admin}: ", confirm=True)
        created = app.create_first_administrator(args.admin, password, args.name or "")
    elif not app.has_operators():
        raise InvalidInput(
            "A new database needs its first Administrator: init --admin LOGIN.",
            [Problem("missing", field="--admin")],
        )
    summary = {
        "database": app.database_label,
        "administrator": created.operator.login if created else None,
        "demo": None,
    }
    if args.demo:
        session = created or login(app, args)
        summary["demo"] = load_demo(session)
    text = f"Database ready: {app.database_label}."
    if created:
        text += f"\nAdministrator {created.operator.login} created."
    if summary["demo"]:
        text += f"\nDemo data loaded: {summary['demo']}."
    return out.say(args, summary, text)


def operator_add(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    password = read_password(
        f"Password for {args.login_name}: ", confirm=True, variable=NEW_PASSWORD_VARIABLE
    )
    op = session.operators.add(
        login=args.login_name, role=args.role, password=password, display_name=args.name or ""
    ).value
    return out.say(args, out.operator_doc(op), f"Operator {op.login} ({op.role.label}) added.")


def operator_list(app: AdminApp, args: argparse.Namespace) -> int:
    return out.listing(
        args,
        login(app, args).operators.all(),
        out.operator_doc,
        ("login", "role", "enabled"),
        lambda o: (o.login, o.role.label, "yes" if o.enabled else "no"),
    )


# catalog --------------------------------------------------------------------


def catalog_import(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    result = session.catalog.import_text(_read(args.file), source=args.file).value
    return out.say(
        args,
        {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
        f"Catalog imported: {len(result.created)} created, {len(result.updated)} "
        f"updated, {len(result.unchanged)} unchanged.",
    )


def catalog_show(app: AdminApp, args: argparse.Namespace) -> int:
    catalog = login(app, args).catalog.current()
    rows = [
        (
            r.code,
            r.name,
            ",".join(sorted(r.audiences)),
            " ".join(f"{c.value}={p}" for c, p in sorted(r.prices.items())),
        )
        for r in catalog.roles
    ]
    rows += [
        (a.code, a.name, "add-on", " ".join(f"{c.value}={p}" for c, p in sorted(a.prices.items())))
        for a in catalog.addons
    ]
    return out.say(
        args,
        {
            "currency": catalog.currency,
            "roles": [out.role_doc(r) for r in catalog.roles],
            "addons": [out.addon_doc(a) for a in catalog.addons],
        },
        f"Currency: {catalog.currency}\n"
        + out.table(rows, ("code", "name", "audiences", "prices")),
    )


# accounts -------------------------------------------------------------------


def account_create(app: AdminApp, args: argparse.Namespace) -> int:
    account = (
        login(app, args)
        .accounts.create(
            name=args.name,
            audience=args.audience,
            country=args.country,
            language=args.language,
            vat_number=args.vat_number,
            address=args.address,
            **contact_values(args),
        )
        .value
    )
    return out.say(args, out.account_doc(account), f"Account {account.id} created.")


def account_list(app: AdminApp, args: argparse.Namespace) -> int:
    return out.listing(
        args,
        login(app, args).accounts.all(),
        out.account_doc,
        ("id", "name", "audience", "country"),
        lambda a: (a.id, a.name, a.audience.value, a.country),
    )


def account_show(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    account = session.accounts.get(args.id)
    seats = session.licences.seats(args.id)
    methods = session.accounts.payment_methods(args.id)
    subs = session.subscriptions.of_account(args.id)
    doc = out.account_doc(account) | {
        "seats": [out.seat_doc(s) for s in seats],
        "payment_methods": [out.payment_doc(p) for p in methods],
        "subscriptions": [out.subscription_doc(s) for s in subs],
    }
    text = (
        f"{account.name} (id {account.id}): {account.audience.value}, {account.country}, "
        f"language {account.language}, VAT {account.vat_number or '-'}\n\n" + out.seats_table(seats)
    )
    return out.say(args, doc, text)


def account_add_card(app: AdminApp, args: argparse.Namespace) -> int:
    month, _, year = args.expiry.partition("/")
    if not (month.isdigit() and year.isdigit()):
        raise InvalidInput("The expiry is MM/YYYY.", [Problem(repr(args.expiry), field="--expiry")])
    method = (
        login(app, args)
        .accounts.add_card(
            args.id,
            token=args.token,
            brand=args.brand,
            last4=args.last4,
            exp_month=int(month),
            exp_year=int(year),
        )
        .value
    )
    return out.say(args, out.payment_doc(method), f"Card recorded (id {method.id}).")


def account_add_transfer(app: AdminApp, args: argparse.Namespace) -> int:
    method = login(app, args).accounts.add_bank_transfer(args.id).value
    return out.say(args, out.payment_doc(method), f"Bank transfer recorded (id {method.id}).")


def account_purge(app: AdminApp, args: argparse.Namespace) -> int:
    done = login(app, args).accounts.purge(args.id, archive=Path(args.archive)).value
    return out.say(
        args,
        {"account_id": done.account_id, "archive": str(done.archive), "users": done.users_removed},
        f"Account {done.account_id}: {done.users_removed} user(s) archived to {done.archive} "
        "and removed.",
    )


# users ----------------------------------------------------------------------


def user_add(app: AdminApp, args: argparse.Namespace) -> int:
    user = (
        login(app, args)
        .users.add(
            account_id=args.account,
            email=args.email,
            display_name=args.name or "",
            roles=args.role or [],
            enabled=not args.disabled,
            is_guest=args.guest,
            is_admin=args.admin,
            department=args.department or "",
        )
        .value
    )
    return out.say(args, out.user_doc(user), f"User {user.id} ({user.email}) added.")


def user_import(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    text = _read(args.file)
    if args.check:
        report = session.users.check_import(
            account_id=args.account, text=text, source=args.file, apply_rules=args.apply_rules
        )
    else:
        report = session.users.import_csv(
            account_id=args.account,
            text=text,
            good_rows_only=args.good_rows_only,
            source=args.file,
            apply_rules=args.apply_rules,
        ).value
    verb = "skipped" if not args.check else "bad row in"
    for problem in report.skipped:
        print(f"desktop-admin: {verb} {args.file}: {problem}", file=sys.stderr)
    for short in report.rules.shortfalls:
        print(
            f"desktop-admin: {short.email} not given {short.role}: {short.reason}", file=sys.stderr
        )
    if args.check:
        summary = f"{report.imported} user(s) would be imported"
    else:
        summary = f"{report.imported} user(s) imported"
    if report.skipped:
        summary += f", {report.bad_lines} bad row(s)" + ("" if args.check else " skipped")
    gains, shorts = len(report.rules.gains), len(report.rules.shortfalls)
    if gains or shorts:
        summary += f"; assignment rules: {gains} role(s) given"
        summary += f", {shorts} not given for lack of seats" if shorts else ""
    doc: dict[str, object] = {
        "imported": report.imported,
        "skipped": [{"line": p.line, "field": p.field, "reason": p.reason} for p in report.skipped],
    }
    if args.check:
        doc["checked_only"] = True
    if gains or shorts:
        doc["rules"] = {
            "gains": [
                {"user_id": g.user_id, "email": g.email, "role": g.role} for g in report.rules.gains
            ],
            "shortfalls": [
                {"email": s.email, "role": s.role, "reason": s.reason}
                for s in report.rules.shortfalls
            ],
        }
    said = out.say(args, doc, summary + ".")
    # A check that found bad rows fails as bad input would, for scripts to test.
    return 2 if args.check and report.skipped else said


def _in_added_order(args: argparse.Namespace) -> UserQuery:
    """The users of `--account` matching `--search`, in the order they were added."""
    return UserQuery(args.account, args.search, sort="id")


def user_export(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    if args.json:
        out.emit_json([out.user_doc(u) for u in session.users.export(_in_added_order(args))])
        return 0
    text = session.users.export_csv(_in_added_order(args))
    if args.output:
        # A byte-order mark: spreadsheets then read the accents as UTF-8.
        write_atomically(Path(args.output), text.encode("utf-8-sig"))
        print(f"Users written to {args.output}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def user_list(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    users = session.users.by_ids(session.users.ids(_in_added_order(args), limit=args.limit))
    return out.say(args, [out.user_doc(u) for u in users], out.users_table(users))


def user_show(app: AdminApp, args: argparse.Namespace) -> int:
    user = login(app, args).users.get(args.id)
    return out.say(args, out.user_doc(user), out.users_table([user]))


def user_enable(app: AdminApp, args: argparse.Namespace) -> int:
    changed = login(app, args).users.set_enabled(_ids(args.ids), enabled=args.enable).value
    verb = "enabled" if args.enable else "disabled"
    return out.say(args, [out.user_doc(u) for u in changed], f"{len(changed)} user(s) {verb}.")


def user_assign(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    ids = _ids(args.ids)
    if args.assign:
        changed = session.users.assign(ids, role=args.role).value
    else:
        changed = session.users.unassign(ids, role=args.role).value
    verb = "assigned to" if args.assign else "unassigned from"
    return out.say(
        args, [out.user_doc(u) for u in changed], f"{args.role} {verb} {len(changed)} user(s)."
    )


def user_remove(app: AdminApp, args: argparse.Namespace) -> int:
    count = login(app, args).users.remove(_ids(args.ids)).value
    return out.say(args, {"removed": count}, f"{count} user(s) removed.")


def audit_list(app: AdminApp, args: argparse.Namespace) -> int:
    entries = login(app, args).audit.entries(
        entity=args.entity, actor=args.actor, entity_id=args.entity_id, limit=args.limit
    )
    return out.say(
        args,
        [out.audit_doc(e) for e in entries],
        out.table(
            [
                (e.at.strftime("%Y-%m-%d %H:%M:%S"), e.actor, e.action, f"{e.entity} {e.entity_id}")
                for e in entries
            ],
            ("when (UTC)", "who", "what", "record"),
        ),
    )
