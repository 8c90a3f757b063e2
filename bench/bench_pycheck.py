#!/usr/bin/env python3
"""Figures for pycheck in CPython: a 1 MB paste, typical passwords, import time, wheel size.

Prints numbers only; nothing here passes or fails (tests never assert timings).
Usage: .venv/bin/python bench/bench_pycheck.py
"""
from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TYPICAL = [
    "Fjell-Kaffe-Sykkel-47",
    "Passord123456789!",
    "Sommer2024!",
    "Xk9#mPq2$vL7nR4w",
    "Blåbærsyltetøy på brødskiva 2024!",
    "correct horse battery staple",
    "Aa1!",
    "",
]


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    from pycheck import check_password, suggest_password

    check_password("warm-up Aa1!")  # loads the word lists once, as the first keystroke would
    rng = random.Random(1)
    alphabet = [chr(c) for c in range(0x20, 0x7F)] + ["æ", "ø", "å", "😀", "\u200f", " "]
    paste = "".join(rng.choices(alphabet, k=1_000_000))
    print(f"1 MB paste, password + confirmation:  {best_of(lambda: check_password(paste, paste)) * 1000:8.1f} ms")
    print(f"1 MB paste of one letter:             {best_of(lambda: check_password('a' * 1_000_000)) * 1000:8.1f} ms")
    # Two combining marks of different classes, interleaved: canonical reordering's worst case (1 MB UTF-8).
    marks = "a" + "\u0301\u0316" * 262_144
    print(f"1 MB paste of combining marks:        {best_of(lambda: check_password(marks, marks), 3) * 1000:8.1f} ms")
    for password in TYPICAL:
        n = 2000
        per_call = best_of(lambda: [check_password(password, password) for _ in range(n)], 3) / n
        print(f"check_password({password!r:38}) {per_call * 1e6:8.1f} µs")
    n = 200
    print(f"suggest_password():                   {best_of(lambda: [suggest_password() for _ in range(n)], 3) / n * 1e6:8.1f} µs")

    def fresh(code: str) -> float:
        runs = []
        for _ in range(5):
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
            runs.append(float(out.stdout))
        return statistics.median(runs)

    timer = "import time; t = time.perf_counter(); {}; print(time.perf_counter() - t)"
    print(f"import pycheck (fresh interpreter):   {fresh(timer.format('import pycheck')) * 1000:8.1f} ms")
    first = "import pycheck; pycheck.check_password('Aa1!')"
    print(f"import + first check (lists loaded):  {fresh(timer.format(first)) * 1000:8.1f} ms")

    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, str(ROOT)],
            check=True, capture_output=True,
        )
        (wheel,) = Path(out).glob("pycheck-*.whl")
        print(f"wheel {wheel.name}: {wheel.stat().st_size / 1024:.1f} KiB (limit 300 KiB)")


if __name__ == "__main__":
    main()
