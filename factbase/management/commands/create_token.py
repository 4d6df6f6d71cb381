from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from knox.models import AuthToken


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it (last line). Only its hash is stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Expire after this many days (default: settings).",
        )

    def handle(self, *args: Any, username: str, days: int | None, **options: Any) -> None:
        user_model = get_user_model()
        try:
            user = user_model.objects.get(username=username)
        except user_model.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive.")
        if days is not None and days <= 0:
            raise CommandError("--days must be a positive number.")
        expiry = timedelta(days=days) if days is not None else None
        instance, token = (
            AuthToken.objects.create(user=user, expiry=expiry)
            if expiry
            else AuthToken.objects.create(user=user)
        )
        if instance.expiry:
            self.stderr.write(
                f"Token for {username}, expires {instance.expiry:%Y-%m-%d %H:%M} UTC:"
            )
        self.stdout.write(token)
