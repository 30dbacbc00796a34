"""Medians of the plain-spring harness's results files and the sample/plain ratios.

Usage: python3 summary.py <folder holding plain-<n>.txt and sample-<n>.txt>
"""
import glob
import os
import re
import statistics
import sys


def parse(path):
    """Returns {case: (rps, p50, p99, non2xx, sockerr)}, startup ms and RSS MB of one results file."""
    cases, startup, rss = {}, None, None
    for line in open(path):
        m = re.match(r"(hello|list|get)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+\d+\s+(\d+)\s+(\d+)", line)
        if m:
            cases[m.group(1)] = tuple(float(m.group(i)) for i in range(2, 7))
        m = re.search(r"launch->ready (\d+) ms", line)
        if m:
            startup = int(m.group(1))
        m = re.search(r"app RSS after run: (\d+) MB", line)
        if m:
            rss = int(m.group(1))
    return cases, startup, rss


def medians(files):
    parsed = [parse(f) for f in files]
    out = {}
    for case in ("hello", "list", "get"):
        rows = [p[0][case] for p in parsed if case in p[0]]
        out[case] = tuple(statistics.median(r[i] for r in rows) for i in range(3)) + (
            sum(r[3] for r in rows), sum(r[4] for r in rows))
    out["startup"] = statistics.median(p[1] for p in parsed if p[1] is not None)
    out["rss"] = statistics.median(p[2] for p in parsed if p[2] is not None)
    return out


def main(folder):
    plain_files = sorted(glob.glob(os.path.join(folder, "plain-*.txt")))
    sample_files = sorted(glob.glob(os.path.join(folder, "sample-*.txt")))
    if not plain_files or not sample_files:
        sys.exit("no plain-*.txt / sample-*.txt results in " + folder)
    plain, sample = medians(plain_files), medians(sample_files)
    print(f"medians of {len(plain_files)} plain and {len(sample_files)} sample runs, interleaved")
    print(f"{'case':6} {'plain req/s':>11} {'p50':>6} {'p99':>7} | {'sample req/s':>12} {'p50':>6} {'p99':>7} |"
          f" {'req/s ratio':>11} {'p99 ratio':>9} | errors (non-2xx, socket) plain / sample")
    for case in ("hello", "list", "get"):
        p, s = plain[case], sample[case]
        print(f"{case:6} {p[0]:11.0f} {p[1]:6.1f} {p[2]:7.1f} | {s[0]:12.0f} {s[1]:6.1f} {s[2]:7.1f} |"
              f" {s[0] / p[0]:11.2f} {s[2] / p[2]:9.2f} | {p[3]:.0f}, {p[4]:.0f} / {s[3]:.0f}, {s[4]:.0f}")
    print(f"startup to ready: plain {plain['startup'] / 1000:.1f} s, sample {sample['startup'] / 1000:.1f} s,"
          f" ratio {sample['startup'] / plain['startup']:.2f}")
    print(f"RSS after the run: plain {plain['rss']:.0f} MB, sample {sample['rss']:.0f} MB,"
          f" ratio {sample['rss'] / plain['rss']:.2f}")


if __name__ == "__main__":
    main(sys.argv[1])
