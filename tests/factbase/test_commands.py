from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


def demo_accounts() -> dict[str, str]:
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    return dict(line.split(maxsplit=1) for line in out.getvalue().splitlines())


@pytest.mark.django_db
def test_demo_accounts_print_working_passwords_once() -> None:
    first = demo_accounts()
    assert set(first) == {"editor", "reviewer", "admin"}
    for username, password in first.items():
        user = get_user_model().objects.get(username=username)
        assert user.check_password(password), username
        assert user.is_staff
    assert get_user_model().objects.get(username="admin").is_superuser
    assert set(
        get_user_model().objects.get(username="editor").groups.values_list("name", flat=True)
    ) == {"editors"}
    again = demo_accounts()
    assert all(value.startswith("(password unchanged") for value in again.values())
    assert get_user_model().objects.get(username="editor").check_password(first["editor"])
