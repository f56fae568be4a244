"""Data files of the translator plugins (a package, so that wheels carry them)."""
