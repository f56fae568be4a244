"""Importing: tourist lists read, normalized and merged into the client file."""
