#!/usr/bin/env python3
"""The review interface's township list timed from outside, as a user meets it: the
release binary started in a tmux window, the time from launch until the list's title
bar counts every township, then each filter keystroke until the bar shows the narrowed
(or widened) count. The screen is read with `tmux capture-pane` every few
milliseconds, so each figure includes up to one read of the screen (a few ms).

Usage: benches/tui_timing.py BINARY STORE TOWNSHIPS [KEYS]
Prints: first_frame_s first_frame_cpu_s keystroke_ms,keystroke_ms,... peak_rss_mb
screen_read_ms — the CPU time (user + system, all threads) the interface had used when
its first frame was seen, steadier than wall time on a loaded machine; the last, the
median time of one `capture-pane`, is the resolution of the figures.
"""

import os
import re
import subprocess
import sys
import tempfile
import time

import tmux_pane
from tmux_pane import tmux

SESSION = f"nianbao-scale-{os.getpid()}"
PATIENCE = 120.0


def screen():
    return tmux_pane.screen(SESSION)


def wait_for(pattern, since):
    """Seconds from `since` until the screen matches `pattern`."""
    return tmux_pane.wait_for(SESSION, pattern, since, PATIENCE, 0.002)


def cpu_seconds():
    """CPU time used so far by the interface (the child of /usr/bin/time in the pane)."""
    return tmux_pane.cpu_seconds(tmux_pane.interface_pid(SESSION))


def main():
    binary, store, townships = sys.argv[1], sys.argv[2], int(sys.argv[3])
    keys = sys.argv[4] if len(sys.argv) > 4 else "qs"
    rss_file = tempfile.NamedTemporaryFile(prefix="tui-rss-", delete=False).name
    command = (
        f"/usr/bin/time -o {rss_file} -f '%M' {binary} --store {store} --lang en"
    )
    started = time.monotonic()
    tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", command)
    try:
        first = wait_for(rf"\b{townships} townships", started)
        first_cpu = cpu_seconds()
        reads = []
        for _ in range(11):
            before = time.monotonic()
            screen()
            reads.append((time.monotonic() - before) * 1000)
        screen_read = sorted(reads)[len(reads) // 2]
        tmux("send-keys", "-t", SESSION, "/")
        time.sleep(0.5)
        typed, strokes = "", []
        # Narrow letter by letter, then widen again with backspaces.
        steps = [(k, typed := typed + k) for k in keys]
        steps += [("BSpace", typed := typed[:-1]) for _ in keys[1:]]
        for key, shown in steps:
            sent = time.monotonic()
            tmux("send-keys", "-t", SESSION, *(["-l", key] if key != "BSpace" else [key]))
            strokes.append(wait_for(rf"filter: {re.escape(shown)} \(\d+\)", sent) * 1000)
        tmux("send-keys", "-t", SESSION, "Escape")
        time.sleep(0.3)
        tmux("send-keys", "-t", SESSION, "Escape")
        time.sleep(0.3)
        tmux("send-keys", "-t", SESSION, "q")
        rss_mb = tmux_pane.timed_peak_rss_mb(rss_file)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
        os.unlink(rss_file)
    print(f"{first:.3f} {first_cpu:.2f} {','.join(f'{s:.0f}' for s in strokes)} {rss_mb} {screen_read:.0f}")


if __name__ == "__main__":
    main()
