"""Where the store lives, and opening it: schema migrations are applied on first use."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

ENV_URL = "TOURDESK_DATABASE_URL"
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class StoreUnavailable(Exception):
    """The store cannot be reached or opened; the message says so in plain words."""


def default_url() -> str:
    """An SQLite file in the user's data directory, private to the user."""
    # why here: platformdirs is needed only when no --db or TOURDESK_DATABASE_URL is given
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("tourdesk", appauthor=False))
    return f"sqlite:///{folder / 'tourdesk.sqlite3'}"


def resolve_url(url: str | None = None) -> str:
    """``--db`` first, then ``TOURDESK_DATABASE_URL``, then the embedded default."""
    return url or os.environ.get(ENV_URL) or default_url()


def _prepare_sqlite_file(url: str) -> None:
    path = url.split("///", 1)[1] if "///" in url else ""
    if not path or path == ":memory:":
        return
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not file.exists():
        # Created private to the user: the file holds passports and birth dates.
        file.touch(mode=0o600)
        file.chmod(0o600)


_ENGINES: dict[str, Engine] = {}


def engine_for(url: str) -> Engine:
    """One engine per URL per process, with the schema brought up to date."""
    if url not in _ENGINES:
        _ENGINES[url] = _open(url)
    return _ENGINES[url]


def dispose_engine(url: str) -> None:
    """Close the pooled connections to ``url`` (tests drop their databases afterwards)."""
    engine = _ENGINES.pop(url, None)
    if engine is not None:
        engine.dispose()


def _open(url: str) -> Engine:
    if url.startswith("sqlite"):
        _prepare_sqlite_file(url)
        # hide_parameters: were SQL logging ever switched on, passports must not reach the log
        engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    else:
        try:
            engine = create_engine(
                url,
                pool_size=int(os.environ.get("TOURDESK_POOL_SIZE", "5")),
                max_overflow=int(os.environ.get("TOURDESK_POOL_OVERFLOW", "10")),
                pool_pre_ping=True,
                hide_parameters=True,
            )
        except ImportError as exc:  # the driver is an extra: say which one, not a traceback
            extra = "postgres" if url.startswith("postgresql") else None
            hint = f"pip install 'tourdesk[{extra}]'" if extra else f"install the driver for {_safe(url)}"
            raise StoreUnavailable(f"the database driver is not installed ({exc.name}): {hint}") from exc
    try:
        migrate(engine)
    except StoreUnavailable:
        raise
    except Exception as exc:  # the driver's own words name host and reason
        raise StoreUnavailable(f"cannot open the client store ({_safe(url)}): {_first_line(exc)}") from exc
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # pysqlite's own transaction handling is switched off so that "begin" above takes the
    # write lock at once: two desks importing at the same moment queue instead of failing.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    # a million-client file is read at random by merges and searches: map it, keep more pages
    cur.execute("PRAGMA mmap_size=1073741824")
    cur.execute("PRAGMA cache_size=-65536")
    cur.close()


def head_on_disk() -> str | None:
    """The newest migration's revision, read from the file names (``NNNN_what.py``: the chain
    is straight and each revision is its file's number; a test holds Alembic to it)."""
    names = sorted(p.name[:4] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return names[-1] if names else None


def _current_revisions(engine: Engine) -> list[str] | None:
    """The store's schema revisions by plain SQL; None when it has no version table yet."""
    try:
        with engine.connect() as conn:
            return [row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))]
    except DBAPIError:
        return None


def migrate(engine: Engine) -> None:
    """Apply Alembic migrations up to head (a no-op when the schema is current)."""
    # Nearly every command opens a store that is current: one SELECT says so, and Alembic
    # (a seventh of a second to import) is loaded only when there is something to do.
    if (head := head_on_disk()) is not None and _current_revisions(engine) == [head]:
        return
    # why here: Alembic (a seventh of a second) loads only for a store to create or bring up to date
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    heads = set(ScriptDirectory.from_config(cfg).get_heads())
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    if current == heads:
        return
    script = ScriptDirectory.from_config(cfg)
    unknown = [rev for rev in current if rev not in {s.revision for s in script.walk_revisions()}]
    if unknown:
        raise StoreUnavailable(
            f"the client store was written by a newer Tourdesk (schema {', '.join(unknown)}); update Tourdesk"
        )
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # A migration that rebuilds a table (SQLite cannot alter one in place) drops the old
            # one; with foreign keys on, that drop would cascade into passports and trip places.
            # SQLite's own procedure: keys off outside the transaction, checked before commit.
            # The PRAGMA goes to the driver directly: SQLAlchemy's begin would come first.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                # Two desks opening a new store at once: the second waits here, then finds it done.
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(7410000)"))
                if set(MigrationContext.configure(conn).get_current_heads()) == heads:
                    return
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise StoreUnavailable("the client store's references do not hold after the update; nothing was changed")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def _safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _first_line(exc: BaseException) -> str:
    text_ = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text_[0] if text_ else type(exc).__name__


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on any error."""
    engine = engine_for(resolve_url(url))
    factory = sessionmaker(engine, expire_on_commit=False)
    try:
        with factory() as session, session.begin():
            yield session
    except DBAPIError as exc:
        # A server gone mid-run is a clear line (and a retry for the flows), not a traceback;
        # errors of the data itself (a constraint) stay what they are.
        if exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError):
            raise StoreUnavailable(f"lost the connection to the client store: {_first_line(exc)}") from exc
        raise


def serialize_writers(session: Session) -> None:
    """Make concurrent imports take turns, so two desks never create the same client twice.

    PostgreSQL: a transaction-level advisory lock; SQLite already holds its write lock.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(7410001)"))
