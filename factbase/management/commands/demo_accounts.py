from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand

from factbase.factchecks import DEMO_USERS, demo_user


class Command(BaseCommand):
    help = (
        "Create the demo accounts `editor` and `reviewer` (and `admin`, a superuser) with "
        "generated passwords, printed once. Accounts that already have a password keep it."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.contrib.auth import get_user_model

        users = [demo_user(name) for name in DEMO_USERS]
        admin, created = get_user_model().objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            admin.set_unusable_password()  # set below, printed once
        users.append(admin)
        for user in users:
            if user.username != "admin":
                user.is_staff = True  # the admin is where editors and reviewers work
                user.save(update_fields=["is_staff"])
            if user.has_usable_password():
                self.stdout.write(
                    f"  {user.username:<9} (password unchanged; reset with "
                    f"`python manage.py changepassword {user.username}`)"
                )
                continue
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"  {user.username:<9} {password}")
