"""Trips: a voucher's group, its tourists and what its papers say."""
