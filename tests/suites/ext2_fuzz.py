"""ext2_fuzz.py - corrupted ext2 images must never crash or hang Tiny OS
(issue 13).

A deterministic slice of `make fuzz`: tools/ext2-fuzz with a fixed seed
makes the control image and 100 mutants of a small ext2 image (bytes
changed in the superblock, group descriptors, bitmaps, inodes, directory
and indirect blocks) and one boot mounts, walks, writes and unmounts
each. The check passes when no image panics the kernel, hangs it, or
leaves the guest program unable to unmount, and the unchanged control
image comes out clean. EIO, EUCLEAN or a refused mount are the expected
answers to a corrupt image and pass. Timings are not checked.

A CHECKS entry (tests/run-tests runs the functions of CHECKS beside the
boots): the tool makes the images on the host and reads the guest's
lines, which a USER_TESTS row cannot do.
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = 13
COUNT = 100


def fuzz_subset(build, logdir):
    cmd = [sys.executable, os.path.join(ROOT, "tools", "ext2-fuzz"), "--build", build, "--seed", str(SEED),
           "--count", str(COUNT), "--batch", str(COUNT + 1), "--hang", "20", "--quiet"]
    name = f"check/ext2-fuzz-seed{SEED}-{COUNT}"
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return [(name, False, "tools/ext2-fuzz itself did not finish in 300 s")]
    with open(os.path.join(logdir, "ext2-fuzz.log"), "w") as f:
        f.write(p.stdout + p.stderr)
    summary = [l for l in p.stdout.splitlines() if " images (seed " in l]
    why = "" if p.returncode == 0 else \
        f"exit status {p.returncode}:\n" + "\n".join((p.stdout + p.stderr).strip().splitlines()[-40:])
    if p.returncode == 0 and not summary:
        why = "no summary line"
    return [(name, p.returncode == 0 and bool(summary), why)]


CHECKS = [
    dict(name=f"ext2-fuzz-seed{SEED}-{COUNT}", run=fuzz_subset),
]
