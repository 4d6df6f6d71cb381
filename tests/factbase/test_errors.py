"""One hierarchy of domain errors (factbase/errors.py): every exception the domain raises
to its callers is a DomainError, so the API maps it to HTTP in one place and the CLI names
it. The detector's own errors are a library's, turned into an IngestError by ingest."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import factbase
from factbase.detect import DetectionError
from factbase.errors import DomainError, InvalidValue
from factbase.ingest import IngestError

# A pure library inside factbase, with no Django: ingest names its failures per article.
LIBRARY_ERRORS = (DetectionError,)


def _exceptions() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for module in pkgutil.walk_packages(factbase.__path__, "factbase."):
        if ".migrations" in module.name or module.name.endswith(("settings", "wsgi", "asgi")):
            continue
        loaded = importlib.import_module(module.name)
        for _, value in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == module.name:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def test_every_error_of_the_domain_is_a_domain_error() -> None:
    errors = _exceptions()
    assert "factbase.errors.StaleVersion" in errors  # the walk sees the package
    outside = sorted(
        name
        for name, error in errors.items()
        if not issubclass(error, (DomainError, *LIBRARY_ERRORS))
    )
    assert outside == []


def test_bad_ingest_input_is_an_invalid_value_naming_its_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    error = IngestError("no title", field="title").at(tmp_path / "a.txt")
    assert isinstance(error, InvalidValue)
    assert (error.field, error.message, str(error)) == (
        "title",
        "no title",
        f"{tmp_path / 'a.txt'}: no title",
    )
