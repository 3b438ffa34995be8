"""vga_console.py - vi and less on the VGA console (a CHECKS function of
tests/suites/toolbox.py).

Boots the root file system of `make run` with a QMP socket, types on the
emulated PS/2 keyboard (QMP send-key: scancodes, as a person at the
machine types) and reads the VGA text screen back from its memory at
0xB8000 (QMP pmemsave: 80x25 cells of character and attribute). The
shell, vi and less run on the console that both the screen and the serial
line show; this test looks only at the screen, so it checks the VGA
side: the keyboard's keys (Escape, shifted ':'), and the escape
sequences vi and less draw with as the VGA terminal interprets them.
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Characters to QEMU key codes (qcode names); shifted ones as (shift, key).
QCODES = {" ": "spc", "\n": "ret", "\x1b": "esc", "/": "slash", "-": "minus", ".": "dot", ";": "semicolon",
          "'": "apostrophe", ">": ("shift", "dot"), ":": ("shift", "semicolon"), "=": "equal",
          "_": ("shift", "minus"), "|": ("shift", "backslash"), "\"": ("shift", "apostrophe")}


def keys_for(ch):
    if ch in QCODES:
        k = QCODES[ch]
        return list(k) if isinstance(k, tuple) else [k]
    if ch.isupper():
        return ["shift", ch.lower()]
    if ch.isalnum():
        return [ch]
    raise ValueError(f"no key for {ch!r}")


class Machine:
    def __init__(self, build, logdir):
        self.dir = tempfile.mkdtemp(prefix="tinyos-vga.")
        self.sock_path = os.path.join(self.dir, "qmp.sock")
        self.screen_path = os.path.join(self.dir, "screen.bin")
        cmd = [sys.executable, os.path.join(ROOT, "tools", "qemu-boot"), os.path.join(build, "tinyos.elf"),
               "--initrd", os.path.join(build, "rootfs.cpio"), "--",
               "-qmp", f"unix:{self.sock_path},server=on,wait=off"]
        self.log = open(os.path.join(logdir, "vga-vi-less.log"), "wb")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + 30
        while not os.path.exists(self.sock_path):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("QEMU's QMP socket did not appear")
            time.sleep(0.05)
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(self.sock_path)
        self.file = self.sock.makefile("rwb")
        self.file.readline()  # the greeting
        self.qmp("qmp_capabilities")

    def qmp(self, command, **args):
        self.file.write(json.dumps({"execute": command, "arguments": args}).encode() + b"\n")
        self.file.flush()
        while True:  # skip events until the answer
            reply = json.loads(self.file.readline())
            if "return" in reply:
                return reply["return"]
            if "error" in reply:
                raise RuntimeError(f"QMP {command}: {reply['error']}")

    def type(self, text):
        for ch in text:
            keys = [{"type": "qcode", "data": k} for k in keys_for(ch)]
            self.qmp("send-key", keys=keys, **{"hold-time": 20})
            time.sleep(0.06)  # the release comes after hold-time: keys must not overlap

    def screen(self):
        self.qmp("pmemsave", val=0xB8000, size=80 * 25 * 2, filename=self.screen_path)
        with open(self.screen_path, "rb") as f:
            cells = f.read()
        chars = bytes(cells[0::2]).decode("latin-1")
        return [chars[r * 80:(r + 1) * 80].rstrip() for r in range(25)]

    def wait_for(self, pred, what, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            lines = self.screen()
            if pred(lines):
                return lines
            time.sleep(0.2)
        raise TimeoutError(f"the screen never showed {what}:\n" + "\n".join(self.screen()))

    def close(self):
        try:
            os.killpg(self.proc.pid, 9)
        except ProcessLookupError:
            pass
        self.proc.wait()
        self.log.close()
        subprocess.run(["rm", "-rf", self.dir])


def any_line(text):
    return lambda lines: any(text in l for l in lines)


def check_vi_less(build, logdir):
    m = Machine(build, logdir)
    results = []
    try:
        m.wait_for(any_line("tinyos:/$"), "the prompt", timeout=60)
        # vi: a new file, a line inserted, Escape (the keyboard's own key),
        # then :wq once vi shows it is back in command mode.
        m.type("cd /tmp; vi v\n")
        m.wait_for(lambda l: l[24].startswith("- v"), "vi's status line")
        m.type("ihello vga\x1b")
        m.wait_for(lambda l: l[24].startswith("- v [Modified]"), "vi back in command mode")
        m.type(":wq\n")
        lines = m.wait_for(any_line("tinyos:/tmp$"), "the prompt after vi")
        m.type("cat v\n")
        lines = m.wait_for(lambda l: any(x == "hello vga" for x in l), "the file vi wrote")
        results.append(("check/vga-vi", True, ""))
        # less: a page of a 100-line file, then /77 brings line 77 to the top.
        m.type("clear; seq 100 >s; less s\n")
        m.wait_for(lambda l: l[0] == "1" and l[1] == "2", "less's first page")
        m.type("/77\n")
        lines = m.wait_for(lambda l: l[0] == "77" and l[1] == "78", "line 77 at the top after /77")
        m.type("q")
        m.type("echo less-done\n")
        m.wait_for(any_line("less-done"), "the shell after less")
        results.append(("check/vga-less", True, ""))
    except (TimeoutError, RuntimeError, OSError) as e:
        done = {n for n, _, _ in results}
        for name in ("check/vga-vi", "check/vga-less"):
            if name not in done:
                results.append((name, False, str(e)))
                break
        if "check/vga-less" not in {n for n, _, _ in results}:
            results.append(("check/vga-less", False, "not reached"))
    finally:
        m.close()
    return results
