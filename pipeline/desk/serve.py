"""Starting the desk: refuse to serve other machines without users, then run it with uvicorn."""

from __future__ import annotations

import getpass
import shutil
import threading
import webbrowser

import uvicorn

from pipeline.desk.app import create_app
from pipeline.desk.routes.prints import prints_root
from pipeline.desk.web import DeskConfig, DeskRefused, local_only
from pipeline.store.db import session_scope
from pipeline.store.users import count_users


def desk_config(db_url: str | None, host: str, port: int) -> DeskConfig:
    """The configuration to serve with; ``DeskRefused`` when another machine could reach a
    desk nobody logs in to.

    On 127.0.0.1 with no users the desk is the local user's own, as the command line is;
    once a user exists every page needs a login, wherever the desk listens.
    """
    with session_scope(db_url) as session:
        users = count_users(session)
    if not local_only(host) and users == 0:
        raise DeskRefused(
            f"serving other machines ({host}) needs at least one user: "
            "tourdesk desk users add NAME --role administrator"
        )
    try:
        local = getpass.getuser()
    except Exception:  # no login name in a bare container
        local = "desk"
    return DeskConfig(db_url=db_url, host=host, port=port, login=users > 0, local_user=local)


def serve(config: DeskConfig, *, open_browser: bool = True) -> None:
    # print runs of an earlier desk process belong to sessions that are gone
    root = prints_root(config.work_dir)
    for old in root.iterdir():
        shutil.rmtree(old, ignore_errors=True)
    url = f"http://{'[' + config.host + ']' if ':' in config.host else config.host}:{config.port}/"
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    # access_log: paths carry ids and vouchers only, never a name, a date of birth or a passport
    uvicorn.run(create_app(config), host=config.host, port=config.port, log_level="info",
                proxy_headers=False, server_header=False)  # fmt: skip
