#!/usr/bin/env python3
"""Where a run's resident memory goes: runs a command, samples /proc/PID/status every 20 ms
(VmRSS = RssAnon + RssFile + RssShmem) and attributes each sample to the phase the command's
output was in (the last line it printed), then prints each phase's largest sample and the peak.

    bench/memory.py [--interval 0.02] [--tsv FILE] -- COMMAND...

e.g. bench/memory.py -- dotnet src/Word2Vec.Torch.Cli/bin/Release/net10.0/w2v.dll train \
        --config configs/text8-sgns-cpu.json --no-resume --set evaluate=false

A benchmark tool, not a test. The peak is also the kernel's own (VmHWM) at the last sample.
"""
import argparse
import subprocess
import sys
import threading
import time

FIELDS = ("VmRSS", "RssAnon", "RssFile", "RssShmem", "VmHWM")


def status(pid):
    values = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in FIELDS:
                    values[key] = int(rest.split()[0]) / 1024.0   # kB -> MB
    except (FileNotFoundError, ProcessLookupError):
        return None
    return values if "VmRSS" in values else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--interval", type=float, default=0.02)
    parser.add_argument("--tsv", help="write every sample here")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command")

    start = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    phase = ["start-up"]
    order = ["start-up"]

    def read_output():
        for line in proc.stdout:
            sys.stdout.write(line)
            text = line.strip().replace("\r", " ")
            # Progress lines change every report: name the phase by the line's first words.
            if text and not text[:1].isdigit() and not text.startswith("step "):
                key = " ".join(text.split()[:4])[:60]
                phase[0] = key
                if key not in order:
                    order.append(key)

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    samples = []
    last = None
    while proc.poll() is None:
        s = status(proc.pid)
        if s:
            last = s
            samples.append((time.monotonic() - start, phase[0], s))
        time.sleep(args.interval)
    reader.join(timeout=5)

    if args.tsv:
        with open(args.tsv, "w") as f:
            f.write("seconds\tphase\t" + "\t".join(FIELDS) + "\n")
            for t, p, s in samples:
                f.write(f"{t:.3f}\t{p}\t" + "\t".join(f"{s.get(k, 0):.1f}" for k in FIELDS) + "\n")

    print(f"\n{len(samples)} samples every {args.interval * 1000:.0f} ms; exit code {proc.returncode}")
    print(f"{'phase (the last line printed)':62} {'VmRSS':>7} {'anon':>7} {'file':>7}  (largest sample, MB)")
    for p in order:
        ours = [s for _, q, s in samples if q == p]
        if not ours:
            continue
        top = max(ours, key=lambda s: s["VmRSS"])
        print(f"{p:62} {top['VmRSS']:7.0f} {top.get('RssAnon', 0):7.0f} {top.get('RssFile', 0):7.0f}")
    if last:
        print(f"peak resident (VmHWM at the last sample): {last.get('VmHWM', 0):.0f} MB")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
