"""Hooks: the specs every plugin implements, the registry they fill, and the plugin manager."""
