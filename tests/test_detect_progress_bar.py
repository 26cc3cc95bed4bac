"""`edition detect` in a terminal: a bar that names the detector at work and whose clock goes on
while one detector works for long (the first to ask for the word engine's readings on a book).
Without a terminal (a pipe, a file, CI) no bar is drawn."""
from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from edition.cli import detect as detect_cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "hoxha-memoirs-stalin-introduction.txt"


def _stderr_on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run ``python -m edition ARGS`` with its stderr on a pseudo-terminal: (code, stdout, what
    the terminal received)."""
    master, slave = pty.openpty()
    # a terminal of 100 columns (a new pseudo-terminal has none, and tqdm then draws nothing)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "edition", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    screen = bytearray()
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal (EIO on Linux)
            break
        if not chunk:
            break
        screen += chunk
    out = proc.stdout.read().decode()
    code = proc.wait()
    os.close(master)
    return code, out, screen.decode("utf-8", "replace")


def test_detect_on_a_terminal_shows_the_detectors_bar_then_clears_it(tmp_path):
    shutil.copy(SEED, tmp_path / SEED.name)
    code, out, screen = _stderr_on_a_terminal(["detect", SEED.name], tmp_path)
    assert code == 0, screen
    assert "new proposal(s) written to" in out
    drawn = [line.strip() for line in screen.split("\r") if line.strip()]
    assert drawn[0].startswith("detecting:") and re.search(r" 0/11 detectors, 00:0\d, case$", drawn[0]), drawn
    # each detector named while it works, never beside the count of one finished after it
    assert all(re.search(r" 1/11 detectors, \d\d:\d\d, division$", line) for line in drawn if " 1/11" in line)
    assert all(re.search(r" (\d+)/11 detectors, \d\d:\d\d(, [a-z]+)?$", line) for line in drawn), drawn
    # leave=False: the bar's line is wiped at the end (blanks, back to the line's start)
    assert screen.endswith("\r") and not screen.split("\r")[-2].strip()


def test_detect_into_a_pipe_draws_no_bar(tmp_path):
    shutil.copy(SEED, tmp_path / SEED.name)
    proc = subprocess.run([sys.executable, "-m", "edition", "detect", SEED.name], cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "detecting" not in proc.stderr and "detectors" not in proc.stderr


def test_the_clock_goes_on_while_a_detector_works_and_the_next_is_named(capsys, monkeypatch):
    monkeypatch.setattr(detect_cli, "BAR_TICK", 0.05)
    with detect_cli.detector_bar(["case", "words", "variant"]) as finished:
        finished("case")
        time.sleep(1.3)  # "words" works: the bar is redrawn though nothing finished
        finished("words")
    err = capsys.readouterr().err
    assert "0/3 detectors, 00:00, case" in err
    assert "1/3 detectors, 00:01, words" in err  # drawn by the clock alone, a second in
    assert "2/3 detectors" in err and ", variant" in err
