#!/usr/bin/env python3
"""Writes a huge pair of "years" for the huge-pair benchmarks: many townships' reports
of a `bench-corpus` corpus run together (2018 as last year, 2019 as this year), each
township renamed per repetition so the text does not simply repeat, until this year
holds SIZE_MB megabytes. Writes WORKDIR/old-SIZE.txt and WORKDIR/new-SIZE.txt.

Usage: benches/huge_pair_text.py CORPUS WORKDIR SIZE_MB
"""

import pathlib
import sys

corpus, work, mb = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
pairs = []
for new in sorted(corpus.rglob("*-2019.txt")):
    old = new.with_name(new.name.replace("-2019", "-2018"))
    if old.exists():
        pairs.append((new.name.split("-")[0], old.read_text(), new.read_text()))
pool = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
target = mb * 1_000_000
old_parts, new_parts, size, k = [], [], 0, 0
while size < target:
    name, old, new = pairs[k % len(pairs)]
    rep = k // len(pairs)
    renamed = name[:-1] + pool[rep % len(pool)] + pool[rep // len(pool) % len(pool)] + name[-1]
    old_parts.append(old.replace(name, renamed))
    new_parts.append(new.replace(name, renamed))
    size += len(new_parts[-1].encode())
    k += 1
(work / f"old-{mb}.txt").write_text("\n".join(old_parts))
(work / f"new-{mb}.txt").write_text("\n".join(new_parts))
