"""Ten sleeping python3 processes share their program's and libraries'
pages: the memory they take together is well below ten times what one
takes (VmRSS counts shared pages in every process; MemFree only what is
new). Run on Tiny OS by tests/suites/dynamic.py; prints the figures."""
import subprocess
import time


def mem_free():
    for line in open("/proc/meminfo"):
        if line.startswith("MemFree:"):
            return int(line.split()[1])


def rss(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])


def start(n):
    return [subprocess.Popen(["/usr/bin/python3", "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
            for _ in range(n)]


base = mem_free()
procs = start(1)
time.sleep(2)
one = base - mem_free()
procs += start(9)
time.sleep(6)
ten = base - mem_free()
total_rss = sum(rss(p.pid) for p in procs)
print(f"one python3: {one} KiB new; ten: {ten} KiB new, VmRSS summed {total_rss} KiB", flush=True)
ok = ten < total_rss - 9 * 1024 and ten < 10 * rss(procs[0].pid)
print("ok - ten python3 share their text and libraries" if ok else "not ok - no sharing seen")
for p in procs:
    p.stdin.close()
    p.wait()
