"""boots.py - the QEMU boots `tests/run-tests` makes, one dict each.

Keys: name; cmdline; memory (default 128M); cpu (default qemu64); iso
(boot build/tinyos.iso through GRUB instead of -kernel); timeout in
seconds (hard); exit (expected QEMU exit code: 1 = kernel EXIT_OK,
3 = EXIT_FAILED, 255 = panic, "stopped" = killed by the runner once
stop_when appeared); expect / reject (regexes on the console output);
selftests (count each `selftest NAME: ok` line as a test); script
(list of (text to wait for, text to type)); init_prog (a program from
build/user/tests run as init on the console, with quiet); empty_initrd
(boot with an initramfs that holds nothing); rootfs (boot with the root
file system of `make run`, build/rootfs.cpio, init and shell included).

To add a kernel test: write a SELFTEST in kernel/tests/ (it runs in the
"selftests" boots below); add a boot here only when the test needs its
own machine (a crash, a command line, a memory size).
"""

PANIC = 255
OK = 1

# What every panic report must show (trap.c, trap_panic).
REPORT = [r"^  RIP 0x[0-9a-f]{16} <", r"^  CR2 0x", r"^  RAX 0x[0-9a-f]{16}  RBX", r"R15 0x[0-9a-f]{16}",
          r"^Backtrace:", r"<kmain\+0x[0-9a-f]+>"]

BANNER = [r"^Tiny OS \d+\.\d+\.\d+ \(x86_64\)", r"^memory: \d+ MiB usable, \d+ KiB free",
          r"^cpu: .*features:.* nx", r"^timer: PIT at 100 Hz"]

BOOTS = [
    dict(name="selftests", cmdline="selftest=all", timeout=60, exit=OK, selftests=True,
         expect=BANNER + [r"^command line: \"selftest=all\"$", r"^selftests: \d+ passed, 0 failed$"]),
    dict(name="selftests-cpu-max", cmdline="selftest=all", cpu="max", timeout=60, exit=OK, selftests=True,
         expect=[r"features:.* smep smap umip fsgsbase xsave", r"^selftests: \d+ passed, 0 failed$"]),
    dict(name="panic-report-page-fault", cmdline="selftest=crash_page_fault", timeout=30, exit=PANIC,
         expect=REPORT + [r"^KERNEL PANIC: Page fault \(#PF\), vector 14, error code 0x2$",
                          r"cause: write to a not-present page in kernel mode",
                          r"CR2 0xffffffffc0200000", r"RIP 0x[0-9a-f]+ <write_unmapped\+0x0>",
                          r"<selftest_run\+0x[0-9a-f]+>"]),
    dict(name="panic-stack-overflow-guard", cmdline="selftest=crash_stack_overflow", timeout=30, exit=PANIC,
         expect=[r"^KERNEL PANIC: Double fault \(#DF\), vector 8",
                 r"kernel stack overflow: CR2 0x[0-9a-f]+ is in the guard page of the boot stack",
                 r"RIP 0x[0-9a-f]+ <recurse"],
         reject=[r"Triple fault"]),
    dict(name="panic-exec-nx", cmdline="selftest=crash_exec_nx", timeout=30, exit=PANIC,
         expect=[r"^KERNEL PANIC: Page fault \(#PF\), vector 14, error code 0x11$",
                 r"cause: instruction fetch from a page whose protection forbids it"]),
    dict(name="panic-write-kernel-text", cmdline="selftest=crash_write_text", timeout=30, exit=PANIC,
         expect=[r"^KERNEL PANIC: Page fault \(#PF\), vector 14, error code 0x3$",
                 r"cause: write to a page whose protection forbids it",
                 r"<selftest_crash_write_text\+0x[0-9a-f]+>"]),
    dict(name="panic-call", cmdline="selftest=crash_panic_call", timeout=30, exit=PANIC,
         expect=[r"^KERNEL PANIC: deliberate panic from selftest 42$", r"^Backtrace:",
                 r"#0 0x[0-9a-f]+ <selftest_crash_panic_call\+0x"]),
    dict(name="unknown-option-warns", cmdline="selftest=timer_ticks_advance bogus=1 maxproc=64", timeout=30, exit=OK,
         expect=[r'^warning: unknown kernel command-line option "bogus" ignored$',
                 r"^selftests: 1 passed, 0 failed$"],
         reject=[r'option "maxproc"']),
    dict(name="quiet-hides-kernel-messages", cmdline="quiet selftest=timer_ticks_advance", timeout=30, exit=OK,
         reject=[r"Tiny OS", r"selftest", r'option "quiet"']),
    dict(name="unknown-selftest-fails", cmdline="selftest=no_such_test", timeout=30, exit=3,
         expect=[r'selftest: no test matches "no_such_test"; known tests:.* kmalloc_stress']),
    # A known name beside an unknown one: the known one runs, the unknown
    # one is named and fails the boot.
    dict(name="unknown-selftest-beside-a-known-one", cmdline="selftest=pmm_alloc_free,nosuch", timeout=30, exit=3,
         expect=[r"^selftest pmm_alloc_free: ok", r'selftest: no test matches "nosuch"; known tests:.* kmalloc_stress',
                 r"^selftests: 1 passed, 1 failed$"]),
    dict(name="too-little-memory", memory="2M", cmdline="selftest=all", timeout=30, exit=PANIC,
         expect=[r"^KERNEL PANIC: not enough memory: \d+ KiB free after loading the kernel"]),
    dict(name="smallest-memory-boots", memory="3M", cmdline="selftest=pmm_alloc_free", timeout=30, exit=OK,
         expect=[r"^selftests: 1 passed, 0 failed$"]),
    dict(name="console-echo", timeout=30, exit="stopped", stop_when="echo: hello tiny os",
         script=[("tinyos> ", "hello tiny os\r")],
         expect=BANNER + [r"Kernel console: type a line", r"echo: hello tiny os"]),
    dict(name="console-line-editing", timeout=30, exit="stopped", stop_when="echo: abd",
         script=[("tinyos> ", "abc\x7fd\r")], expect=[r"echo: abd"]),
    # The ISO carries the root file system as a second module: GRUB boots
    # straight into the shell, and a typed command runs.
    dict(name="iso-grub-multiboot2", iso=True, memory="128M", timeout=90, exit="stopped", stop_when="iso says hi",
         script=[("tinyos:/$ ", "echo iso 'says' hi | cat\r")],
         expect=BANNER + [r"booted by Multiboot 2 from GRUB", r"^memory: 12\d MiB usable",
                          r"initramfs: \d+ entries", r"^iso says hi$"]),
    dict(name="no-init-program", empty_initrd=True, timeout=30, exit=3,
         expect=[r"^no init program found \(tried /sbin/init and others\)"], reject=[r"KERNEL PANIC"]),
    dict(name="tty-ctrl-c", init_prog="tty_signals", timeout=60, exit=OK,
         script=[("ready: press ^C", "\x03"), ("ready2: press ^C", "\x03")],
         expect=[r"^isatty: 1$", r"^foreground group: 1 \(mine 1\)$",
                 r"^\^Cread returned -1 \(Interrupted system call\), signal 2$",
                 r"^foreground now the child's group: 1$", r"^\^Cchild killed by SIGINT: 1$", r"^done$"]),
]
