"""Forms are folders: a plugin adds one by registering its forms dir, with no code change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import hookimpl
from pipeline.forms.render import FormSpecError, UnknownFormError, list_forms, load_form, render_forms
from pipeline.hooks import manager as plugins
from tests.forms.helpers import entry

BUILTIN = Path(plugins.__file__).resolve().parents[2] / "templates" / "forms"


@pytest.fixture
def forms_plugin(tmp_path):
    """A throwaway plugin registering ``tmp_path/forms``; unregistered afterwards."""
    forms_dir = tmp_path / "forms"
    forms_dir.mkdir()

    class Plugin:
        @hookimpl
        def register_forms(self, register):
            register.forms_dir(forms_dir)

    plugins.ensure_plugins_loaded()
    plugin = Plugin()
    plugins.pm.register(plugin, name="test-forms-plugin")
    plugins.reset()
    yield forms_dir
    plugins.pm.unregister(plugin)
    plugins.reset()


def test_builtin_forms_are_listed():
    forms = {f.id: f for f in list_forms()}
    assert {"schengen-en", "schengen-fr"} <= set(forms)
    en = forms["schengen-en"]
    assert en.language == "en" and en.template_path.is_file()
    assert en.field("surname").sources == ("record.surname_lat", "record.surname_ru")
    assert en.field("sex").type == "choice"
    # the French form reuses the catalogue, printed in French
    fr = forms["schengen-fr"]
    assert fr.language == "fr" and [f.key for f in fr.fields] == [f.key for f in en.fields]
    assert fr.field("surname").label(fr.language) == "Nom (nom de famille)"


def test_schengen_form_has_every_numbered_field():
    numbers = {f.number for f in load_form("schengen-en").fields}
    assert {str(n) for n in range(1, 34)} <= numbers


def test_unknown_form_names_the_available_ones():
    with pytest.raises(UnknownFormError, match=r"no form 'schengen-xx'.*schengen-en, schengen-fr"):
        load_form("schengen-xx")


def test_folder_added_by_a_plugin_appears_and_renders(forms_plugin, tmp_path, group, trip, extras):
    folder = forms_plugin / "italy-it"
    shutil.copytree(BUILTIN / "schengen-en", folder)
    text = (folder / "fields.yaml").read_text(encoding="utf-8").replace("id: schengen-en", "id: italy-it")
    (folder / "fields.yaml").write_text(text, encoding="utf-8")
    assert "italy-it" in {f.id for f in list_forms()}
    report = render_forms("italy-it", group[:1], trip, tmp_path / "out", extras)
    # rendered without a dictionary: her occupation "инженер" stays Russian, so it is a draft
    assert report.files[0].name == "IVANOVA_MARIA_italy-it_DRAFT.docx"
    assert [i.kind for i in report.results[0].issues] == ["untranslated"]
    assert entry(report.files[0], "1") == "IVANOVA"


def test_plugin_form_can_extend_a_builtin_one(forms_plugin):
    folder = forms_plugin / "schengen-ru"
    folder.mkdir()
    (folder / "fields.yaml").write_text("id: schengen-ru\nextends: schengen-en\nlanguages: [ru]\n")
    form = load_form("schengen-ru")
    assert form.field("surname").label(form.language) == "Фамилия"


@pytest.mark.parametrize(
    "yaml_text, message",
    [
        ("id: bad\nfields:\n  - key: x\n    source: record.surnme\n", "not a field of the tourist record"),
        ("id: bad\nfields:\n  - key: x\n    source: somewhere\n", "is not record.X"),
        ("id: bad\nfields:\n  - key: x\n    source: extra.a\n    type: choice\n", "needs 'options'"),
        (
            "id: bad\nfields:\n  - key: x\n    source: extra.a\n    type: choice\n"
            "    options: [{value: items}]\n",
            "not a dict method",
        ),
        ("id: bad\nfields:\n  - key: form\n    source: extra.a\n", "plain name"),
        ("id: other\nfields: []\n", "differs from the folder name"),
        ("id: bad\nextends: bad\n", "loops"),
        ("id: bad\nfields: [\n", "cannot read"),
    ],
)
def test_broken_catalogue_is_named(forms_plugin, yaml_text, message):
    folder = forms_plugin / "bad"
    folder.mkdir()
    (folder / "fields.yaml").write_text(yaml_text)
    with pytest.raises(FormSpecError, match=message):
        list_forms()
