"""E-mail to list addresses over SMTP: plain text and HTML, List-Unsubscribe, one thread per incident.

Every message of an incident shares its first update's Message-ID as the thread root
(In-Reply-To the previous update, References root and previous), so mail clients group an
incident's updates into one conversation. Message-IDs derive from update ids: a resend after an
interrupted run carries the same id, which list servers and clients treat as a duplicate.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import time
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape

from .config import Channel
from .http import DeliveryError, MAX_BACKOFF_SECONDS
from .messages import Message


def message_id(update_id: str, incident_id: str, host: str) -> str:
    return f"<{update_id}.{incident_id}@{host}>"


def build_email(message: Message, channel: Channel) -> EmailMessage:
    mail = EmailMessage()
    mail["Subject"] = f"[{message.site_name}] {message.title}"
    mail["From"] = channel.sender
    mail["To"] = ", ".join(channel.to)
    mail["Date"] = format_datetime(message.at)
    mail["Message-ID"] = message_id(message.update_id, message.incident_id, message.host)
    if message.previous_update_id is not None:
        root = message_id(message.first_update_id, message.incident_id, message.host)
        previous = message_id(message.previous_update_id, message.incident_id, message.host)
        mail["In-Reply-To"] = previous
        mail["References"] = root if root == previous else f"{root} {previous}"
    mail["List-Id"] = f"{message.site_name} <{channel.to[0].replace('@', '.')}>"  # RFC 2919: the list address as a dot-atom
    mail["List-Unsubscribe"] = f"<{channel.unsubscribe}>"
    if channel.unsubscribe.startswith("https://"):
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    mail["Auto-Submitted"] = "auto-generated"
    facts = f"{message.status_label} · {message.when} · Affected: {', '.join(message.components)}"
    mail.set_content(f"{message.title}\n{facts}\n\n{message.text}\n\nFollow this incident: {message.url}\n"
                     f"Unsubscribe: {channel.unsubscribe}\n")
    mail.add_alternative(
        f'<!doctype html><html><body><h1 style="font-size:1.2em"><a href="{escape(message.url)}">{escape(message.title)}</a></h1>'
        f"<p>{escape(facts)}</p>{message.html}"
        f'<p><a href="{escape(message.url)}">Follow this incident on {escape(message.site_name)}</a> · '
        f'<a href="{escape(channel.unsubscribe)}">Unsubscribe</a></p></body></html>',
        subtype="html",
    )
    return mail


def preview_email(mail: EmailMessage) -> str:
    """Headers and the plain-text part as a reader sees them (the HTML part is the same content)."""
    headers = "\n".join(f"{name}: {value}" for name, value in mail.items() if name not in ("MIME-Version", "Content-Type"))
    return f"{headers}\n\n{mail.get_body(('plain',)).get_content()}"


def send_email(mail: EmailMessage, channel: Channel, retries: int, timeout: float, backoff: float = 1.0,
               sleep=time.sleep) -> None:
    """Send over SMTP (STARTTLS, implicit TLS or plain for a local relay), with bounded retries."""
    user = os.environ.get(channel.username_env, "") if channel.username_env else ""
    password = os.environ.get(channel.password_env, "") if channel.password_env else ""
    if channel.password_env and not password:
        raise DeliveryError(f"the environment variable {channel.password_env} is not set")
    last = ""
    for attempt in range(retries + 1):
        if attempt:
            sleep(min(backoff * 2 ** (attempt - 1), MAX_BACKOFF_SECONDS))
        try:
            if channel.security == "tls":
                client = smtplib.SMTP_SSL(channel.smtp_host, channel.smtp_port, timeout=timeout,
                                          context=ssl.create_default_context())
            else:
                client = smtplib.SMTP(channel.smtp_host, channel.smtp_port, timeout=timeout)
            with client:
                if channel.security == "starttls":
                    client.starttls(context=ssl.create_default_context())
                if user:
                    client.login(user, password)
                client.send_message(mail)
            return
        except smtplib.SMTPResponseException as exc:
            last = f"SMTP {exc.smtp_code}"
            if 500 <= exc.smtp_code < 600:
                break  # permanent: retrying sends the same refusal
        except (smtplib.SMTPException, OSError) as exc:
            last = type(exc).__name__
    raise DeliveryError(f"not accepted after {attempt + 1} attempt(s): {last}")
