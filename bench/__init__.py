"""pubgen's benchmark: generator, runner and report (see bench/README.md)."""
