"""The command line's entry: ``python -m edition`` and the installed ``edition`` command (its
console script, ``pyproject.toml``) both call :func:`run`.

The process then ends without the interpreter's teardown, which would free the evidence tables
a detection loaded (wordfreq's 321,180 frequencies, the 242,000 bigrams, ...) one object at a
time: 0.06-0.07 s of a cold `edition detect` on the seed, whose target is 1 s (issue 18; CPU
medians of eight alternating runs, 2026-12-05). What a normal exit does that matters is done
first: the ``atexit`` functions run and the standard streams are flushed. With other threads
still running, it is a normal exit (which waits for them).
"""
import sys

from .cli import main


def _exit_now(code: int) -> None:
    """End the process with ``code`` as :func:`sys.exit` would, without the teardown."""
    import atexit
    import os
    import threading

    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe, a closed stream: as the teardown would
            pass
    os._exit(code)


def run() -> None:
    """Run the command line on ``sys.argv`` and end the process with its exit code."""
    _exit_now(main())


if __name__ == "__main__":
    run()
