"""Reading a tmux pane for the interface timing scripts: run tmux, and wait until the
pane shows a pattern, timing how long it took."""

import re
import subprocess
import time


def tmux(*args):
    """Runs tmux and returns what it printed."""
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def screen(session):
    """The pane's text as a person sees it."""
    return tmux("capture-pane", "-p", "-t", session)


def wait_for(session, pattern, since, patience, poll=0.002):
    """Seconds from `since` until the pane matches `pattern`; exits after `patience`."""
    regex = re.compile(pattern)
    while time.monotonic() - since < patience:
        if regex.search(screen(session)):
            return time.monotonic() - since
        time.sleep(poll)
    raise SystemExit(f"screen never showed {pattern!r}:\n{screen(session)}")
