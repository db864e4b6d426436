#!/usr/bin/env python3
"""Opening a huge pair in the review interface, timed from outside as a user meets it:
the pair of `benches/huge_pair_text.py` (SIZE_MB a year) imported as 2018 and 2019 of
one township, the release binary started in a tmux window (NO_COLOR, English), and
Enter pressed on the township DELAY seconds after the list shows it — by then the
list's summary of that township is being computed, as when a reviewer opens the first
township they see. Timed: from Enter until the header shows the pair's copy ratio (the
pair on screen), then until the process has gone quiet (the reuse look-up and the
summary that follow the pair done). Each run starts from a copy of the imported store,
so no summary is cached.

Usage: benches/tui_pair_timing.py BINARY WORKDIR [SIZE_MB] [DELAY] [WIDTHxHEIGHT]
Prints: enter_to_pair_s cpu_at_pair_s peak_rss_at_pair_mb enter_to_quiet_s cpu_total_s
peak_rss_mb load — CPU is user + system of all threads since launch; peak RSS is the
process's high-water mark (VmHWM) at the pair, and `/usr/bin/time`'s at exit.
"""

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import tmux_pane
from tmux_pane import tmux

SESSION = f"nianbao-pair-{os.getpid()}"
PATIENCE = 600.0
TOWNSHIP, COUNTY = "大坪镇", "测试县"
HERE = pathlib.Path(__file__).resolve().parent


def wait_for(pattern, since, poll=0.01):
    """Seconds from `since` until the screen matches `pattern`."""
    return tmux_pane.wait_for(SESSION, pattern, since, PATIENCE, poll)


def imported_store(binary, work, mb):
    """The store holding the pair, written once and reused by later runs."""
    store = work / f"tui-pair-{mb}.db"
    if store.exists():
        return store
    corpus = work / "corpus"
    if not corpus.exists():
        subprocess.run(
            [binary, "bench-corpus", "--reports", "2000", "--years", "2", "--out", corpus],
            check=True,
            capture_output=True,
        )
    old, new = work / f"old-{mb}.txt", work / f"new-{mb}.txt"
    if not (old.exists() and new.exists()):
        subprocess.run(
            [sys.executable, HERE / "huge_pair_text.py", corpus, work, str(mb)], check=True
        )
    for path, year in [(old, 2018), (new, 2019)]:
        subprocess.run(
            [binary, "--store", store, "import", path, "--township", TOWNSHIP,
             "--county", COUNTY, "--year", str(year)],
            check=True,
            capture_output=True,
        )
    return store


def wait_quiet(pid, since):
    """Seconds from `since` until the process used under 0.05 s of CPU in 2 s."""
    last, quiet_from = tmux_pane.cpu_seconds(pid), time.monotonic()
    while time.monotonic() - since < PATIENCE:
        time.sleep(0.5)
        now = tmux_pane.cpu_seconds(pid)
        if now - last >= 0.05:
            last, quiet_from = now, time.monotonic()
        elif time.monotonic() - quiet_from >= 2.0:
            return quiet_from - since
    raise SystemExit("the interface never went quiet")


def main():
    binary, work = sys.argv[1], pathlib.Path(sys.argv[2])
    mb = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    delay = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0
    width, height = (sys.argv[5] if len(sys.argv) > 5 else "200x50").split("x")
    work.mkdir(parents=True, exist_ok=True)
    pristine = imported_store(binary, work, mb)
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="tui-pair-", dir=work))
    store = scratch / "store.db"
    shutil.copy(pristine, store)
    rss_file = scratch / "rss"
    command = (
        f"NO_COLOR=1 /usr/bin/time -o {rss_file} -f '%M' {binary} --store {store} --lang en"
    )
    tmux("new-session", "-d", "-s", SESSION, "-x", width, "-y", height, command)
    try:
        wait_for(TOWNSHIP, time.monotonic())
        pid = tmux_pane.interface_pid(SESSION)
        time.sleep(delay)
        pressed = time.monotonic()
        tmux("send-keys", "-t", SESSION, "Enter")
        to_pair = wait_for(r"│ copied \d", pressed)
        cpu_at_pair = tmux_pane.cpu_seconds(pid)
        rss_at_pair = tmux_pane.peak_rss_mb(pid)
        to_quiet = wait_quiet(pid, pressed)
        cpu_total = tmux_pane.cpu_seconds(pid)
        tmux("send-keys", "-t", SESSION, "q")
        peak = tmux_pane.timed_peak_rss_mb(rss_file)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)
    load = os.getloadavg()[0]
    print(
        f"{to_pair:.2f} {cpu_at_pair:.2f} {rss_at_pair} {to_quiet:.2f} {cpu_total:.2f} "
        f"{peak} {load:.1f}"
    )


if __name__ == "__main__":
    main()
