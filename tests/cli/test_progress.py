"""A long import shows its progress on a terminal, and nothing extra anywhere else."""

from __future__ import annotations

import io
import time

from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.cli.common import Progress
from pipeline.importing.run import import_source
from pipeline.types import Source


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_after_the_delay_and_wiped_at_the_end():
    screen = Terminal()
    with Progress(delay=0, stream=screen) as shown:
        shown.show("list.csv: 5,000 rows read, 0 merged")
        time.sleep(0.11)
        shown.show("list.csv: 5,000 rows read, 5,000 merged")
    text = screen.getvalue()
    assert "\rlist.csv: 5,000 rows read, 0 merged\x1b[K" in text
    assert "5,000 merged" in text and text.endswith("\r\x1b[K")  # the summary line stands alone


def test_a_short_import_or_a_pipe_shows_nothing():
    quick, piped = Terminal(), io.StringIO()
    with Progress(stream=quick) as shown:  # the default: only after two seconds
        shown.show("list.csv: 10 rows read")
    with Progress(stream=piped, delay=0) as shown:
        shown.show("list.csv: 10 rows read")
    assert quick.getvalue() == piped.getvalue() == ""


def test_the_import_reports_rows_read_and_merged_up_to_the_whole_list(tmp_path, sample_csv):
    seen: list[tuple[int, int]] = []
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    result = import_source(Source.from_path(sample_csv), db_url=url, progress=lambda r, m: seen.append((r, m)))
    assert seen[0][1] == 0 and seen[-1] == (result.total, result.total)
    assert [m for _, m in seen] == sorted(m for _, m in seen)
    dry: list[tuple[int, int]] = []
    import_source(Source.from_path(sample_csv), dry_run=True, progress=lambda r, m: dry.append((r, m)))
    assert dry[-1] == (result.total, 0)


def test_the_command_prints_no_progress_when_its_output_is_not_a_terminal(tmp_path, sample_csv):
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    done = CliRunner().invoke(cli, ["import", str(sample_csv), "--db", url])
    assert "\r" not in done.output and "\x1b[K" not in done.output
    assert done.output.startswith(f"{sample_csv.name}: ")
