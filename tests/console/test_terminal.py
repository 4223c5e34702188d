"""`studybot chat` in a pseudo-terminal, driven as a person at a keyboard would: history, Tab, colour, keys."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import pexpect

from tests.console.test_console import FIXTURE

UP, TAB, CTRL_C, CTRL_D = "\x1b[A", "\t", "\x03", "\x04"
KDS_HEADING = "Amazon Kinesis Data Streams\x1b[0m  [service · Data engineering · MLS-C01]"
SGR = re.compile(r"\x1b\[([0-9;]*)m")
CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x08|\x07")


class Terminal:
    def __init__(self, tmp_path: Path, *options: str, columns: int = 80, **env: str) -> None:
        config = tmp_path / "config.yaml"
        config.write_text(f"knowledge: {FIXTURE}\ndatabase: {tmp_path / 'db.sqlite3'}\n")
        environment = {name: value for name, value in os.environ.items() if name not in ("NO_COLOR", "COLUMNS", "LINES")}
        # No terminal emulator answers prompt_toolkit's cursor-position request here; without this it waits and warns.
        environment |= {"TERM": "xterm-256color", "PROMPT_TOOLKIT_NO_CPR": "1", "XDG_DATA_HOME": str(tmp_path / "data"), **env}
        self.transcript = io.StringIO()
        self.child = pexpect.spawn(
            sys.executable, ["-m", "bot", "--config", str(config), "chat", *options], env=environment,
            dimensions=(40, columns), encoding="utf-8", timeout=30,
        )
        self.child.logfile_read = self.transcript
        self.child.expect_exact("Ctrl-D quits")
        self.ready()

    def ready(self) -> None:
        """Wait for the prompt: each one starts by turning on bracketed paste."""
        self.child.expect_exact("\x1b[?2004h")

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def expect(self, text: str) -> None:
        self.child.expect_exact(text)

    def run(self, line: str, until: str = "Docs: ") -> None:
        """Type `line`, press Enter and wait until the reply has shown `until` and the next prompt is up."""
        self.send(line + "\r")
        self.expect(until)
        self.ready()

    def quit(self) -> int:
        self.send(CTRL_D)
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.exitstatus is not None
        return self.child.exitstatus

    def text(self) -> str:
        """What a reader sees: the transcript without colour and cursor movements."""
        return re.sub(r"\r+\n", "\n", CONTROL.sub("", self.transcript.getvalue()))


def test_up_recalls_commands_from_this_session_and_the_last_but_not_lines_typed_after_a_space(tmp_path: Path) -> None:
    first = Terminal(tmp_path)
    first.run("show kds", KDS_HEADING)
    first.send(UP)
    first.expect("show kds")
    first.run("", KDS_HEADING)
    first.run(" show firehose", "Amazon Data Firehose")
    assert first.quit() == 0

    second = Terminal(tmp_path)
    second.send(UP)
    second.expect("show kds")
    second.run("", KDS_HEADING)
    assert second.quit() == 0
    saved = (tmp_path / "data" / "studybot" / "console_history").read_text()
    assert "+show kds" in saved and "firehose" not in saved


def test_tab_completes_a_partial_entry_name(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path)
    terminal.send("show amazon kin" + TAB)
    terminal.expect("show Amazon Kinesis Data Streams")
    terminal.run("", KDS_HEADING)
    assert terminal.quit() == 0


def test_colour_by_default_and_none_under_no_color_or_the_flag(tmp_path: Path) -> None:
    for options, env, coloured in (((), {}, True), (("--no-color",), {}, False), ((), {"NO_COLOR": "1"}, False)):
        terminal = Terminal(tmp_path, *options, **env)
        terminal.run("show kds")
        assert terminal.quit() == 0
        styles = set(SGR.findall(terminal.transcript.getvalue()))
        if coloured:
            assert re.search(r"\x1b\[[0-9;]*36[0-9;]*mAmazon Kinesis Data Streams\x1b\[0m", terminal.transcript.getvalue())
            assert styles > {"0"}
        else:
            assert styles == {"0"}, f"styled under {options or env}"
            assert "\nAmazon Kinesis Data Streams  [service · Data engineering · MLS-C01]\n" in terminal.text()


def test_ctrl_c_drops_the_line_being_typed_and_ctrl_d_quits(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path)
    terminal.send("show kds")
    terminal.expect("show kds")
    terminal.send(CTRL_C)
    terminal.ready()
    terminal.run("show firehose", "Docs: ")
    assert terminal.quit() == 0
    assert "Amazon Data Firehose  [service" in terminal.text() and "Amazon Kinesis Data Streams  [" not in terminal.text()


def test_replies_wrap_to_the_terminal_width(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path, "--no-color", columns=60)
    terminal.run("show kds")
    assert terminal.quit() == 0
    card = terminal.text().split("\nAmazon Kinesis Data Streams  [")[1].split("Docs:")[0].splitlines()
    assert max(map(len, card)) <= 60
    assert card[4:6] == ["    - Records stay readable for replay during the retention", "      period."]  # one line at 100
