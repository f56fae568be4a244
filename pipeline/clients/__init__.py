"""Clients: finding, editing, reviewing and undoing changes to the client file."""
