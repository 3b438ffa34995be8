/*
 * syscall_table.c - the dispatch table, indexed by Linux's x86_64
 * system-call numbers (uapi/syscall_nr.h), and the documentation of every
 * call, kept next to its entry: tools/gen-syscall-doc turns this file into
 * docs/syscalls.md (`make docs`; tests/tools/test_syscall_doc.py fails
 * when the committed doc is stale).
 *
 * Doc comments are blocks of `//:` lines; a block's first line names its
 * kind in brackets, an empty `//:` line breaks paragraphs:
 *   [note] TEXT        the next ENTRY's note (its row in the table)
 *   [detail] TEXT      a paragraph of the Details section, placed next to
 *                      the call it is mostly about
 *   [enosys NAME] TEXT a note on a call Tiny OS does not implement
 *   [intro] / [missing] the text before the table / under "Not yet"
 */
#include "syscall/syscall.h"

#include "uapi/errno.h"
#include "uapi/syscall_nr.h"

//: [intro] Tiny OS implements the Linux x86_64 system-call ABI: the `syscall` instruction, Linux's
//: numbers (`include/uapi/syscall_nr.h`), arguments in RDI RSI RDX R10 R8 R9, the result or
//: `-errno` in RAX, and every register but RAX, RCX and R11 preserved. Only the low 32 bits
//: of RAX select the call; any number without a handler returns `-ENOSYS`.
//:
//: The entry path (`kernel/arch/x86_64/syscall.S`) saves a full `struct trap_frame` on the
//: calling process's own kernel stack and leaves through SYSRET when the return address is
//: a canonical user address, else through IRETQ. User memory is only touched by
//: `copy_from_user`, `copy_to_user`, `clear_user` and `strncpy_from_user`
//: (`kernel/mm/usercopy.c`): range-checked against user space, SMAP opened only inside
//: them, faults turned into `-EFAULT` by the exception table.
//:
//: Argument types are Linux's: where Linux declares an `int` (descriptors, pids, signal
//: numbers, flags) only the low 32 bits of the register count, so
//: `wait4(0x00000000ffffffff, ...)`, as glibc passes it, means `wait4(-1)`.
//:
//: The `strace` kernel option (`tools/tinyos-run --strace PROG`) prints every call with its
//: arguments and result decoded as strace(1) does: docs/strace.md.
//: [missing] Network sockets (`AF_INET`, `AF_INET6`), namespaces (and so `setns`, `pivot_root`,
//: `/proc/PID/ns`), clone3, PI futexes, futex_waitv, queued real-time signals (one pending
//: instance per signal number), fanotify, io_uring, userfaultfd, BPF, seccomp, Landlock,
//: perf events, syslog(2), acct, ioperm/iopl, `MS_MOVE`, disk file systems other than
//: ext2. docs/ltp.md lists what LTP finds missing, generated from its
//: runs.
//: [enosys rseq] glibc then does without restartable sequences.

/* Numbers without a handler (and those past the table: syscall.S). */
long sys_ni_syscall(void) { return -ENOSYS; }

/* Handlers have their own typed signatures; the ABI passes all six
 * arguments in registers, so calling through the uniform type is exact.
 * The cast goes through void (*)(void) to say so to the compiler. */
#define ENTRY(nr, fn) [nr] = (syscall_fn)(void (*)(void))fn

/* syscall.S calls table entries directly. Every slot holds a function, so
 * it needs no NULL test: the range initializer fills all of them with
 * sys_ni_syscall first and the entries below override it (GCC's
 * designated-range extension; Linux's syscall_64.c does the same). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
const syscall_fn syscall_table[SYSCALL_TABLE_SIZE] = {
    [0 ... SYSCALL_TABLE_SIZE - 1] = (syscall_fn)(void (*)(void))sys_ni_syscall,
    ENTRY(SYS_read, sys_read),
    //: [detail] **write** to a file when memory runs out: a short count for the part that fit, then
    //: `-ENOSPC` (a tmpfs mounted with `size=` stops at its size, the root file system when
    //: only 256 frames, 1 MiB, are left for the kernel). File data lives in pages (the page
    //: cache): one file can use all of memory.
    ENTRY(SYS_write, sys_write),
    //: [detail] **/proc**: `meminfo` (Linux's lines: MemTotal, MemFree, MemAvailable, Buffers, Cached,
    //: SwapTotal, SwapFree in kB), `uptime`, `ps` (Tiny OS's own table), `self` (a link to the
    //: reader's PID directory) and one directory per process (thread group leaders, zombies
    //: included; listed by readdir, made and removed as the process table changes) with
    //: `status` (Name, Umask, State, Tgid, Pid, PPid, Uid, Gid, FDSize, VmSize, VmRSS, Threads,
    //: signal masks), `stat` (Linux's 52 fields, zeros where Tiny OS keeps nothing: tty_nr 0,
    //: tpgid -1, no fault counts), `cmdline` (argv read from the process's own memory; empty
    //: for zombies), `comm` and the magic links `exe`, `cwd`, `root`, `environ` (the strings
    //: exec gave), `maps` (Linux's columns; file mappings with their offset, device, inode and
    //: path, `[heap]` and `[stack]` named), `mounts`, `mountinfo`, `mem` (the process's memory
    //: at offsets that are its addresses: lseek to an address, read and write it, `EIO` where
    //: nothing is mapped; writes reach read-only private memory through a copy of the page, as
    //: ptrace's POKE; the file keeps the address space it was opened on and reads 0 bytes once
    //: the process has left it by exit or execve) and `fd/` (links named by descriptor: a path,
    //: with ` (deleted)` once unlinked, `pipe:[INO]`, `socket:[INO]`,
    //: `anon_inode:[eventfd]`...; readlink and readdir work). Following an `fd/N` link leads to
    //: the open file itself, as Linux's magic links do: opening it reopens the file (a pipe
    //: gets a new end), even once unlinked; sockets and anonymous inodes answer `ENXIO`.
    //: `/proc/mounts` (a link to `self/mounts`). System files: `cpuinfo` (one CPU, CPUID's
    //: vendor, model name, family/model/stepping, flags), `version` (`Linux version
    //: 6.1.0-tinyos ...`), `loadavg` (averages always 0.00), `stat` (cpu ticks, btime,
    //: `processes` is the newest pid rather than a fork count), `filesystems`. `/dev/fd`,
    //: `/dev/stdin`, `/dev/stdout`, `/dev/stderr` are links into `/proc/self/fd`.
    //: `/proc/PID/task/TID`: a directory per live thread with the per-PID files (stat, status,
    //: comm of that thread; the process's maps, fd, ...), `comm` writable by the process's own
    //: threads (15 bytes kept, newline included, else `-EINVAL`); `/proc/thread-self`.
    //: `/proc/PID/coredump_filter` (read, write in any base, 9 bits kept, inherited by fork and
    //: exec, default 0x33: the areas a core file holds) and `timerslack_ns` (CAP_SYS_NICE for
    //: another process's).
    ENTRY(SYS_open, sys_open),
    ENTRY(SYS_close, sys_close),
    ENTRY(SYS_stat, sys_stat),
    ENTRY(SYS_fstat, sys_fstat),
    ENTRY(SYS_lstat, sys_lstat),
    //: [detail] **lseek** `SEEK_DATA` / `SEEK_HOLE` on tmpfs files (and memfds): data is the pages the
    //: page cache holds, holes the pages it does not, at page granularity as Linux's shmem; a
    //: fallocated page counts as data (Linux counts it as a hole until written).
    ENTRY(SYS_lseek, sys_lseek),
    //: [detail] **mmap**: anonymous (private or shared) memory and file mappings on the page cache:
    //: `MAP_SHARED` maps the file's own pages (stores reach the file, `write()` shows through
    //: the mapping, every process shares them), `MAP_PRIVATE` maps them read-only and copies a
    //: page on its first store; a page wholly past the end of the file is `SIGBUS`
    //: (`BUS_ADRERR`), also after a truncate (truncate unmaps it everywhere). A shared writable
    //: map needs a descriptor open for reading and writing (`-EACCES`), and mprotect cannot add
    //: `PROT_WRITE` to a shared map of a read-only descriptor. `/dev/zero` maps as anonymous
    //: memory; pipes, sockets and directories are `-ENODEV`. A bad descriptor is `-EBADF`
    //: before any other check but the offset's alignment; `MAP_SHARED_VALIDATE` with a flag
    //: outside Linux's legacy set (`MAP_SYNC`...) on a file is `-EOPNOTSUPP`; a shared map of
    //: `/dev/zero` opened read-only cannot be made writable. msync succeeds (tmpfs has nothing
    //: to write back).
    ENTRY(SYS_mmap, sys_mmap),
    ENTRY(SYS_mprotect, sys_mprotect),
    ENTRY(SYS_munmap, sys_munmap),
    ENTRY(SYS_brk, sys_brk),
    //: [detail] **ioctl**: the console answers `TCGETS`, `TCSETS`/`TCSETSW`/`TCSETSF` (`TCSETSF` and
    //: `TCFLSH` drop typed-ahead input), `TIOCGWINSZ`/`TIOCSWINSZ` (80x25 until set),
    //: `TIOCGPGRP`/`TIOCSPGRP` (the foreground group that Ctrl-C, Ctrl-\ and Ctrl-Z signal);
    //: pipes answer `FIONREAD`; everything else is `-ENOTTY`. The line discipline honours
    //: ICANON (editing: DEL and BS erase, Ctrl-U kills the line, Ctrl-W a word, VEOF ends
    //: input), ECHO, ISIG, VMIN/VTIME in raw mode, ICRNL/INLCR/IGNCR on input and OPOST|ONLCR
    //: on output. A read from a background group of the console's session stops that group with
    //: SIGTTIN (or fails with `-EIO` if the reader ignores or blocks SIGTTIN; orphaned groups
    //: are not told apart). No SIGTTOU: TOSTOP is not honoured and background
    //: tcsetattr/tcsetpgrp succeed. The PS/2 keyboard's arrows, Home, End, Insert, Delete, Page
    //: Up/Down arrive as xterm escape sequences, as from a serial terminal.
    ENTRY(SYS_ioctl, sys_ioctl),
    ENTRY(SYS_pread64, sys_pread64),
    ENTRY(SYS_pwrite64, sys_pwrite64),
    ENTRY(SYS_preadv, sys_preadv),
    ENTRY(SYS_pwritev, sys_pwritev),
    //: [detail] **preadv2, pwritev2**: flags must be 0 (`RWF_*` is `-EOPNOTSUPP`); offset -1 uses and
    //: moves the file position.
    ENTRY(SYS_preadv2, sys_preadv2),
    ENTRY(SYS_pwritev2, sys_pwritev2),
    ENTRY(SYS_readv, sys_readv),
    ENTRY(SYS_writev, sys_writev),
    ENTRY(SYS_access, sys_access),
    ENTRY(SYS_sched_yield, sys_sched_yield),
    ENTRY(SYS_sched_get_priority_max, sys_sched_get_priority_max),
    ENTRY(SYS_sched_get_priority_min, sys_sched_get_priority_min),
    ENTRY(SYS_sched_getscheduler, sys_sched_getscheduler),
    ENTRY(SYS_sched_getparam, sys_sched_getparam),
    //: [detail] **Scheduling policies** (sched_setscheduler, sched_setparam, sched_setattr and their
    //: getters, sched_rr_get_interval; see `kernel/proc/sched_policy.h`): per thread, with
    //: Linux's checks, errno order and permission rules (CAP_SYS_NICE, RLIMIT_RTPRIO,
    //: RLIMIT_NICE, the same-owner rule, reset-on-fork, SCHED_IDLE counted as nice 20), and a
    //: real effect on the run queue: DEADLINE before FIFO/RR before OTHER/BATCH before IDLE;
    //: real-time threads by rt_priority 1-99, FIFO until it blocks or yields, RR with a 100 ms
    //: quantum, a woken higher thread preempting at the next return to user mode; sched(7)'s
    //: queue placement on yield, preemption and priority changes; real-time throttling at 0.95
    //: s per second; fork inherits, `SCHED_RESET_ON_FORK` resets. **Partial:** nice values are
    //: kept, inherited, checked and reported (getpriority, sched_getattr, `/proc/PID/stat`) but
    //: the normal policies share the CPU round robin, not weighted by nice; SCHED_BATCH is
    //: scheduled as SCHED_OTHER; SCHED_IDLE runs only when nothing else can (Linux gives it a
    //: weight of 3, a sliver). SCHED_DEADLINE keeps runtime, deadline and period (checked as
    //: `__checkparam_dl`, admitted up to 95% of the CPU, else `-EBUSY`), runs earliest deadline
    //: first and is throttled when its runtime per period is spent, at 10 ms tick granularity,
    //: with a simplified wake-up rule (a new period only once the deadline has passed); a
    //: DEADLINE thread cannot fork (`-EAGAIN`, as Linux). sched_attr's utilization clamps are
    //: `-EOPNOTSUPP` (Linux without CONFIG_UCLAMP_TASK) and Linux 6.12's custom fair slice
    //: (`sched_runtime` for normal policies) reads 0 and is ignored. sched_rr_get_interval
    //: reports 10 ms, the round-robin slice, for the normal policies. RLIMIT_RTTIME is not
    //: enforced. One CPU: affinity masks must include CPU 0 and change nothing (setting another
    //: user's needs CAP_SYS_NICE); getcpu reports CPU 0, node 0.
    ENTRY(SYS_sched_setscheduler, sys_sched_setscheduler),
    ENTRY(SYS_sched_setparam, sys_sched_setparam),
    ENTRY(SYS_sched_rr_get_interval, sys_sched_rr_get_interval),
    ENTRY(SYS_sched_setattr, sys_sched_setattr),
    ENTRY(SYS_sched_getattr, sys_sched_getattr),
    ENTRY(SYS_getcpu, sys_getcpu),
    //: [detail] **sync, syncfs, sync_file_range, fadvise64, readahead, msync**: check their arguments as
    //: Linux does and succeed - files live in memory and nothing is ever paged out. msync walks
    //: the areas as Linux does: `EBUSY` for `MS_INVALIDATE` of a locked area, `ENOMEM` for a
    //: hole.
    ENTRY(SYS_sync, sys_sync),
    ENTRY(SYS_syncfs, sys_syncfs),
    ENTRY(SYS_fadvise64, sys_fadvise64),
    ENTRY(SYS_msync, sys_msync),
    //: [detail] **mlock, mlock2, munlock, mlockall, munlockall**: the lock is a flag of the area (split
    //: at the range's edges, as mprotect splits); locking brings the pages in (`MLOCK_ONFAULT`
    //: / `MCL_ONFAULT`: as touched) and counts them in `VmLck` (status), `Locked` (smaps) and
    //: against `RLIMIT_MEMLOCK` for a process without `CAP_IPC_LOCK` (`EPERM` at 0, `ENOMEM`
    //: past it; `mmap(MAP_LOCKED)` `EAGAIN`). `MCL_FUTURE` locks every later area (mmap, brk).
    //: fork does not inherit locks, exec drops them. Partial: no swap, so a lock changes no
    //: paging; `VmPin` is always 0; smaps counts every present page as private dirty (or shared
    //: dirty for shared areas) with Pss = Rss, and huge-page, swap and KSM fields are 0.
    ENTRY(SYS_mlock, sys_mlock),
    ENTRY(SYS_munlock, sys_munlock),
    ENTRY(SYS_mlockall, sys_mlockall),
    ENTRY(SYS_munlockall, sys_munlockall),
    ENTRY(SYS_mlock2, sys_mlock2),
    //: [detail] **personality**: any persona is kept per process and the previous one returned
    //: (`0xffffffff` only asks), as Linux keeps it; fork inherits it, exec clears
    //: `READ_IMPLIES_EXEC` (a 64-bit program) and, when the ids change, `PER_CLEAR_ON_SETID`.
    //: What acts on it: uname reports `i686` under `PER_LINUX32` and a "2.6.(60+minor)" release
    //: under `UNAME26`; `ADDR_NO_RANDOMIZE` makes the next execs lay memory out without
    //: randomization (docs/memory-layout.md; `setarch -R`), and a set-ID exec clears it. The
    //: other flags (`STICKY_TIMEOUTS`, `MMAP_PAGE_ZERO`...) are kept and reported but change
    //: nothing yet (select never writes back the remaining time anyway).
    ENTRY(SYS_personality, sys_personality),
    //: [detail] **close_range**: `CLOSE_RANGE_CLOEXEC` supported; `CLOSE_RANGE_UNSHARE` is `-EINVAL`.
    ENTRY(SYS_close_range, sys_close_range),
    //: [detail] **madvise**: `MADV_DONTNEED`/`MADV_FREE` drop the pages (private anonymous ones come
    //: back zeroed); `MADV_DONTDUMP`/`MADV_DODUMP` mark areas core files leave out (`ENOMEM`
    //: over a hole); the paging hints (`NORMAL`, `RANDOM`, `SEQUENTIAL`, `WILLNEED`) are
    //: accepted and change nothing; the rest (`MADV_REMOVE`, KSM, huge pages, `WIPEONFORK`,
    //: `COLD`, `PAGEOUT`...) are `EINVAL`.
    ENTRY(SYS_madvise, sys_madvise),
    ENTRY(SYS_dup, sys_dup),
    ENTRY(SYS_dup2, sys_dup2),
    ENTRY(SYS_nanosleep, sys_nanosleep),
    ENTRY(SYS_getpid, sys_getpid),
    ENTRY(SYS_exit, sys_exit),
    //: [detail] **uname** reports `Linux 6.1.0-tinyos` (the ABI implemented; C libraries check the
    //: release), version `#1 Tiny OS 0.1.0`.
    ENTRY(SYS_uname, sys_uname),
    //: [detail] **File sealing** (`F_ADD_SEALS`, `F_GET_SEALS`): on tmpfs files (memfds; other tmpfs
    //: files report `F_SEAL_SEAL`, as Linux's shmem), `EINVAL` elsewhere. `F_SEAL_SEAL`,
    //: `F_SEAL_SHRINK`, `F_SEAL_GROW`, `F_SEAL_WRITE` (`EBUSY` while a shared mapping could
    //: write), `F_SEAL_FUTURE_WRITE` and `F_SEAL_EXEC` (which on an executable file seals
    //: writes too, as Linux 6.3 on). They are enforced in write, pwrite, writev, splice and
    //: sendfile into the file (`EPERM`; a grow-sealed write stops where Linux's page-by-page
    //: write stops), truncate, ftruncate and `O_TRUNC`, fallocate (growing, or punching a hole
    //: in write-sealed data), chmod of the exec bits, and mmap: a shared writable mapping is
    //: `EPERM` and a shared read-only one can never be made writable (`EACCES` from mprotect).
    //: [detail] **signal-driven I/O** (`F_SETOWN`, `F_SETOWN_EX`, `F_SETSIG`, `O_ASYNC`;
    //: `kernel/fs/fasync.c`): an owner is a thread, a process or a process group (`ESRCH` for
    //: none); the signal is `SIGIO` from the kernel or the `F_SETSIG` signal with
    //: `POLL_IN`/`POLL_OUT`/`POLL_MSG`, `si_band` and `si_fd`. **Partial:** only pipes and
    //: FIFOs raise it (and leases and directory notification, below); `O_ASYNC` on other files
    //: is accepted and not kept, as Linux does for files without signal-driven I/O.
    //: [detail] **leases** (`F_SETLEASE`, `F_GETLEASE`; `kernel/fs/lease.c`): read and write leases on
    //: regular files, granted only while no conflicting open exists (`EAGAIN`), one per open
    //: file and gone with it. An open for writing (or truncate) breaks any lease, an open for
    //: reading a write lease: the holder gets `SIGIO` or its `F_SETSIG` signal (`POLL_MSG`),
    //: `F_GETLEASE` answers what to go down to, an `O_NONBLOCK` opener gets `EWOULDBLOCK` and a
    //: blocking one waits for the holder or `/proc/sys/fs/lease-break-time` seconds (45).
    //: **Partial:** no delegations (`F_SETDELEG`), and the opener waiting for a break is not
    //: yet counted as an open, so the holder could take a new lease meanwhile.
    //: [detail] **directory notification** (`F_NOTIFY`, Linux's dnotify; `kernel/fs/dnotify.c`):
    //: `DN_ACCESS`, `DN_MODIFY`, `DN_CREATE`, `DN_DELETE`, `DN_RENAME` (within the directory; a
    //: move out of it is a delete there and a create in the other), `DN_ATTRIB`,
    //: `DN_MULTISHOT`; read, write, readv and writev, truncate and `O_TRUNC`, chmod, chown and
    //: utimes of an entry tell its directory, and a watched directory hears of its own
    //: attribute changes. The signal goes to the file's owner (the watcher, unless `F_SETOWN`
    //: chose one) with `si_fd`; the watch ends with a close of its descriptor; `ENOTDIR` for a
    //: file. **Partial:** sendfile, splice and copy_file_range do not report access or
    //: modification, nor does getdents; and as real-time signals do not queue (one pending
    //: instance per signal), two watches that fire together with the same `F_SETSIG` signal
    //: deliver one signal (LTP's fcntl38).
    ENTRY(SYS_fcntl, sys_fcntl),
    ENTRY(SYS_getcwd, sys_getcwd),
    ENTRY(SYS_chdir, sys_chdir),
    ENTRY(SYS_readlink, sys_readlink),
    ENTRY(SYS_gettimeofday, sys_gettimeofday),
    ENTRY(SYS_getrlimit, sys_getrlimit),
    ENTRY(SYS_getuid, sys_getuid),
    ENTRY(SYS_getgid, sys_getgid),
    ENTRY(SYS_geteuid, sys_geteuid),
    ENTRY(SYS_getegid, sys_getegid),
    //: [detail] **identities** (`kernel/proc/cred.h`, `kernel/syscall/sys_ids.c`): real, effective,
    //: saved and file-system uid and gid and up to 65536 supplementary groups per process, with
    //: Linux's rules for setuid, setgid, setreuid, setregid, setresuid, setresgid, setfsuid,
    //: setfsgid and setgroups. Capabilities are Linux's five sets per credential (effective,
    //: permitted, inheritable, bounding, ambient; capabilities(7)): root's processes start with
    //: all; changing uids drops and restores them as Linux does (the file-system ones -
    //: `CAP_CHOWN`, `CAP_DAC_OVERRIDE`, `CAP_FOWNER`, `CAP_FSETID`, `CAP_MKNOD`... - follow the
    //: file-system uid, `PR_SET_KEEPCAPS` keeps the permitted set); execve gives root bounding
    //: | inheritable and everyone the ambient set; capget/capset (versions 1, 2 and 3 of the
    //: header, `EPERM` outside the permitted and bounding sets) and prctl's
    //: `PR_CAPBSET_READ`/`DROP` and `PR_CAP_AMBIENT` change them; /proc/PID/status shows them.
    //: Files carry no capabilities (no `security.capability`) and securebits other than
    //: keep-caps do not exist. Every file access goes through one check
    //: (`kernel/fs/permission.c`): mode bits for owner, group and others, search permission on
    //: each directory of a path, sticky directories, chmod/chown/utimes ownership rules, set-ID
    //: bits cleared by chown and by a write or truncate from a non-root process; execve honours
    //: set-user-ID and set-group-ID files (`AT_SECURE` then, and `AT_UID`... in the auxiliary
    //: vector), not on `nosuid` mounts or under `no_new_privs`. kill needs a matching real or
    //: effective uid (or root); mount, umount, chroot, sethostname, device mknod, raising a
    //: hard limit, lowering a nice value are root's. `/proc/PID` files belong to the process's
    //: effective ids while it is dumpable, root's otherwise: a change of effective or
    //: file-system ids (or a gain of permitted capabilities) makes a process non-dumpable
    //: (`/proc/sys/fs/suid_dumpable`, 0 by default) until its next execve, which makes it
    //: dumpable again unless the program is set-ID or unreadable to its caller (Linux's
    //: commit_creds, begin_new_exec and would_dump). Another user's process is closed the way
    //: Linux's ptrace access check closes it (`PTRACE_MODE_READ_FSCREDS`: the caller's
    //: file-system uid and gid must be all of the target's real, effective and saved ones, the
    //: target dumpable, or CAP_SYS_PTRACE): opening `environ`, `maps`, `smaps`, `smaps_rollup`,
    //: `mem` or `fdinfo/N`, and reading or following `exe`, `cwd`, `root` or `fd/N` answer
    //: `EACCES`; `status`, `stat` and `cmdline` stay readable. setpriority and
    //: sched_setaffinity of another user's process are `EPERM`, and so is `O_NOATIME` (at open
    //: or by `F_SETFL`) on a file one does not own without `CAP_FOWNER`.
    //: `/proc/sys/fs/protected_hardlinks` is 1 as in Debian's kernel (root may write 0 or 1):
    //: link(2) to a file of another user needs a regular file, not set-user-ID nor executable
    //: set-group-ID, that the caller may read and write (`EPERM` otherwise);
    //: `protected_symlinks` reads 0 and is not enforced yet. The base root file system has
    //: root, `user` (1000, home `/home/user`) and `nobody` (65534); `su` has no passwords yet
    //: (root only).
    ENTRY(SYS_setuid, sys_setuid),
    ENTRY(SYS_setgid, sys_setgid),
    ENTRY(SYS_setreuid, sys_setreuid),
    ENTRY(SYS_setregid, sys_setregid),
    ENTRY(SYS_setresuid, sys_setresuid),
    ENTRY(SYS_setresgid, sys_setresgid),
    ENTRY(SYS_getresuid, sys_getresuid),
    ENTRY(SYS_getresgid, sys_getresgid),
    ENTRY(SYS_getgroups, sys_getgroups),
    ENTRY(SYS_setgroups, sys_setgroups),
    ENTRY(SYS_setfsuid, sys_setfsuid),
    ENTRY(SYS_setfsgid, sys_setfsgid),
    ENTRY(SYS_getppid, sys_getppid),
    //: [detail] **arch_prctl**: `ARCH_SET/GET_FS/GS`; `ARCH_GET_CPUID` is 1 and `ARCH_SET_CPUID` is
    //: `-ENODEV`, as Linux on a CPU without CPUID faulting (we never use it; /proc/cpuinfo
    //: shows no `cpuid_fault`).
    ENTRY(SYS_arch_prctl, sys_arch_prctl),
    ENTRY(SYS_gettid, sys_gettid),
    ENTRY(SYS_time, sys_time),
    ENTRY(SYS_getdents64, sys_getdents64),
    ENTRY(SYS_set_tid_address, sys_set_tid_address),
    ENTRY(SYS_clock_gettime, sys_clock_gettime),
    ENTRY(SYS_clock_getres, sys_clock_getres),
    ENTRY(SYS_clock_nanosleep, sys_clock_nanosleep),
    ENTRY(SYS_exit_group, sys_exit_group),
    //: [detail] **O_PATH descriptors** are handles: read, write, lseek, ioctl, fchmod, fchown, fsync,
    //: mmap, accept, epoll_ctl, xattr calls and fcntl's file commands are `EBADF`; fstat,
    //: fstatfs, fchdir, dup, close, fcntl's descriptor commands (`F_DUPFD`, `F_GETFD`,
    //: `F_SETFD`, `F_GETFL`), a dirfd and `AT_EMPTY_PATH` work (Linux's fdget vs fdget_raw).
    //: [detail] **O_TMPFILE** on tmpfs directories (elsewhere `EOPNOTSUPP`): an unnamed file (nlink 0,
    //: shown as `#INO (deleted)`) that linkat names later, through `/proc/self/fd/N` with
    //: `AT_SYMLINK_FOLLOW` or with `AT_EMPTY_PATH`, unless it was opened with `O_EXCL`
    //: (`ENOENT`).
    ENTRY(SYS_openat, sys_openat),
    //: [detail] **openat2**: `struct open_how` with Linux's size rules (below 24 bytes `EINVAL`, above a
    //: page or a nonzero tail `E2BIG`) and flag checks (unknown flags or resolve bits, a mode
    //: without `O_CREAT`, `O_CREAT|O_DIRECTORY`, `O_PATH` with other flags: `EINVAL`). The
    //: `RESOLVE_*` bits act on the path walk (`kernel/fs/namei.c`): `NO_XDEV` (`EXDEV` at any
    //: mount crossing, `..` out of a mount or an absolute link's jump),
    //: `NO_MAGICLINKS`/`NO_SYMLINKS` (`ELOOP`), `BENEATH` (`EXDEV` for absolute paths and `..`
    //: above the dirfd), `IN_ROOT` (the dirfd is "/"), both scopes refusing magic links
    //: (`EXDEV`). `CACHED` answers `EAGAIN` with `O_CREAT`/`O_TRUNC` or when a name is not in
    //: the dentry cache and the file system (procfs) would be asked. **Partial:** `O_TMPFILE`
    //: is refused as by open(2); Linux's rename-race checks for `..` (`EAGAIN` under a
    //: concurrent rename) do not exist, as the walk holds each step referenced.
    ENTRY(SYS_openat2, sys_openat2),
    ENTRY(SYS_newfstatat, sys_newfstatat),
    ENTRY(SYS_readlinkat, sys_readlinkat),
    ENTRY(SYS_faccessat, sys_faccessat),
    ENTRY(SYS_dup3, sys_dup3),
    //: [detail] **getrlimit, setrlimit, prlimit64** (`kernel/proc/rlimit.c`): every limit is
    //: kept per process, inherited by fork and kept by execve, and can be read and changed:
    //: lowering is free, raising a hard limit needs `CAP_SYS_RESOURCE` (`EPERM`), a soft limit
    //: above the hard one is `EINVAL`, and `RLIMIT_NOFILE` cannot go past
    //: `/proc/sys/fs/nr_open` (256, the descriptor table's size: `EPERM`). prlimit64 reaches
    //: another process with Linux's check (same real, effective and saved ids, or
    //: `CAP_SYS_RESOURCE`; `ESRCH` for no such pid). Start values are Linux's (stack 8 MiB,
    //: core 0, memlock 8 MiB, msgqueue 800 KiB, nice and rtprio 0) except descriptors (256)
    //: and processes (the `maxproc=` limit). Enforced: `RLIMIT_NOFILE` (open, dup2, `F_DUPFD`),
    //: `RLIMIT_FSIZE` (write and truncate: `SIGXFSZ` and `EFBIG`), `RLIMIT_CPU` (`SIGXCPU`,
    //: then `SIGKILL`), `RLIMIT_CORE`, `RLIMIT_MEMLOCK`, `RLIMIT_MSGQUEUE`, `RLIMIT_NICE`,
    //: `RLIMIT_RTPRIO`, and `RLIMIT_STACK` places the mmap base at exec. Kept and reported but
    //: not enforced: `RLIMIT_AS`, `RLIMIT_DATA`, `RLIMIT_RSS`, `RLIMIT_NPROC`,
    //: `RLIMIT_LOCKS`, `RLIMIT_SIGPENDING`, `RLIMIT_RTTIME`.
    ENTRY(SYS_prlimit64, sys_prlimit64),
    ENTRY(SYS_setrlimit, sys_setrlimit),
    //: [detail] **getpriority, setpriority**: PRIO_PROCESS (one thread, as Linux), PRIO_PGRP and
    //: PRIO_USER (every thread of the group or real uid; the getter returns the best nice, 20 -
    //: nice on the raw call), `-ESRCH` for an empty set; another user's thread needs
    //: CAP_SYS_NICE (`-EPERM`), a lower nice past RLIMIT_NICE too (`-EACCES`); with several
    //: targets the last error is returned and the others are still changed, as Linux does.
    ENTRY(SYS_getpriority, sys_getpriority),
    ENTRY(SYS_setpriority, sys_setpriority),
    ENTRY(SYS_getrandom, sys_getrandom),
    //: [detail] **ETXTBSY and RLIMIT_FSIZE**: a program some process runs cannot be opened for writing
    //: or truncated, and a file open for writing cannot be run (Linux's deny_write_access; the
    //: interpreter ld.so is not covered). A write across `RLIMIT_FSIZE` stops short at it; one
    //: at or past it, or a truncate that grows a file past it, is `EFBIG` with `SIGXFSZ`.
    //: fsync/fdatasync on pipes, FIFOs, sockets, devices and anonymous inodes is `EINVAL` as on
    //: Linux. `O_NOATIME` is for the owner or `CAP_FOWNER` (`EPERM`, at open and by `F_SETFL`);
    //: with no atime updates on tmpfs beyond relatime it changes nothing else.
    //: [detail] **execve**: ELF programs (`ET_EXEC`, PIE and static-pie `ET_DYN`) and their ELF
    //: interpreter (`PT_INTERP`, loaded below the mmap base; see docs/memory-layout.md), `#!`
    //: scripts. Errors as Linux: a missing interpreter `ENOENT`, a directory or non-executable
    //: one `EACCES`, one shorter than an ELF header `EIO`, one that is no ELF interpreter for
    //: x86-64 (not ELF, another machine, headers past its end) `ELIBBAD`, a `PT_INTERP` shorter
    //: than 2 bytes, longer than 4096 or without its NUL `ENOEXEC`. Where Linux finds a broken
    //: interpreter only after the point of no return and kills the process with SIGSEGV, Tiny
    //: OS checks it first and execve fails with `ELIBBAD`.
    ENTRY(SYS_execve, sys_execve),
    //: [detail] **execveat**: as execve, with the program relative to a directory descriptor, the
    //: descriptor's own file (`AT_EMPTY_PATH`, an `O_PATH` descriptor included),
    //: `AT_SYMLINK_NOFOLLOW` (`ELOOP`). A descriptor-relative program is named
    //: "/dev/fd/N[/path]" (`AT_EXECFN`, a script's argument) and a script behind a
    //: close-on-exec descriptor is `ENOENT`, as Linux. The argument vectors are copied before
    //: the program is opened (Linux opens first), so a bad argv wins over a missing program
    //: (`EFAULT`, not `ENOENT`); execve does the same.
    ENTRY(SYS_execveat, sys_execveat),
    ENTRY(SYS_fork, sys_fork),
    ENTRY(SYS_vfork, sys_vfork),
    //: [detail] **clone**: processes (the fork flag set, a new stack, `CLONE_VM`, `CLONE_VFORK`) and
    //: threads (`CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|
    //: CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID| CLONE_CHILD_CLEARTID`, what
    //: glibc, musl and Go use). A thread group has one pid (getpid) and a thread id each
    //: (gettid); signals sent to the process go to whichever thread does not block them,
    //: tkill/tgkill to one thread; `exit` ends a thread, `exit_group` and fatal signals all of
    //: them; a stop stops them all; execve ends the other threads first. `CLONE_PARENT` makes
    //: the child the caller's sibling (`-EINVAL` from init, as Linux); `CLONE_PIDFD`.
    //: Namespaces (`CLONE_NEW*`), `CLONE_IO`, `CLONE_PTRACE` and other flags: `-EINVAL`, as a
    //: Linux built without them. `CLONE_FS` without `CLONE_THREAD` copies rather than shares
    //: (so LTP's kcmp03 still fails). CPU time is per thread (times() of a threaded process
    //: counts the calling thread only).
    ENTRY(SYS_clone, sys_clone),
    ENTRY(SYS_wait4, sys_wait4),
    ENTRY(SYS_waitid, sys_waitid),
    //: [detail] **pidfds** (`kernel/fs/pidfd.c`, `kernel/syscall/sys_pidfd.c`): `pidfd_open` (flags
    //: `PIDFD_NONBLOCK`; always close-on-exec; a thread that is not its group's leader is
    //: `EINVAL` - `PIDFD_THREAD` is not supported), `clone`'s `CLONE_PIDFD` (not with
    //: `CLONE_THREAD`, `CLONE_DETACHED` or `CLONE_PARENT_SETTID`), `pidfd_send_signal` (flags 0
    //: only: the `PIDFD_SIGNAL_*` scopes of Linux 6.9 are `EINVAL`; a siginfo as
    //: rt_sigqueueinfo takes it), `pidfd_getfd` (ptrace access as `proc_may_inspect`),
    //: `waitid(P_PIDFD)` (an `O_NONBLOCK` pidfd answers `EAGAIN` instead of waiting), and
    //: poll/select/epoll readiness: `POLLIN` once the process has exited, `POLLHUP` too once it
    //: is reaped. A pidfd is an anonymous inode ("anon_inode:[pidfd]"), not a pidfs file: fstat
    //: shows Linux 5.x's answer, there is no `/proc/PID/fdinfo` "Pid:" line and no
    //: `PIDFD_GET_INFO` ioctl. A pidfd names its process by pid and start time, so a reused pid
    //: is never mistaken for it; a `/proc/PID` directory, which `pidfd_send_signal` also
    //: accepts, names the pid number only.
    ENTRY(SYS_pidfd_open, sys_pidfd_open),
    ENTRY(SYS_pidfd_send_signal, sys_pidfd_send_signal),
    ENTRY(SYS_pidfd_getfd, sys_pidfd_getfd),
    //: [detail] **kcmp**: `KCMP_FILE`, `KCMP_VM`, `KCMP_FILES`, `KCMP_FS`, `KCMP_SIGHAND`, and `KCMP_IO`
    //: (no process has an I/O context: always the same); `KCMP_SYSVSEM` and `KCMP_EPOLL_TFD`
    //: are `-EINVAL`. The order of different objects is the order of their kernel addresses
    //: (Linux scrambles the pointers first); `CLONE_FS` without `CLONE_THREAD` copies, so two
    //: such processes compare different.
    ENTRY(SYS_kcmp, sys_kcmp),
    //: [detail] **core dumps** (`kernel/proc/coredump*.c`): a process killed by a signal whose default
    //: action is "core" (SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU,
    //: SIGXFSZ, SIGSYS) writes an ELF core gdb reads (`gdb prog core` gives the backtrace):
    //: NT_PRSTATUS per thread, NT_PRPSINFO, NT_SIGINFO, NT_AUXV, NT_FILE, one PT_LOAD per area
    //: chosen by Linux's default coredump filter (anonymous private and shared memory, the
    //: first page of mapped ELF files), untouched pages as holes. Named by
    //: `/proc/sys/kernel/core_pattern` (`%p %P %i %I %u %g %s %t %h %e %c %%`) and
    //: `core_uses_pid`, in the cwd, only when RLIMIT_CORE >= one page (a smaller limit cuts the
    //: file short; the core bit is still set, as Linux's), the process is dumpable
    //: (PR_SET_DUMPABLE; set-ID programs get `/proc/sys/fs/suid_dumpable`) and the file can be
    //: made as Linux makes it (old name unlinked, then `O_CREAT|O_EXCL|O_NOFOLLOW`, 0600, owner
    //: checked). Then WCOREDUMP and CLD_DUMPED. Not supported: a pipe pattern (`|prog`: no
    //: dump), no FPU/XSAVE notes (`/proc/PID/coredump_filter` chooses the areas; it is kept per
    //: address space, across fork and exec), suid_dumpable 2 dumps with the process's own
    //: credentials, and the other threads are not stopped while the memory is written (their
    //: registers and the list of areas are taken first).
    ENTRY(SYS_kill, sys_kill),
    ENTRY(SYS_tkill, sys_tkill),
    ENTRY(SYS_tgkill, sys_tgkill),
    ENTRY(SYS_setpgid, sys_setpgid),
    ENTRY(SYS_getpgid, sys_getpgid),
    ENTRY(SYS_getpgrp, sys_getpgrp),
    ENTRY(SYS_getsid, sys_getsid),
    ENTRY(SYS_setsid, sys_setsid),
    ENTRY(SYS_rt_sigaction, sys_rt_sigaction),
    ENTRY(SYS_rt_sigprocmask, sys_rt_sigprocmask),
    ENTRY(SYS_rt_sigpending, sys_rt_sigpending),
    ENTRY(SYS_rt_sigtimedwait, sys_rt_sigtimedwait),
    //: [detail] **rt_sigqueueinfo**: the queued siginfo keeps its code, sender pid and value; other
    //: fields the caller set (e.g. its uid) are not kept. rt_sigtimedwait, like delivery, holds
    //: one pending instance per signal number (real-time signals do not queue several).
    ENTRY(SYS_rt_sigqueueinfo, sys_rt_sigqueueinfo),
    ENTRY(SYS_rt_tgsigqueueinfo, sys_rt_tgsigqueueinfo),
    ENTRY(SYS_rt_sigsuspend, sys_rt_sigsuspend),
    ENTRY(SYS_rt_sigreturn, sys_rt_sigreturn),
    ENTRY(SYS_pause, sys_pause),
    ENTRY(SYS_sigaltstack, sys_sigaltstack),
    //: [detail] **pipes** (`kernel/fs/pipe.c`): a ring of page buffers as Linux's: small writes share
    //: the last page, a write of up to 4096 bytes is atomic (it goes whole into the last page
    //: or into a free slot, so a non-blocking one is `EAGAIN` rather than short), poll reports
    //: `POLLOUT` while a slot is free. The capacity is 16 pages (64 KiB); `F_SETPIPE_SZ` rounds
    //: up to a power-of-two number of pages (at least one; past 2 GiB `EINVAL`, `EBUSY` while
    //: the buffers in use would not fit, `ENOMEM` past 256 MiB, where Linux's ring array no
    //: longer fits one allocation) and answers the new size; `F_GETPIPE_SZ`/`F_SETPIPE_SZ` on
    //: anything but a pipe or FIFO are `EBADF`. `/proc/sys/fs/pipe-max-size` (1 MiB) binds
    //: unprivileged processes only: every process is root, and root may go past it.
    //: `pipe-user-pages-soft`/`-hard` are reported (Linux's 16384 and 0) but bind nobody for
    //: the same reason. Packet mode (`pipe2(O_DIRECT)`, or `F_SETFL` `O_DIRECT` on a pipe):
    //: each write is a packet, a read takes at most one and drops what did not fit.
    //: Signal-driven I/O (`O_ASYNC`): readers' owners get `POLL_IN` when data arrives, writers'
    //: `POLL_OUT` when room appears or the other side goes.
    ENTRY(SYS_pipe, sys_pipe),
    ENTRY(SYS_pipe2, sys_pipe2),
    ENTRY(SYS_setitimer, sys_setitimer),
    ENTRY(SYS_getitimer, sys_getitimer),
    //: [detail] **Timers** (alarm, setitimer, timer_create, timerfd) are one mechanism,
    //: `kernel/time/timer.c`, run by the 100 Hz timer tick: a timer fires up to 10 ms late,
    //: never early. `ITIMER_VIRTUAL`/`ITIMER_PROF` and the CPU-time clocks count the process's
    //: user / user + system time.
    ENTRY(SYS_alarm, sys_alarm),
    //: [detail] **timer_create and friends**: `CLOCK_REALTIME`, `MONOTONIC`, `BOOTTIME`, `TAI`,
    //: `PROCESS_CPUTIME_ID`, `THREAD_CPUTIME_ID` (the creating thread's) and the `*_ALARM`
    //: clocks (they need `CAP_WAKE_ALARM`; nothing suspends here, so they are their plain
    //: clocks); `SIGEV_SIGNAL`, `SIGEV_NONE`, `SIGEV_THREAD_ID` (`SIGEV_THREAD` is the C
    //: library's: the kernel sees a signal). At most 512 timers a process (`EAGAIN`); no timers
    //: on another process's CPU clock. Two timers on one signal share its one pending instance
    //: (standard signals are not queued).
    ENTRY(SYS_timer_create, sys_timer_create),
    ENTRY(SYS_timer_settime, sys_timer_settime),
    ENTRY(SYS_timer_gettime, sys_timer_gettime),
    ENTRY(SYS_timer_getoverrun, sys_timer_getoverrun),
    ENTRY(SYS_timer_delete, sys_timer_delete),
    //: [detail] **Setting the clock** (clock_settime, settimeofday, adjtimex's `ADJ_SETOFFSET`;
    //: `CAP_SYS_TIME`): only `CLOCK_REALTIME` moves, and with it everything that reads it (file
    //: times, /proc/stat's btime, absolute realtime timers); relative timers and sleeps keep
    //: counting monotonic time. An absolute realtime `clock_nanosleep` looks at the clock again
    //: when its original deadline comes, so a clock set forward does not wake it early.
    //: settimeofday's time zone is kept and reported by gettimeofday. x86_64 has no `stime`
    //: call (`-ENOSYS`).
    ENTRY(SYS_clock_settime, sys_clock_settime),
    ENTRY(SYS_settimeofday, sys_settimeofday),
    //: [detail] **adjtimex, clock_adjtime** (`CLOCK_REALTIME` only; others `-EOPNOTSUPP`): every mode is
    //: checked and stored as Linux does and read back (offset, frequency, errors, status, time
    //: constant, tick, TAI offset, `ADJ_NANO`/`ADJ_MICRO`, adjtime's single-shot offset), but
    //: nothing steers the clock: no phase-locked loop, no slewing, no leap seconds (the state
    //: stays `TIME_OK`, or `TIME_ERROR` while `STA_UNSYNC`).
    ENTRY(SYS_adjtimex, sys_adjtimex),
    ENTRY(SYS_clock_adjtime, sys_clock_adjtime),
    //: [detail] **CPU time** (getrusage, times, the CPU-time clocks and timers, RLIMIT_CPU): charged per
    //: 10 ms timer tick to the thread the tick interrupts (user or system by the interrupted
    //: ring), so it has 10 ms resolution; getrusage's other counters (faults, context switches)
    //: are 0. RLIMIT_CPU sends `SIGXCPU` at the soft limit and each second after, `SIGKILL` at
    //: the hard limit.
    ENTRY(SYS_times, sys_times),
    ENTRY(SYS_getrusage, sys_getrusage),
    ENTRY(SYS_umask, sys_umask),
    ENTRY(SYS_fchdir, sys_fchdir),
    //: [detail] **poll/select**: pipes, the console and devices report readiness; regular files are
    //: always ready, as on Linux.
    ENTRY(SYS_poll, sys_poll),
    //: [detail] **epoll**: level-triggered watches report while ready, in turn when `maxevents` is
    //: smaller than the ready count (Linux's tail re-queueing); `EPOLLET` watches report once
    //: per new event: a wakeup of the watched object for a watched event (`wakeup_poll`'s key:
    //: a pipe read wakes writers' watches, a write readers'), or, for files whose wakeups epoll
    //: has not matched to them, a rise in polled readiness. `EPOLLEXCLUSIVE` (add only, not on
    //: instances, with `EPOLLIN`/`OUT`/`ERR`/`HUP`/`ET`/ `WAKEUP` only, never `EPOLL_CTL_MOD`:
    //: `EINVAL`) wakes one instance with a waiter per event, in the order the watches were
    //: added; `EPOLLONESHOT`. Regular files are refused with `EPERM` as on Linux, `O_PATH`
    //: descriptors with `EBADF`. Instances may watch instances: a cycle, or a chain deeper than
    //: Linux's `EP_MAX_NESTS` (4) counting the instances above, is `ELOOP`. Partial: the object
    //: a watch listens to is its file's private object (right for pipes); other files get edge
    //: detection by polling, and `/proc/mounts` is not pollable. epoll_pwait2 takes a `struct
    //: timespec` timeout.
    ENTRY(SYS_epoll_create, sys_epoll_create),
    ENTRY(SYS_epoll_create1, sys_epoll_create1),
    ENTRY(SYS_epoll_ctl, sys_epoll_ctl),
    ENTRY(SYS_epoll_wait, sys_epoll_wait),
    ENTRY(SYS_epoll_pwait, sys_epoll_pwait),
    ENTRY(SYS_epoll_pwait2, sys_epoll_pwait2),
    //: [detail] **mremap**: shrink, grow in place, move with `MREMAP_MAYMOVE`/`FIXED`; `old_size` 0
    //: (duplicating a shared mapping) is `-EINVAL`.
    ENTRY(SYS_mremap, sys_mremap),
    ENTRY(SYS_statx, sys_statx),
    ENTRY(SYS_sched_getaffinity, sys_sched_getaffinity),
    ENTRY(SYS_sched_setaffinity, sys_sched_setaffinity),
    //: [detail] **prctl**: names (`PR_SET_NAME`/`PR_GET_NAME`), `PR_SET_PDEATHSIG`, dumpable,
    //: no-new-privs, keep-caps, the bounding and ambient capability sets, securebits (only
    //: `SECBIT_KEEP_CAPS`: the others are `EINVAL`; changing any needs `CAP_SETPCAP`),
    //: `PR_SET/GET_CHILD_SUBREAPER` (orphans go to the nearest subreaper ancestor, which gets
    //: their SIGCHLD and waits for them; not inherited), `PR_SET/GET_TIMERSLACK` (per thread,
    //: default 50000 ns, 0 restores the default, fork makes the parent's slack the child's
    //: default; also `/proc/PID/timerslack_ns`; stored and reported only: timers never fire
    //: late by it), `PR_SET/GET_TSC` (`PR_TSC_SIGSEGV` sets CR4.TSD while that thread runs:
    //: rdtsc raises SIGSEGV; kept by fork and exec). Other options are `-EINVAL`.
    ENTRY(SYS_prctl, sys_prctl),
    ENTRY(SYS_capget, sys_capget),
    ENTRY(SYS_capset, sys_capset),
    //: [detail] **futex**: `FUTEX_WAIT`/`FUTEX_WAKE` and their bitset forms (the bitset is ignored);
    //: futexes are keyed by physical address, so shared memory works across processes. No
    //: requeue or PI futexes. Robust futexes: set_robust_list/get_robust_list, and when a
    //: thread ends (or execs) the futexes on its list that it owns get `FUTEX_OWNER_DIED` and
    //: their waiters are woken, as Linux's `exit_robust_list`.
    ENTRY(SYS_futex, sys_futex),
    ENTRY(SYS_ppoll, sys_ppoll),
    ENTRY(SYS_select, sys_select),
    ENTRY(SYS_pselect6, sys_pselect6),
    ENTRY(SYS_mkdirat, sys_mkdirat),
    //: [detail] **mknod, mknodat**: regular files, FIFOs (named pipes with fifo(7)'s open rules),
    //: sockets, character devices and block devices (a node made anywhere opens the driver
    //: of its number: the virtio disks are block devices, docs/block.md; a number without a
    //: driver is `-ENXIO` at open). Device numbers of 8-bit major and minor.
    ENTRY(SYS_mknod, sys_mknod),
    ENTRY(SYS_creat, sys_creat),
    ENTRY(SYS_getdents, sys_getdents),
    ENTRY(SYS_faccessat2, sys_faccessat2),
    ENTRY(SYS_futimesat, sys_futimesat),
    //: [detail] **fallocate**: mode 0 and `FALLOC_FL_KEEP_SIZE` take the range's pages now (so `ENOSPC`
    //: comes now, not at a later write); `FALLOC_FL_PUNCH_HOLE` (with `KEEP_SIZE`) zeroes the
    //: range but keeps its pages; the other modes (collapse, insert, zero range, unshare) are
    //: `-EOPNOTSUPP`, as on a file system without them.
    ENTRY(SYS_fallocate, sys_fallocate),
    ENTRY(SYS_readahead, sys_readahead),
    ENTRY(SYS_sync_file_range, sys_sync_file_range),
    //: [detail] **mincore**: reports a page as in memory when it is mapped in the page table or, for a
    //: file mapping, when the file's page is in the page cache (as Linux does). Shared
    //: anonymous memory is filled on demand (fork brings in the untouched pages first, so
    //: parent and child share them).
    ENTRY(SYS_mincore, sys_mincore),
    //: [detail] **sethostname, setdomainname**: one set of names for the whole system (no UTS
    //: namespaces); `/proc/sys/kernel/{hostname,domainname}` are the same names.
    //: [detail] **/proc/sys** (`kernel/fs/procfs_sysctl.c`): `kernel/pid_max`, `kernel/hostname`,
    //: `kernel/domainname`, `vm/drop_caches`, `fs/pipe-max-size` (kept rounded to a
    //: power-of-two number of pages, as Linux) and `fs/lease-break-time` and the System V IPC
    //: and POSIX message queue limits (below) can be written, and `kernel/randomize_va_space`
    //: (0 no address randomization, 1 all but the heap, 2 everything, the default; EINVAL
    //: otherwise; the kernel option `norandmaps` starts it at 0); the other tunables there
    //: (`threads-max`, `ngroups_max`, `overflowuid`, `vm/overcommit_memory`, `fs/nr_open`, ...)
    //: are read-only and report how Tiny OS behaves; `kernel/random/entropy_avail` and
    //: `poolsize` say 256, a full pool, as Linux since 5.18 (and so does the random devices'
    //: ioctl `RNDGETENTCNT`; the ioctls that credit or clear entropy are `ENOTTY`).
    ENTRY(SYS_sethostname, sys_sethostname),
    ENTRY(SYS_setdomainname, sys_setdomainname),
    ENTRY(SYS_set_robust_list, sys_set_robust_list),
    ENTRY(SYS_get_robust_list, sys_get_robust_list),
    //: [detail] **extended attributes** (`kernel/fs/xattr.c`, `simple_xattr.c`): tmpfs keeps `user.`,
    //: `trusted.` and `security.` attributes in memory (Linux's tmpfs namespaces), counted
    //: against a mount's `size=`; `XATTR_CREATE`/ `XATTR_REPLACE`, `ERANGE` for a short buffer,
    //: a size query with size 0, 64 KiB values, `trusted.` only with `CAP_SYS_ADMIN` (and
    //: listed only for it), `user.` only on regular files and directories (sticky directories:
    //: the owner's), write permission to set. /proc and pseudo files answer `EOPNOTSUPP` as
    //: Linux's do. No `system.` (POSIX ACLs) namespace.
    ENTRY(SYS_setxattr, sys_setxattr),
    ENTRY(SYS_lsetxattr, sys_lsetxattr),
    ENTRY(SYS_fsetxattr, sys_fsetxattr),
    ENTRY(SYS_getxattr, sys_getxattr),
    ENTRY(SYS_lgetxattr, sys_lgetxattr),
    ENTRY(SYS_fgetxattr, sys_fgetxattr),
    ENTRY(SYS_listxattr, sys_listxattr),
    ENTRY(SYS_llistxattr, sys_llistxattr),
    ENTRY(SYS_flistxattr, sys_flistxattr),
    ENTRY(SYS_removexattr, sys_removexattr),
    ENTRY(SYS_lremovexattr, sys_lremovexattr),
    ENTRY(SYS_fremovexattr, sys_fremovexattr),
    ENTRY(SYS_mknodat, sys_mknodat),
    //: [detail] **chroot**: root's (CAP_SYS_CHROOT, `EPERM` otherwise); `/` and `..` stop at the new
    //: root; the working directory is not moved (as Linux).
    ENTRY(SYS_chroot, sys_chroot),
    //: [detail] **mount, umount2** (`kernel/fs/mount.c`, `docs/vfs.md`): file system types `tmpfs`
    //: (options `size=` with k/m/g/%, `mode=`, `uid=`, `gid=`, `nr_inodes=` accepted; others
    //: `-EINVAL`), `proc`, `devtmpfs` (one instance, as Linux's), `rootfs`; `MS_RDONLY`,
    //: `MS_NOSUID`, `MS_NODEV`, `MS_NOEXEC` (exec is `-EACCES` there), `MS_NOATIME`,
    //: `MS_NODIRATIME` per mount; `MS_BIND` (of a directory; `MS_REC` binds only the top);
    //: `MS_REMOUNT` (new per-mount flags); the propagation flags succeed on a mount point and
    //: change nothing (every mount is private); `MS_MOVE` is `-EINVAL`. umount2: `-EBUSY` while
    //: a process has its working directory, root or an open file or mapping in the mount, or a
    //: mount sits on it; `MNT_DETACH` detaches at once (the file system goes with its last
    //: user); `MNT_EXPIRE` marks first (`-EAGAIN`), unmounts on a second call; `MNT_FORCE` is
    //: plain umount; `UMOUNT_NOFOLLOW`. Block-device file systems: `ext2` on a virtio disk
    //: (`/dev/vda`..., read-write or `-o ro`; docs/ext2.md); `-ENOTBLK` when the source is not
    //: a block device.
    ENTRY(SYS_mount, sys_mount),
    ENTRY(SYS_umount2, sys_umount2),
    ENTRY(SYS_mkdir, sys_mkdir),
    ENTRY(SYS_unlinkat, sys_unlinkat),
    ENTRY(SYS_unlink, sys_unlink),
    ENTRY(SYS_rmdir, sys_rmdir),
    ENTRY(SYS_renameat2, sys_renameat2),
    ENTRY(SYS_renameat, sys_renameat),
    ENTRY(SYS_rename, sys_rename),
    ENTRY(SYS_linkat, sys_linkat),
    //: [detail] **link/linkat** (`vfs_link`, `kernel/fs/dir_ops.c`): hard links on tmpfs and
    //: ext2 (link counts as Linux keeps them; ext2's `EMLINK` past 32000); `-EPERM` for a
    //: directory or a file system without links (/proc), `-EXDEV` across mounts (a bind mount
    //: of the same file system included, as on Linux), `-EROFS`, `-EEXIST`, `-ENOENT` for an
    //: unlinked file (but an `O_TMPFILE` one, which linkat through `/proc/self/fd/N` with
    //: `AT_SYMLINK_FOLLOW` or `AT_EMPTY_PATH` names), `/proc/sys/fs/protected_hardlinks`'
    //: `-EPERM` (see identities).
    ENTRY(SYS_link, sys_link),
    ENTRY(SYS_symlinkat, sys_symlinkat),
    ENTRY(SYS_symlink, sys_symlink),
    ENTRY(SYS_truncate, sys_truncate),
    ENTRY(SYS_ftruncate, sys_ftruncate),
    ENTRY(SYS_fsync, sys_fsync),
    ENTRY(SYS_fchmodat, sys_fchmodat),
    ENTRY(SYS_chmod, sys_chmod),
    ENTRY(SYS_fchmod, sys_fchmod),
    ENTRY(SYS_fchownat, sys_fchownat),
    ENTRY(SYS_chown, sys_chown),
    ENTRY(SYS_lchown, sys_lchown),
    ENTRY(SYS_fchown, sys_fchown),
    //: [detail] **File times**: access, modification and change times with nanoseconds; reads update the
    //: access time as Linux's default `relatime` does (when it is older than the modification
    //: or change time, or a day old).
    //:
    ENTRY(SYS_utimensat, sys_utimensat),
    ENTRY(SYS_utimes, sys_utimes),
    ENTRY(SYS_utime, sys_utime),
    ENTRY(SYS_fdatasync, sys_fsync),
    ENTRY(SYS_sysinfo, sys_sysinfo),
    //: [detail] **eventfd, eventfd2**: `EFD_SEMAPHORE`, `EFD_NONBLOCK`, `EFD_CLOEXEC`; pollable (poll,
    //: select, epoll).
    ENTRY(SYS_eventfd, sys_eventfd),
    ENTRY(SYS_eventfd2, sys_eventfd2),
    //: [detail] **Linux native AIO** (`kernel/fs/aio.c`, `kernel/syscall/sys_aio.c`): io_setup maps
    //: Linux's `struct aio_ring` (magic, head, tail, the events) in the caller's memory at the
    //: context id, so libaio reaps events without a system call; contexts belong to the address
    //: space (not inherited by fork, gone at exec and exit) and count in `/proc/sys/fs/aio-nr`
    //: against `aio-max-nr`. `IOCB_CMD_PREAD`, `PWRITE`, `PREADV`, `PWRITEV`, `FSYNC`, `FDSYNC`
    //: run while io_submit runs (files here never wait for a device), their results posted to
    //: the ring, with eventfd notification (`IOCB_FLAG_RESFD`); nothing is ever in flight, so
    //: io_cancel is always `EINVAL` (Linux's answer for a completed request). Not supported:
    //: `IOCB_CMD_POLL` (`EINVAL`), `RWF_*` flags in `aio_rw_flags` (`EOPNOTSUPP`),
    //: `IOCB_FLAG_IOPRIO` (ignored); the ring shows in `/proc/PID/maps` as anonymous memory,
    //: not `/[aio]`.
    ENTRY(SYS_io_setup, sys_io_setup),
    ENTRY(SYS_io_destroy, sys_io_destroy),
    ENTRY(SYS_io_getevents, sys_io_getevents),
    ENTRY(SYS_io_submit, sys_io_submit),
    ENTRY(SYS_io_cancel, sys_io_cancel),
    ENTRY(SYS_io_pgetevents, sys_io_pgetevents),
    //: [detail] **inotify** (`kernel/fs/inotify.c`, on the notification layer `kernel/fs/fsnotify.c`
    //: that dnotify shares): inotify_init, init1 (`IN_NONBLOCK`, `IN_CLOEXEC`), add_watch
    //: (every `IN_*` event, `IN_ONLYDIR`, `IN_DONT_FOLLOW`, `IN_MASK_ADD`, `IN_MASK_CREATE`,
    //: `IN_ONESHOT`, `IN_EXCL_UNLINK`), rm_watch (`IN_IGNORED`); events carry names and rename
    //: cookies, identical consecutive events merge, `IN_Q_OVERFLOW` past
    //: `/proc/sys/fs/inotify/max_queued_events`, per-user instance and watch limits (writable
    //: there), `FIONREAD`, poll/epoll, `/proc/PID/fdinfo/N` lists the watches. Not done:
    //: fanotify.
    ENTRY(SYS_inotify_init, sys_inotify_init),
    ENTRY(SYS_inotify_init1, sys_inotify_init1),
    ENTRY(SYS_inotify_add_watch, sys_inotify_add_watch),
    ENTRY(SYS_inotify_rm_watch, sys_inotify_rm_watch),
    //: [detail] **timerfd_create, timerfd_settime, timerfd_gettime**: `CLOCK_MONOTONIC`,
    //: `CLOCK_BOOTTIME` (the same clock here) and `CLOCK_REALTIME`, `TFD_TIMER_ABSTIME`,
    //: periodic timers, expiration counts; pollable. `TFD_TIMER_CANCEL_ON_SET` on an absolute
    //: realtime timer: the next read after the clock is set fails with `ECANCELED` (once). The
    //: alarm clocks are `-EINVAL`.
    ENTRY(SYS_timerfd_create, sys_timerfd_create),
    ENTRY(SYS_timerfd_settime, sys_timerfd_settime),
    ENTRY(SYS_timerfd_gettime, sys_timerfd_gettime),
    //: [detail] **signalfd, signalfd4**: `SFD_NONBLOCK`, `SFD_CLOEXEC`; reads take the reader's pending
    //: signals of the set (lowest first, thread-directed before process-directed) as `struct
    //: signalfd_siginfo` (signo, code, pid, status, addr filled); pollable.
    ENTRY(SYS_signalfd, sys_signalfd),
    ENTRY(SYS_signalfd4, sys_signalfd4),
    //: [detail] **flock, fcntl locks**: `flock` (`LOCK_SH`/`EX`/`UN`/`NB`, owned by the open file
    //: description, released with its last descriptor), POSIX record locks
    //: `F_GETLK`/`F_SETLK`/`F_SETLKW` (per process, released when it closes any descriptor of
    //: the file or exits) and `F_OFD_GETLK`/ `F_OFD_SETLK`/`F_OFD_SETLKW`. Waits are
    //: interrupted by signals (`EINTR`, or restarted with `SA_RESTART`). A process's record
    //: locks are kept as Linux keeps them (sorted, touching locks of one type merged, so
    //: `F_GETLK` reports the same lock), and an `F_SETLKW` that would wait for itself through a
    //: chain of waiting processes fails with `EDEADLK` (POSIX locks; OFD locks have no process
    //: to follow, as on Linux).
    ENTRY(SYS_flock, sys_flock),
    //: [detail] **statfs, fstatfs**: each file system answers for itself: tmpfs `TMPFS_MAGIC` with its
    //: size (or, without one, all of memory) in 4 KiB blocks, `/proc` `PROC_SUPER_MAGIC`, pipes
    //: `PIPEFS_MAGIC`, sockets `SOCKFS_MAGIC`, eventfd/timerfd/signalfd/epoll
    //: `ANON_INODE_FS_MAGIC`; `f_flags` has the mount's `ST_RDONLY`, `ST_NOSUID`... and
    //: `ST_RELATIME`; `f_fsid` is the file system's device number.
    ENTRY(SYS_statfs, sys_statfs),
    ENTRY(SYS_fstatfs, sys_fstatfs),
    //: [detail] **sysfs, ustat**: sysfs(2) indexes the registered file system types in
    //: /proc/filesystems' order (tmpfs, rootfs, proc, devtmpfs, the pseudo file systems,
    //: mqueue: not Linux's list, so indexes differ). ustat finds a mounted superblock by device
    //: number; every Tiny OS file system has major 0, so any other major is `EINVAL`;
    //: `f_fname`/`f_fpack` are empty as on Linux.
    ENTRY(SYS_sysfs, sys_sysfs),
    //: [detail] **reboot**: `CAP_SYS_BOOT`, then the magic numbers (`EINVAL`); `CAD_ON`/`CAD_OFF` are
    //: kept (the keyboard driver does not act on Ctrl-Alt-Del yet); `RESTART`, `RESTART2`,
    //: `HALT` and `POWER_OFF` log Linux's line and leave the machine through `machine_exit`
    //: (under QEMU a restart ends it too, `-no-reboot`); `SW_SUSPEND` is `ENOSYS` and `KEXEC`
    //: `EINVAL`, as Linux without hibernation and kexec.
    ENTRY(SYS_reboot, sys_reboot),
    //: [detail] **vhangup**: `CAP_SYS_TTY_CONFIG`; the console is the only terminal, the controlling one
    //: of the session it belongs to: hanging it up drops its unread input and sends `SIGHUP`
    //: and `SIGCONT` to that session's leader. **Partial:** descriptors open on it keep working
    //: (Linux makes them return `EIO`).
    ENTRY(SYS_vhangup, sys_vhangup),
    //: [detail] **name_to_handle_at, open_by_handle_at**: handles for tmpfs (and devtmpfs), whose files
    //: are all in the dentry cache and whose inode numbers are never reused: 12 bytes (inode
    //: number, the superblock's device number in place of a generation), type 1. `EOVERFLOW`
    //: with the size needed and the mount ID when the buffer is small; `EOPNOTSUPP` elsewhere
    //: (/proc, pipes); `ESTALE` for a handle of another file system or a file gone.
    //: open_by_handle_at needs `CAP_DAC_READ_SEARCH`. **Partial:** `AT_HANDLE_FID` and
    //: `AT_HANDLE_MNT_ID_UNIQUE` are `EINVAL`; an unlinked file still open is `ESTALE` (Linux
    //: finds it in its inode cache).
    ENTRY(SYS_name_to_handle_at, sys_name_to_handle_at),
    ENTRY(SYS_open_by_handle_at, sys_open_by_handle_at),
    ENTRY(SYS_ustat, sys_ustat),
    //: [detail] **sendfile, splice, tee, vmsplice, copy_file_range** (`kernel/fs/splice.c`,
    //: `kernel/syscall/sys_splice.c`): Linux's checks in Linux's order and its errno for each
    //: (`EBADF`, `ESPIPE` for an offset of a pipe, `EINVAL` for `O_APPEND` outputs, no pipe,
    //: one pipe into itself, a file that cannot be spliced, `EFAULT` for the offset, `EAGAIN`
    //: with `SPLICE_F_NONBLOCK` or a non-blocking pipe or socket), counts cut at `0x7ffff000`.
    //: **Partial: a byte-copying implementation.** Data is copied between the page cache and
    //: pipe pages (Linux lends the pages): the results are the same except that a file changed
    //: after it was spliced into a pipe does not change what the pipe holds, and
    //: `SPLICE_F_MOVE`/`SPLICE_F_GIFT` (hints on Linux too) have nothing to do. Pipe to pipe
    //: moves buffers and tee shares their pages, so neither copies. Files that can be spliced:
    //: tmpfs files, `/proc` files (the `/proc/sys` ones both ways), `/dev/null` (in),
    //: `/dev/zero` and the random devices (out, and `/dev/zero` in), Unix sockets; others are
    //: `EINVAL`. sendfile's input must have positions (regular files, `/dev/zero`, `/proc`
    //: files, as current Linux), its output may be any of those or a pipe; vmsplice fills a
    //: pipe buffer per user page touched (as Linux's page-sized buffers) and ignores the
    //: descriptor's `O_NONBLOCK`, as Linux. copy_file_range: regular files of one file system
    //: (`EXDEV` across, as since Linux 5.19 for file systems without their own copy), `EINVAL`
    //: for overlapping ranges of one file, `EISDIR`, `EBADF` for an output open without write
    //: access or `O_APPEND`, `EOVERFLOW` when an offset plus the count wraps, `EFBIG` past the
    //: largest file; flags must be 0.
    ENTRY(SYS_sendfile, sys_sendfile64),
    ENTRY(SYS_splice, sys_splice),
    ENTRY(SYS_tee, sys_tee),
    ENTRY(SYS_vmsplice, sys_vmsplice),
    ENTRY(SYS_copy_file_range, sys_copy_file_range),
    //: [detail] **memfd_create** (`kernel/fs/memfd.c`): a tmpfs file on an internal tmpfs mounted
    //: nowhere (its data in its page cache like any file's); `/proc/PID/fd` and `maps` name it
    //: `/memfd:NAME (deleted)`; fstat: mode 0777 (0666 with `MFD_NOEXEC_SEAL`), no links.
    //: `MFD_CLOEXEC`, `MFD_ALLOW_SEALING`, `MFD_NOEXEC_SEAL` (which also allows sealing and
    //: seals `F_SEAL_EXEC`), `MFD_EXEC`; names of up to 249 bytes. **Partial:** `MFD_HUGETLB`
    //: is `-EINVAL` (no hugetlbfs), as on a Linux that predates it; `vm.memfd_noexec` is not
    //: there (0: executable by default). A memfd runs as a program through `/proc/self/fd/N`
    //: (fexecve).
    ENTRY(SYS_memfd_create, sys_memfd_create),
    //: [detail] **sockets** (`kernel/net/`, `kernel/syscall/sys_socket.c`): `AF_UNIX` only,
    //: `SOCK_STREAM`, `SOCK_DGRAM` (and `SOCK_RAW`, which Linux makes a datagram socket),
    //: `SOCK_SEQPACKET`, with `SOCK_NONBLOCK`/`SOCK_CLOEXEC`. Names: paths (an `S_IFSOCK` file
    //: that stays after close; `EADDRINUSE` if the name exists; opening it is `ENXIO`),
    //: abstract names (per socket type, as Linux hashes them) and autobind. Streams give EOF
    //: after the peer closes and `EPIPE` + `SIGPIPE` (not with `MSG_NOSIGNAL`); datagrams keep
    //: boundaries and truncate with `MSG_TRUNC`. Flags: `MSG_PEEK`, `MSG_DONTWAIT`,
    //: `MSG_WAITALL`, `MSG_NOSIGNAL`, `MSG_TRUNC`, `MSG_CMSG_CLOEXEC`; `MSG_OOB` is
    //: `EOPNOTSUPP`. Ancillary data: `SCM_RIGHTS` only (descriptors that do not fit the
    //: receiver's control buffer are closed, `MSG_CTRUNC`); `SCM_CREDENTIALS` and other control
    //: messages are `EINVAL`, and `SO_PASSCRED` is remembered but sends nothing. Options:
    //: `SO_TYPE`, `SO_ERROR`, `SO_SNDBUF`/`SO_RCVBUF` (doubled and capped as Linux does),
    //: `SO_PEERCRED` (the peer's pid; uid/gid 0), `SO_ACCEPTCONN`, `SO_DOMAIN`, `SO_PROTOCOL`;
    //: `SO_REUSEADDR`, `SO_KEEPALIVE`, `SO_DEBUG` accepted; others `ENOPROTOOPT`. Every other
    //: family (`AF_INET`, `AF_INET6`, ...) answers `EAFNOSUPPORT`, as Linux does for a family
    //: it was built without. Not done: sendmmsg/recvmmsg, `SO_RCVTIMEO`/`SO_SNDTIMEO`, the
    //: garbage collector for descriptor cycles (a socket sent over itself and closed stays
    //: allocated), readv on a datagram socket reads one message per iovec (use recvmsg).
    ENTRY(SYS_socket, sys_socket),
    ENTRY(SYS_socketpair, sys_socketpair),
    ENTRY(SYS_bind, sys_bind),
    ENTRY(SYS_listen, sys_listen),
    ENTRY(SYS_connect, sys_connect),
    ENTRY(SYS_accept, sys_accept),
    ENTRY(SYS_accept4, sys_accept4),
    ENTRY(SYS_getsockname, sys_getsockname),
    ENTRY(SYS_getpeername, sys_getpeername),
    ENTRY(SYS_shutdown, sys_shutdown),
    ENTRY(SYS_sendto, sys_sendto),
    ENTRY(SYS_recvfrom, sys_recvfrom),
    ENTRY(SYS_sendmsg, sys_sendmsg),
    ENTRY(SYS_recvmsg, sys_recvmsg),
    ENTRY(SYS_setsockopt, sys_setsockopt),
    ENTRY(SYS_getsockopt, sys_getsockopt),
    //: [detail] **System V IPC** (`kernel/ipc/`, `kernel/syscall/sys_ipc.c`): shared memory, semaphores
    //: and message queues as Linux has them: keys and `IPC_PRIVATE`, `IPC_CREAT|IPC_EXCL`, ids
    //: built as Linux builds them (seq * 32768 + index, so a removed object's id is `EINVAL`),
    //: every command of shmctl/semctl/msgctl (`IPC_STAT IPC_SET IPC_RMID IPC_INFO`, `SHM_INFO
    //: SHM_STAT SHM_STAT_ANY SHM_LOCK SHM_UNLOCK`, `SEM_INFO SEM_STAT SEM_STAT_ANY GETVAL
    //: SETVAL GETALL SETALL GETPID GETNCNT GETZCNT`, `MSG_INFO MSG_STAT MSG_STAT_ANY`), Linux's
    //: limits and defaults, writable in
    //: `/proc/sys/kernel/{shmmax,shmall,shmmni,shm_rmid_forced,msgmax, msgmnb,msgmni,sem}` (and
    //: `{shm,sem,msg}_next_id`), `/proc/sysvipc/{shm, sem,msg}` in Linux's columns. A segment
    //: is an unlinked file of an internal tmpfs: its pages are its page cache, shmat maps it
    //: `MAP_SHARED` (`SHM_RDONLY`, `SHM_RND`, `SHM_REMAP`, `SHM_EXEC`; `SHMLBA` 4096), fork
    //: shares it, exec and exit detach, `shm_nattch` counts areas as Linux does,
    //: `/proc/PID/maps` shows `/SYSV<key> (deleted)` with the shmid as inode. semop is atomic;
    //: waiters are completed in order by whoever changes the values; `SEM_UNDO` is applied when
    //: the process's last thread exits (threads share it, as with `CLONE_SYSVSEM`); semop and
    //: semtimedop fail with `EINTR` on any signal, even after a stop (signal(7)); msgsnd/msgrcv
    //: restart when no handler runs and fail with `EINTR` when one does. msgrcv: types 0, >0,
    //: <0, `MSG_EXCEPT`, `MSG_NOERROR`, `MSG_COPY`. Permissions: the object's mode bits against
    //: the caller's credentials (`ipc_permission`), `CAP_IPC_OWNER` overriding, owner/creator
    //: or `CAP_SYS_ADMIN` for `IPC_SET`/`IPC_RMID`. Left out: no huge pages (`SHM_HUGETLB` is
    //: `-EINVAL`, as on Linux without a huge page size); `SHM_LOCK` only sets `SHM_LOCKED`
    //: (nothing is ever swapped); no IPC namespaces; `shm_nattch` may differ from Linux's after
    //: an mprotect that restores a split attach's rights (Tiny OS merges the areas back, Linux
    //: keeps them apart); no `remap_file_pages`.
    ENTRY(SYS_shmget, sys_shmget),
    ENTRY(SYS_shmat, sys_shmat),
    ENTRY(SYS_shmdt, sys_shmdt),
    ENTRY(SYS_shmctl, sys_shmctl),
    ENTRY(SYS_semget, sys_semget),
    ENTRY(SYS_semop, sys_semop),
    ENTRY(SYS_semtimedop, sys_semtimedop),
    ENTRY(SYS_semctl, sys_semctl),
    ENTRY(SYS_msgget, sys_msgget),
    ENTRY(SYS_msgsnd, sys_msgsnd),
    ENTRY(SYS_msgrcv, sys_msgrcv),
    ENTRY(SYS_msgctl, sys_msgctl),
    //: [detail] **POSIX message queues** (`kernel/ipc/mqueue.c` the queue, `kernel/ipc/mqueue_fs.c` the
    //: file system, `kernel/syscall/sys_mqueue.c`): a queue is a regular file of the one mqueue
    //: superblock, which the kernel keeps mounted internally and `mount -t mqueue none
    //: /dev/mqueue` shows again (root mode 1777; open(O_CREAT) there makes a queue with the
    //: default attributes, unlink(2) removes one, mkdir and mknod are `EPERM`). Its descriptors
    //: are open files (close-on-exec from mq_open, as Linux's): read(2) gives `QSIZE:...
    //: NOTIFY:... SIGNO:... NOTIFY_PID:...` as Linux prints it, poll/select/epoll report
    //: `POLLIN` while a message is queued and `POLLOUT` while there is room, close drops the
    //: closer's notification. Messages are received highest priority first, oldest first within
    //: one (priorities below `MQ_PRIO_MAX` 32768); a waiting receiver is handed a message
    //: directly and a freed slot goes to the oldest waiting sender; `O_NONBLOCK` (per
    //: descriptor, settable with mq_setattr) gives `EAGAIN`, an absolute `CLOCK_REALTIME`
    //: timeout `ETIMEDOUT`, a signal `EINTR` (restarted under `SA_RESTART`). Names as Linux
    //: checks them (empty `ENOENT`, `/` or `.`/`..` `EACCES`, over 255 bytes `ENAMETOOLONG`),
    //: permissions through `inode_permission` and the sticky root (`EACCES`, `EPERM`), `EMFILE`
    //: before anything else when no descriptor is free. Limits in
    //: `/proc/sys/fs/mqueue/{queues_max,msg_max, msgsize_max,msg_default,msgsize_default}`
    //: (Linux's defaults and ranges; `CAP_SYS_RESOURCE` passes queues_max and the max sizes up
    //: to 65536 messages and 16 MiB), and each queue charges its creator's real uid its
    //: worst-case size as Linux counts it against `RLIMIT_MSGQUEUE` (`EMFILE`), until the queue
    //: is unlinked and closed. mq_notify: `SIGEV_SIGNAL` (si_code `SI_MESGQ`, the registered
    //: value, the sender's pid and uid) and `SIGEV_NONE`, one registration per queue (`EBUSY`),
    //: fired and removed by a message entering the empty queue when no receiver waits. Partial:
    //: `SIGEV_THREAD` needs a netlink socket, which Tiny OS lacks, so the raw call fails after
    //: Linux's checks of the cookie and descriptor (`EFAULT`, `EBADF`, `ENOTSOCK` for a
    //: non-socket, `EINVAL` for a non-netlink socket) and glibc's and musl's
    //: mq_notify(SIGEV_THREAD) report `ENOSYS` (their netlink socket cannot be made): LTP's
    //: mq_notify01 (one case) and mq_notify03 fail for that reason. No IPC namespaces (one
    //: mqueue instance); a notification is sent even when the registered process has exec'd
    //: since (Linux checks `self_exec_id`); waiting receivers are served oldest first, not by
    //: scheduling priority.
    ENTRY(SYS_mq_open, sys_mq_open),
    ENTRY(SYS_mq_unlink, sys_mq_unlink),
    ENTRY(SYS_mq_timedsend, sys_mq_timedsend),
    ENTRY(SYS_mq_timedreceive, sys_mq_timedreceive),
    ENTRY(SYS_mq_notify, sys_mq_notify),
    ENTRY(SYS_mq_getsetattr, sys_mq_getsetattr),
    //: [detail] **add_key, request_key, keyctl** (the key retention service, `kernel/security/keys/`):
    //: key types `keyring`, `user`, `logon` (never readable, `prefix:` descriptions) and
    //: `big_key` (kept in kernel memory, charged to the quota as Linux charges one kept in a
    //: file); other types are `ENODEV`. Random positive serials; the thread, process and
    //: session keyrings and the per-user `_uid.N` / `_uid_ses.N` keyrings, the special ids -1
    //: .. -5 (with creation as Linux does it; -6 is `EINVAL`, -7 and -8 `ENOKEY`); possession
    //: (reachable from one's own keyrings) and the four permission bytes against the fs uid and
    //: groups; per-user quotas (`EDQUOT`) tunable in `/proc/sys/kernel/keys/{maxkeys,maxbytes,
    //: root_maxkeys,root_maxbytes}`; `/proc/keys` and `/proc/key-users` in Linux's columns.
    //: keyctl commands: `GET_KEYRING_ID JOIN_SESSION_KEYRING UPDATE REVOKE CHOWN SETPERM
    //: DESCRIBE CLEAR LINK UNLINK SEARCH READ SET_REQKEY_KEYRING SET_TIMEOUT INVALIDATE
    //: GET_SECURITY` (an empty label: no security module) and `ASSUME_AUTHORITY INSTANTIATE
    //: INSTANTIATE_IOV NEGATE REJECT`, which answer as Linux does for a caller without an
    //: authorisation key (`ENOKEY`, `EPERM`): only a request-key helper gets one, and **no
    //: helper is ever run** - request_key of a missing key with callout information fails with
    //: `ENOENT` and leaves a negative key for 60 s (`ENOKEY` thereafter), as Linux without
    //: `/sbin/request-key`. Fork shares the session keyring, execve drops the thread and
    //: process keyrings, a new thread starts without a thread keyring (Linux gives it a fresh
    //: empty one if its creator had one). Left out: `SESSION_TO_PARENT`, persistent keyrings,
    //: `DH_COMPUTE`, `RESTRICT_KEYRING`, `PKEY_*`, `MOVE`, `CAPABILITIES`, `WATCH_KEY` (all
    //: `EOPNOTSUPP`, Linux's answer for commands it was built without); no garbage collector
    //: timer: a key goes when its last reference does (unlinked revoked and expired keys at
    //: once, where Linux waits `gc_delay`), and revoked or expired keys still linked stay until
    //: unlinked; key ownership follows the fs uid, the user keyrings the real uid; no user
    //: namespaces.
    ENTRY(SYS_add_key, sys_add_key),
    ENTRY(SYS_request_key, sys_request_key),
    ENTRY(SYS_keyctl, sys_keyctl),
    //: [detail] **ptrace**: TRACEME, ATTACH, SEIZE, INTERRUPT, DETACH, KILL, CONT, SYSCALL (entry and
    //: exit stops, `PTRACE_O_TRACESYSGOOD`; orig_rax -1 at the entry stop skips the call),
    //: SINGLESTEP (TF, the #DB's SIGTRAP), PEEKTEXT/PEEKDATA, POKETEXT/POKEDATA (read-only text
    //: is written through a copy-on-write break, as Linux's FOLL_FORCE), PEEKUSER/POKEUSER (the
    //: registers and the debug registers of `struct user`), GETREGS/SETREGS,
    //: GETFPREGS/SETFPREGS (the FXSAVE image), GETSIGINFO/SETSIGINFO, SETOPTIONS (TRACESYSGOOD,
    //: TRACEFORK/VFORK/CLONE with auto-attach and the event stop, TRACEEXEC, EXITKILL),
    //: GETEVENTMSG. Signal-delivery-stops for every signal but SIGKILL (ignored ones too), the
    //: execve SIGTRAP, the tracer as a ptrace parent for wait4/waitid (the real parent still
    //: reaps), detach when the tracer exits, Linux's EPERM rules (own thread group, already
    //: traced, permission via the real ids and dumpable, or CAP_SYS_PTRACE), `/proc/PID/status`
    //: TracerPid and state `t`. Partial: debug registers are validated as Linux's hw_breakpoint
    //: code does (EINVAL for kernel addresses, misaligned or I/O breakpoints, EIO for DR4/DR5)
    //: but not programmed into the CPU, so watchpoints never fire; SETREGS and POKEUSER take
    //: only the 64-bit user cs/ss and a user rip (Linux accepts more, then kills the tracee);
    //: ds/es/fs/gs read as 0 and writes to them are ignored; a stop signal sent to a traced
    //: process becomes a ptrace-stop of the thread taking it (group-stop interplay is kept
    //: simple: no PTRACE_LISTEN, no group-stop reports for other threads); INTERRUPT takes
    //: effect on the tracee's way back to user mode (it does not end an interruptible sleep);
    //: TRACEVFORKDONE, TRACEEXIT, seccomp options are accepted but raise no stop; GETREGSET,
    //: PEEKSIGINFO, ARCH_PRCTL and the other requests answer EIO.
    ENTRY(SYS_ptrace, sys_ptrace),
    //: [detail] **ioprio_get/ioprio_set**: per-thread value with Linux's checks (class NONE/RT/BE/IDLE,
    //: level in the low 3 bits, hint bits kept, NONE takes no level, RT needs CAP_SYS_NICE or
    //: CAP_SYS_ADMIN, another user's thread CAP_SYS_NICE), for a thread, a process group or a
    //: user (get reports the best); inherited by fork. No I/O scheduler weighs it.
    ENTRY(SYS_ioprio_set, sys_ioprio_set),
    ENTRY(SYS_ioprio_get, sys_ioprio_get),
    //: [detail] **membarrier**: QUERY, GLOBAL, GLOBAL_EXPEDITED, the PRIVATE_EXPEDITED and SYNC_CORE
    //: commands with their REGISTER (EPERM before it; the registration is the process's,
    //: cleared by exec). One CPU: each barrier is complete on return. The RSEQ commands are
    //: `-EINVAL` (no rseq).
    ENTRY(SYS_membarrier, sys_membarrier),
    //: [detail] **process_vm_readv/process_vm_writev**: through the target's page tables (faulting pages
    //: in, breaking copy-on-write before a write), the ptrace-style check (`proc_may_inspect`,
    //: EPERM), iovec validation and partial counts as Linux; an area without the right
    //: (read-only for writev) or a hole ends the transfer with `-EFAULT`.
    ENTRY(SYS_process_vm_readv, sys_process_vm_readv),
    ENTRY(SYS_process_vm_writev, sys_process_vm_writev),
    //: [detail] **unshare**: `CLONE_FILES` (a private copy of a shared descriptor table; `-EMFILE` when
    //: a descriptor is at or past `fs.nr_open`), `CLONE_FS` (a thread stops following its
    //: leader's directory and umask; the leader of threads that share its fs info gets
    //: `-EINVAL`, where Linux succeeds), `CLONE_SYSVSEM` (the semaphore undo list is applied
    //: and dropped, when single-threaded), `CLONE_THREAD/SIGHAND/VM` only when nothing is
    //: shared. No namespaces: `CLONE_NEW*` are `-EPERM` without CAP_SYS_ADMIN, then `-EINVAL`
    //: as on a Linux built without them (even `CLONE_NEWNS`, which Linux always has);
    //: `CLONE_NEWUSER` is `-EINVAL`. `/proc/sys/fs/nr_open` is writable between 64 and 256 (our
    //: table size; Linux takes more); it bounds RLIMIT_NOFILE and unshare's copy, not yet
    //: fork's.
    ENTRY(SYS_unshare, sys_unshare),
};
#pragma GCC diagnostic pop
