"""A template is data: it may not reach Python internals or read files, and fails loudly."""

from __future__ import annotations

import pytest
from docx import Document

from pipeline.forms.errors import FormTemplateError
from plugins.exporters.docx_render import render

ATTACKS = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].listdir('/') }}",
    "{{ joiner.__init__.__globals__.__builtins__.open('/etc/passwd').read() }}",
    "{{ value.__class__.__base__.__subclasses__() }}",
    "{{ form.__class__ }}",
    "{{ form.update(x=1) }}",
    "{{ self.__init__.__globals__ }}",
    "{{ '{0.__class__}'.format(value) }}",
    "{% for x in range(10**9) %}{% endfor %}",
]

FILE_READS = [
    "{% include '/etc/passwd' %}",
    "{% include '../../../../etc/hostname' %}",
    "{% import '/etc/passwd' as p %}",
    "{% extends '/etc/passwd' %}",
    "{% from '/etc/passwd' import x %}",
]


def _template(folder, text: str):
    path = folder / "evil-form" / "template.docx"
    path.parent.mkdir(exist_ok=True)
    doc = Document()
    doc.add_paragraph(text)
    doc.save(path)
    return path


@pytest.mark.parametrize("text", ATTACKS)
def test_attribute_walks_to_internals_are_refused(tmp_path, text):
    out = tmp_path / "out.docx"
    with pytest.raises(FormTemplateError, match="evil-form") as info:
        render(_template(tmp_path, text), [({"value": "x", "form": {"id": "f"}}, out)])
    assert "root:" not in str(info.value)
    assert not out.exists()


@pytest.mark.parametrize("text", FILE_READS)
def test_templates_cannot_read_files(tmp_path, text):
    out = tmp_path / "out.docx"
    with pytest.raises(FormTemplateError, match="evil-form") as info:
        render(_template(tmp_path, text), [({"value": "x"}, out)])
    assert "may not read other files" in str(info.value)
    assert not out.exists()


def test_internals_message_says_what_was_refused(tmp_path):
    with pytest.raises(FormTemplateError, match=r"form 'evil-form'.*Python internals.*__class__"):
        render(_template(tmp_path, "{{ ''.__class__ }}"), [({}, tmp_path / "o.docx")])


def test_unknown_field_in_template_is_an_error_not_a_blank(tmp_path):
    with pytest.raises(FormTemplateError, match="'surnme' is undefined"):
        render(_template(tmp_path, "{{ surnme }}"), [({"surname": "X"}, tmp_path / "o.docx")])


def test_syntax_error_names_the_form_before_any_file_is_written(tmp_path):
    with pytest.raises(FormTemplateError, match="evil-form.*does not compile"):
        render(_template(tmp_path, "{{ value "), [({"value": 1}, tmp_path / "o.docx")])
    assert not (tmp_path / "o.docx").exists()


def test_a_plain_template_still_renders(tmp_path):
    out = tmp_path / "o.docx"
    render(
        _template(tmp_path, "{{ value|upper }} {{ form.id }} {% for i in range(3) %}{{ i }}{% endfor %}"),
        [({"value": "ok", "form": {"id": "f"}}, out)],
    )
    assert Document(str(out)).paragraphs[0].text == "OK f 012"
