"""The starter dictionary's data files (a package, so that wheels carry them)."""
