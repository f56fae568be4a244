"""A template may not build what no questionnaire needs: huge texts, huge numbers, endless loops.

Each case is refused with one line naming the form and the limit, quickly and without the
memory it asked for; ordinary templates (a few loops, padding, joins) render as before.
"""

from __future__ import annotations

import time

import pytest
from docx import Document

from pipeline.forms.errors import FormTemplateError
from plugins.exporters.docx_render import render, sandbox

GREEDY = [
    "{{ 'a' * 200000000 }}",
    "{{ 200000000 * 'a' }}",
    "{% set s = namespace(v='x' * 1000) %}{% for i in range(40) %}{% set s.v = s.v ~ s.v %}{% endfor %}",
    "{% set s = namespace(v='x' * 1000) %}{% for i in range(40) %}{% set s.v = s.v + s.v %}{% endfor %}",
    "{% set s = namespace(v=['x']) %}{% for i in range(40) %}{% set s.v = s.v + s.v %}{% endfor %}",
    "{{ ['x'] * 10**9 }}",
    "{{ 10 ** 10000000 }}",
    "{% for i in range(10**9) %}{% endfor %}",
    "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
    "{{ 'x'.ljust(10**9) }}",
    "{{ 'x'|center(10**9) }}",
    "{{ 'x\\n'|indent(10**8) }}",
    "{{ '%999999999s' % 'x' }}",
    "{{ '{:>999999999}'.format('x') }}",
    "{{ '%999999999s'|format('x') }}",
    "{{ ('a' * 1000000).replace('a', 'aaaa') }}",
    "{{ ('a' * 1000000)|replace('a', 'aaaa') }}",
    "{{ (['x' * 1000000] * 1000)|join(',') }}",
    "{{ ','.join(['x' * 1000000] * 1000) }}",
    "{{ lipsum(1000000) }}",
    "{{ [1]|batch(10**9, 'x')|list }}",
    "{% for i in range(10000) %}{{ 'x' * 1000000 }}{% endfor %}",
]


def _template(folder, text: str):
    path = folder / "greedy-form" / "template.docx"
    path.parent.mkdir(exist_ok=True)
    doc = Document()
    doc.add_paragraph(text)
    doc.save(path)
    return path


@pytest.mark.parametrize("text", GREEDY)
def test_greedy_templates_are_refused_quickly_with_the_limit(tmp_path, text):
    out = tmp_path / "out.docx"
    start = time.perf_counter()
    with pytest.raises(FormTemplateError) as info:
        render(_template(tmp_path, text), [({}, out)])
    assert time.perf_counter() - start < 10
    message = str(info.value)
    assert message.startswith("form 'greedy-form': template.docx") and "refused" in message
    assert "\n" not in message and not out.exists()
    assert "TOURDESK_LIMIT_TEMPLATE" in message or "no form prints" in message


def test_a_greedy_template_costs_no_memory(tmp_path):
    """The worst of them in a child capped at 500 MB of address space beyond Python's own."""
    import subprocess
    import sys

    path = _template(tmp_path, GREEDY[2])
    code = (
        "import sys\nfrom pathlib import Path\nfrom plugins.exporters.docx_render import render\n"
        "from pipeline.forms.errors import FormTemplateError\n"
        f"try:\n    render(Path({str(path)!r}), [({{}}, Path({str(tmp_path / 'o.docx')!r}))])\n"
        "except FormTemplateError:\n"
        # the child's own peak (VmHWM): ru_maxrss would carry over the pytest worker's
        "    print(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM:')))\n"
        "    sys.exit(7)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 7, done.stderr
    assert int(done.stdout.split()[-1]) < 500 * 1024


def test_ordinary_templates_still_render():
    env = sandbox()
    source = (
        "{{ 'IVANOV' ~ ' ' ~ 'IVAN' }}|{{ '%s'|format(751234567) }}|{{ '%05d' % 42 }}|{{ 'x'|center(5) }}|"
        "{% for i in range(3) %}{{ loop.index }}/{{ loop.length }}{% endfor %}|{{ ', '.join(['a', 'b']) }}|"
        "{{ 'ab'|replace('a', 'b') }}|{{ 2 ** 10 }}|{{ '-' * 10 }}|{{ '{:>4}'.format(7) }}"
    )
    assert env.from_string(source).render() == (
        "IVANOV IVAN|751234567|00042|  x  |1/32/33/3|a, b|bb|1024|----------|   7"
    )


def test_loop_turns_start_again_for_each_document(tmp_path):
    """The loop budget is per rendered part: a thousand tourists do not add up to a refusal."""
    path = _template(tmp_path, "{% for i in range(9000) %}{% endfor %}{% for i in range(9000) %}{% endfor %}ok")
    written = render(path, [({}, tmp_path / f"{n}.docx") for n in range(120)], workers=1)
    assert len(written) == 120
