"""Phones, e-mails and social accounts: checked and written one way, so lookups and mailings match."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.clients.edit import get_client
from pipeline.crm.errors import CrmInputError
from pipeline.crm.models import Contact

SOCIAL_NETWORKS = ("telegram", "whatsapp", "vk", "instagram", "viber", "ok")


class BadContact(CrmInputError):
    """A phone, e-mail or account the desk typed cannot be used; the message says why."""


def normalize_phone(value: str, region: str = "RU") -> str:
    """The phone in E.164 (+79161234567); a number without a country code is read as ``region``'s."""
    # why here: phonenumbers and its numbering plans load only when a phone is added (tens of ms)
    import phonenumbers

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        raise BadContact(f"{value!r} is not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise BadContact(f"{value!r} is not a valid phone number (check the digits and the country code)")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_email(value: str) -> str:
    """The address as mail servers compare it (domain lower case); no network look-up."""
    # why here: email_validator and its IDNA tables load only when an e-mail is added (tens of ms)
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise BadContact(f"{value!r} is not a usable e-mail address: {exc}") from None


def normalize_social(network: str, handle: str) -> tuple[str, str]:
    """(network, handle) with the network one of SOCIAL_NETWORKS and the handle without '@' or URL."""
    net = network.strip().lower()
    if net not in SOCIAL_NETWORKS:
        raise BadContact(f"unknown network {network!r}; use one of: {', '.join(SOCIAL_NETWORKS)}")
    value = re.sub(r"^(https?://)?[^/]*/", "", handle.strip()).lstrip("@").strip("/")
    if not value:
        raise BadContact("the account name is empty")
    return net, value


def add_contact(session: Session, client_id: int, kind: str, value: str, network: str | None = None,
                primary: bool = False) -> Contact:  # fmt: skip
    """Add a checked contact to the client (an existing identical one is returned as it is)."""
    get_client(session, client_id)
    if kind == "phone":
        value = normalize_phone(value)
    elif kind == "email":
        value = normalize_email(value)
    elif kind == "social":
        network, value = normalize_social(network or "", value)
    else:
        raise BadContact(f"unknown contact kind {kind!r}; use phone, email or social")
    found = session.scalar(select(Contact).where(Contact.client_id == client_id, Contact.kind == kind,
                                                 Contact.value == value))  # fmt: skip
    if found:
        return found
    contact = Contact(client_id=client_id, kind=kind, value=value, network=network, is_primary=primary)
    session.add(contact)
    session.flush()
    return contact


def contacts_of(session: Session, client_id: int) -> list[Contact]:
    get_client(session, client_id)
    return list(session.scalars(select(Contact).where(Contact.client_id == client_id).order_by(Contact.id)))
