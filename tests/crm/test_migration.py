"""The CRM tables come with the store's migrations, and go away again on a downgrade."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from pipeline.crm.models import Base
from pipeline.store.db import MIGRATIONS, engine_for

CRM_TABLES = {t for t in Base.metadata.tables if t.startswith("crm_")}


def test_upgrade_downgrade_upgrade(db_url):
    engine = engine_for(db_url)
    assert set(inspect(engine).get_table_names()) >= CRM_TABLES
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    assert not CRM_TABLES & set(inspect(engine).get_table_names())
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    # every column the models declare is in the database
    tables = inspect(engine)
    for name in CRM_TABLES:
        assert {c["name"] for c in tables.get_columns(name)} == set(Base.metadata.tables[name].columns.keys())
