#!/usr/bin/env python3
"""The interface's search screen during a search that reads every report (a query of
one or two characters), timed from outside as a user meets it: the release binary in a
WIDTHxHEIGHT tmux window, `S` opens the search screen and the query is typed at once.
Measured: from the keystroke until the first report is listed, until the count so far
shows, and until the whole answer's count; and, while the search still runs, from
pressing Down until the selection has moved (the screen answering keys meanwhile). The
screen is read with `tmux capture-pane` every few milliseconds.

Usage: benches/tui_scan_timing.py BINARY STORE TOWNSHIPS [QUERY] [WIDTH HEIGHT]
Prints: first_hit_ms so_far_ms down_key_ms whole_answer_s
(down_key_ms is -1 when the search ended before the key could be timed)
"""

import os
import re
import subprocess
import sys
import time

import tmux_pane
from tmux_pane import tmux

SESSION = f"nianbao-scan-{os.getpid()}"
PATIENCE = 600.0

# A report's heading line on the search screen: its year, then its township.
HEADING = r"(?m)^(19|20)\d\d  \S"


def selected_line(text):
    """The index of the selected hit's line (marked ▌), or None."""
    for i, line in enumerate(text.splitlines()):
        if line.lstrip().startswith("▌"):
            return i
    return None


def main():
    binary, store, townships = sys.argv[1], sys.argv[2], int(sys.argv[3])
    query = sys.argv[4] if len(sys.argv) > 4 else "调解"
    width, height = (sys.argv[5], sys.argv[6]) if len(sys.argv) > 6 else ("80", "24")
    command = f"env NO_COLOR=1 {binary} --store {store} --lang en"
    tmux("new-session", "-d", "-s", SESSION, "-x", width, "-y", height, command)
    q = re.escape(query)
    try:
        tmux_pane.wait_for(SESSION, rf"\b{townships} townships", time.monotonic(), PATIENCE)
        tmux("send-keys", "-t", SESSION, "S")
        tmux_pane.wait_for(SESSION, "Search the store", time.monotonic(), PATIENCE)
        sent = time.monotonic()
        tmux("send-keys", "-t", SESSION, "-l", query)
        first_hit = tmux_pane.wait_for(SESSION, HEADING, sent, PATIENCE, 0.003) * 1000
        so_far = tmux_pane.wait_for(SESSION, rf"“{q}” so far", sent, PATIENCE, 0.003) * 1000
        before = selected_line(tmux_pane.screen(SESSION))
        pressed = time.monotonic()
        tmux("send-keys", "-t", SESSION, "Down")
        down = -1.0
        while time.monotonic() - pressed < PATIENCE:
            text = tmux_pane.screen(SESSION)
            if selected_line(text) not in (None, before):
                down = (time.monotonic() - pressed) * 1000
                break
            if "so far" not in text:
                break
            time.sleep(0.003)
        whole = tmux_pane.wait_for(
            SESSION, rf"\d+ reports? contains? “{q}”(?! so far)", sent, PATIENCE, 0.01
        )
        if "so far" in tmux_pane.screen(SESSION) and down < 0:
            down = -1.0
        for key in ["Escape", "q"]:
            tmux("send-keys", "-t", SESSION, key)
            time.sleep(0.3)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    print(f"{first_hit:.0f} {so_far:.0f} {down:.0f} {whole:.1f}")


if __name__ == "__main__":
    main()
