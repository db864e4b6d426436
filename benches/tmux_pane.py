"""Reading a tmux pane for the interface timing scripts: run tmux, wait until the pane
shows a pattern, timing how long it took, and read the interface's CPU time and memory."""

import os
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


def interface_pid(session):
    """The interface's process id: the child of `/usr/bin/time` in the pane."""
    timer = tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip()
    with open(f"/proc/{timer}/task/{timer}/children") as f:
        return int(f.read().split()[0])


def cpu_seconds(pid):
    """CPU time (user + system, all threads) a process has used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid):
    """The most resident memory a process has held so far (VmHWM), in MB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return -1


def timed_peak_rss_mb(path, patience=30):
    """The peak RSS `/usr/bin/time -f '%M' -o PATH` wrote once the program ended, in MB;
    -1 when nothing came within `patience` seconds."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        try:
            with open(path) as f:
                words = f.read().split()
        except FileNotFoundError:
            words = []
        if words:
            return int(words[-1]) // 1024
        time.sleep(0.1)
    return -1
