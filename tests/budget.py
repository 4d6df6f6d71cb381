"""How many generated examples a property-based test runs: the full count in `make test`
(and CI), a tenth in `make test-fast` (FACTBASE_TEST_LANE=fast), so the inner loop still
runs every property, on fewer cases."""

from __future__ import annotations

import os

FAST = os.environ.get("FACTBASE_TEST_LANE") == "fast"


def examples(count: int) -> int:
    return max(10, count // 10) if FAST else count
