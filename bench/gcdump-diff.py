#!/usr/bin/env python3
"""Types that grew between two `dotnet-gcdump report` outputs, largest first: what each of N open circuits (or parked
waiters) keeps. Usage: bench/gcdump-diff.py closed.txt open.txt [N]   (sizes of bucketed arrays are the bucket's minimum)"""
import re
import sys


def load(path):
    types = {}
    for line in open(path):
        m = re.match(r'\s*([\d,]+)\s+([\d,]+)\s+(.*)$', line)
        if m:
            types[m.group(3)] = (int(m.group(1).replace(',', '')), int(m.group(2).replace(',', '')))
    return types


closed, opened = load(sys.argv[1]), load(sys.argv[2])
n = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rows = sorted(((c - closed.get(t, (0, 0))[1]) * size, c - closed.get(t, (0, 0))[1], t) for t, (size, c) in opened.items())
grown = sum(total for total, _, _ in rows if total > 0)
print(f"{grown / n:14,.0f} {'':>14}  (every type that grew, in all)")
print(f"{'bytes each':>14} {'count each':>14}  type")
for total, count, name in reversed(rows[-40:]):
    print(f"{total / n:14,.0f} {count / n:14.1f}  {name}")
