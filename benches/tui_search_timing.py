#!/usr/bin/env python3
"""The interface's search screen timed from outside, as a user meets it: the release
binary in a 120x40 tmux window, `S` opens the search screen, then a query is typed one
character every PAUSE seconds, as a person types. The first characters are too short
for the trigram index, so each starts a scan of every report; a scan for a query that
has since changed must be dropped, or the answer to the full query would wait for it.
Measured: from the last keystroke until the screen shows the full query's count, and
from the first keystroke until the screen shows the first character's count when typed
alone (the scan's cost, for scale). The screen is read with `tmux capture-pane` every
few milliseconds.

Usage: benches/tui_search_timing.py BINARY STORE TOWNSHIPS [QUERY] [PAUSE]
Prints: last_key_to_answer_ms one_char_scan_s peak_rss_mb
"""

import os
import re
import subprocess
import sys
import tempfile
import time

import tmux_pane
from tmux_pane import tmux

SESSION = f"nianbao-search-{os.getpid()}"
PATIENCE = 600.0


def screen():
    return tmux_pane.screen(SESSION)


def wait_for(pattern, since):
    """Seconds from `since` until the screen matches `pattern`."""
    return tmux_pane.wait_for(SESSION, pattern, since, PATIENCE, 0.003)


def answered(query):
    """The whole answer's count (not the count so far of a search still running)."""
    q = re.escape(query)
    return rf"(\d+ reports? contains? “{q}”(?! so far)|no report holds: {q})"


def type_keys(text):
    tmux("send-keys", "-t", SESSION, "-l", text)


def main():
    binary, store, townships = sys.argv[1], sys.argv[2], int(sys.argv[3])
    query = sys.argv[4] if len(sys.argv) > 4 else "矛盾纠纷"
    pause = float(sys.argv[5]) if len(sys.argv) > 5 else 0.15
    rss_file = tempfile.NamedTemporaryFile(prefix="tui-rss-", delete=False).name
    command = f"/usr/bin/time -o {rss_file} -f '%M' {binary} --store {store} --lang en"
    tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", command)
    try:
        wait_for(rf"\b{townships} townships", time.monotonic())
        tmux("send-keys", "-t", SESSION, "S")
        time.sleep(0.5)
        for ch in query[:-1]:
            type_keys(ch)
            time.sleep(pause)
        sent = time.monotonic()
        type_keys(query[-1])
        last_key = wait_for(answered(query), sent) * 1000
        # The first character alone: clear the line, type it, wait for its scan.
        for _ in query:
            tmux("send-keys", "-t", SESSION, "BSpace")
        time.sleep(0.3)
        sent = time.monotonic()
        type_keys(query[0])
        one_char = wait_for(answered(query[0]), sent)
        for key in ["Escape", "Escape", "q"]:
            tmux("send-keys", "-t", SESSION, key)
            time.sleep(0.3)
        rss_mb = tmux_pane.timed_peak_rss_mb(rss_file)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
        os.unlink(rss_file)
    print(f"{last_key:.0f} {one_char:.2f} {rss_mb}")


if __name__ == "__main__":
    main()
