"""readme_session.py - README.md's example session must be what `make run`
prints (a CHECKS function of tests/suites/toolbox.py).

Reads the session block of README.md (the code block that starts with
the shell's "Welcome to Tiny OS." line), boots `make run-now` with a fresh
disk on a pseudo-terminal as a user does (disk_e2e.Console), types each
command the README shows after a prompt (Ctrl-C where it shows ^C), and
compares what comes back with the README, command by command. Where the
answer moves from run to run (process IDs, memory counts, today's date)
the command is in VOLATILE and its lines are compared with every digit
and month name masked and spaces collapsed: the shape still has to match.
"""
import os
import re

import disk_e2e

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROMPT_RE = re.compile(r"^(tinyos:[^$]*\$ )(.*)$")
VOLATILE = {"ps", "free", "sleep 50 &", "ls -l"}
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def session_block(path=os.path.join(ROOT, "README.md")):
    """The session's lines, from the welcome line to the block's end."""
    text = open(path).read()
    m = re.search(r"```\n(Welcome to Tiny OS\..*?)```", text, re.S)
    if not m:
        raise ValueError("README.md has no session block starting with the welcome line")
    return m.group(1).splitlines()


def steps(lines):
    """[(prompt, command, [output lines])] and the welcome line."""
    out = []
    for line in lines[1:]:
        m = PROMPT_RE.match(line)
        if m:
            out.append((m.group(1), m.group(2), []))
        elif out:
            out[-1][2].append(line)
    return lines[0], out


def mask(line):
    line = re.sub(MONTHS, "Mon", line)
    return " ".join(re.sub(r"\d+", "#", line).split())


def check_session(build, logdir):
    name = "check/readme-session"
    welcome, want = steps(session_block())
    wd = disk_e2e.workdir(build)
    img = os.path.join(wd, "readme-session.img")
    if os.path.exists(img):
        os.unlink(img)
    c = disk_e2e.Console(build, img, True, os.path.join(logdir, "readme-session.log"))
    results = []
    try:
        if not c.wait_for(want[0][0].encode(), disk_e2e.BOOT_TIMEOUT):
            return [(name, False, "no prompt:\n" + c.tail())]
        for i, (prompt, cmd, _) in enumerate(want):
            mark = len(c.buf)
            c.type(cmd + "\r")
            if "^C" in want[i][2]:  # the README interrupts this one
                c.wait_for(cmd.encode() + b"\r\n", 10)
                c.wait_for(b"\0never\0", 1.5)  # the command has the terminal by now
                c.type("\x03")
            nxt = want[i + 1][0] if i + 1 < len(want) else want[i][0]
            if not c.wait_for(nxt.encode(), 60):
                results.append((f"{name}/command-{i + 1}", False, f"no prompt after {cmd!r}:\n" + c.tail()))
                return results
            # As a terminal shows it: escape sequences, carriage returns and
            # tabs (ls's columns) become what they draw.
            raw = ANSI.sub("", c.buf[mark:].decode("utf-8", "replace"))
            got = [x.replace("\r", "").expandtabs(8) for x in raw.split("\n")]
            # got: the echoed command line, its output, the next prompt
            want[i] = (prompt, cmd, want[i][2], got[1:-1])
        c.type("poweroff\r")
        c.wait_for(b"reboot: Power down", 60)
    finally:
        c.finish(30)
    text = c.buf.decode("utf-8", "replace")
    results.append((f"{name}/welcome", welcome in text, f"{welcome!r} not printed"))
    for i, (prompt, cmd, expected, got) in enumerate(want):
        if cmd in VOLATILE:
            ok = [mask(x) for x in got] == [mask(x) for x in expected]
        else:
            ok = got == expected
        results.append((f"{name}/command-{i + 1}", ok, f"{prompt}{cmd}\nREADME says:\n" + "\n".join(expected)
                        + "\nmake run prints:\n" + "\n".join(got)))
    return results
