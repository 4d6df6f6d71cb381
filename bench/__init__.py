"""The benchmark: dataset generator, runner, ingest measurement and report (README)."""
