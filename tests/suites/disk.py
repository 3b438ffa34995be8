"""disk.py - what a user touches around the disk (issue 13): the shutdown
path (poweroff, reboot, halt through init, and -f straight to reboot(2)),
sync, df, mount and umount on Tiny OS; and, as CHECKS (several boots of
one disk image with the host's e2fsprogs between them, tests/disk_e2e.py),
data kept from one boot to the next, `make run`'s disk, and a crash in
the middle of a write storm."""
import subprocess

import disk_e2e


def ext2_image(path):
    """A fresh 16 MiB ext2 image (a disks= maker, as tests/suites/block.py's)."""
    disk_e2e.make_image(path, 16, 1024)


def clean_with_file(paths):
    """A check_disks function: e2fsck -fn finds the image clean and /f holds "hi"."""
    rc, text = disk_e2e.fsck(paths[0])
    if rc:
        return f"e2fsck -fn status {rc}: {text[-800:]}"
    got = disk_e2e.debugfs_cat(paths[0], "/f")
    return "" if got == b"hi\n" else f"/f holds {got!r}"

def fsck_clean(paths):
    """A check_disks function: e2fsck -fn finds the first image clean."""
    rc, text = disk_e2e.fsck(paths[0])
    return f"e2fsck -fn status {rc}: {text[-800:]}" if rc else ""


OK = 1  # QEMU's exit code for the kernel's EXIT_OK (boots.py)
RESET = 0  # a machine reset under QEMU's -no-reboot

PROMPT = "tinyos:/$ "

BOOTS = [
    # init's clean shutdown: a background job is ended, then the machine
    # powers off (isa-debug-exit's EXIT_OK).
    dict(name="disk-shell-poweroff", rootfs=True, timeout=120, exit=OK,
         script=[(PROMPT, "sleep 1000 &\r"), (PROMPT, "echo mark$((40+2))\r"), ("mark42", "poweroff\r")],
         expect=[r"init: the system is going down for power off", r"reboot: Power down"],
         reject=[r"KERNEL PANIC", r"init: reboot\(2\)"]),
    # reboot resets the machine (QEMU -no-reboot: status 0), through init.
    dict(name="disk-shell-reboot", rootfs=True, timeout=120, exit=RESET,
         script=[(PROMPT, "reboot\r")],
         expect=[r"init: the system is going down for reboot", r"reboot: Restarting system"],
         reject=[r"KERNEL PANIC"]),
    # -f: no init involvement, straight to sync and reboot(2).
    dict(name="disk-shell-poweroff-force", rootfs=True, timeout=120, exit=OK,
         script=[(PROMPT, "poweroff -f\r")], expect=[r"reboot: Power down"],
         reject=[r"going down", r"KERNEL PANIC"]),
    dict(name="disk-shell-halt", rootfs=True, timeout=120, exit=OK,
         script=[(PROMPT, "halt\r")], expect=[r"going down for halt", r"reboot: System halted"]),
]

USER_TESTS = [
    # sync(2), syncfs(2), fsync(2) and fdatasync(2) through the program,
    # with coreutils' messages for a missing file.
    dict(name="disk-sync-command", bin="sh", rootfs=True, status=0,
         args=["-c", "echo x > /tmp/f && sync && sync -f /tmp/f && sync /tmp/f && sync -d /tmp/f /"
               " && echo synced; sync /nonexistent; echo $?; sync -d; echo $?"],
         stdout="synced\n1\n1\n"),
    # df of a tmpfs of known size: exact numbers, coreutils' layout.
    dict(name="disk-df-tmpfs", bin="sh", rootfs=True, status=0,
         args=["-c", "mkdir /mnt && mount -t tmpfs -o size=1m scratch /mnt && head -c 100000 /dev/zero > /mnt/f"
               " && df /mnt && df -h /mnt && df -T /mnt | tail -1 && df | grep -c ' /mnt$'"
               " && df -a | grep -c '^proc .* - /proc$'"],
         stdout="Filesystem     1K-blocks  Used Available Use% Mounted on\n"
                "scratch             1024   100       924  10% /mnt\n"
                "Filesystem      Size  Used Avail Use% Mounted on\n"
                "scratch         1.0M  100K  924K  10% /mnt\n"
                "scratch        tmpfs      1024   100       924  10% /mnt\n1\n1\n"),
    # umount by source name (util-linux looks the device up in /proc/mounts).
    dict(name="disk-umount-by-source", bin="sh", rootfs=True, status=0,
         args=["-c", "mkdir /mnt && mount -t tmpfs src1 /mnt && umount src1 && mount | grep -c /mnt;"
               " umount src1; echo $?"],
         stdout="0\n32\n"),
]

CHECKS = [
    dict(name="disk-persist", run=disk_e2e.check_persist_all),
    dict(name="disk-make-run", run=disk_e2e.check_make_run),
    dict(name="disk-crash", run=disk_e2e.check_crash_all),
]

# The commands on a real ext2 disk: mount without -t (the superblock's
# magic), mount's listing, sync -f, df -T, umount by device, mount's
# message for a character device, a read-only mount refusing a write.
USER_TESTS += [
    dict(name="disk-commands-on-ext2", bin="sh", rootfs=True, status=0, timeout=90,
         disks=[dict(make=ext2_image)], check_disks=clean_with_file,
         args=["-c", "mkdir -p /mnt && mount /dev/vda /mnt && mount | grep -c '^/dev/vda on /mnt type ext2 (rw'"
               " && echo hi > /mnt/f && sync -f /mnt/f && df -T /mnt | tail -1 | tr -s ' ' | cut -d' ' -f1,2,7"
               " && umount /dev/vda && mount | grep -c vda;"
               " mount -t ext2 /dev/null /mnt 2>&1; echo $?;"
               " mount -o ro /dev/vda /mnt && mount | grep -c '^/dev/vda on /mnt type ext2 (ro'"
               " && touch /mnt/g 2>/dev/null; echo $?; cat /mnt/f; umount /mnt && echo done"],
         stdout="1\n/dev/vda ext2 /mnt\n0\nmount: /mnt: /dev/null is not a block device.\n32\n1\n1\nhi\ndone\n"),
]

# Background writeback: a file written and never synced reaches the disk
# through the kflushd kernel thread (Dirty: 0 kB, vda writes), which
# ignores signals and ptrace as Linux's kernel threads do; then e2fsck
# finds the image clean.
USER_TESTS += [
    dict(name="disk-flusher-writes-back", prog="flusher_test", rootfs=True, status=0, timeout=120,
         disks=[dict(make=ext2_image)], check_disks=fsck_clean),
]

# The sizes issue 13 names, in a 128 MiB guest: a 100 MiB file (writeback
# and reclaim make room for it) and 10,000 files in one directory, read
# back after a remount; then e2fsck -fn, and debugfs sees the file's size
# and the last name.
def big_image(path):
    """A fresh 160 MiB ext2 image, 4 KiB blocks, room for 12,000 inodes."""
    subprocess.run(["truncate", "-s", "160M", path], check=True)
    subprocess.run([disk_e2e.e2fs("mke2fs"), "-q", "-F", "-t", "ext2", "-b", "4096", "-N", "12288", path],
                   check=True, capture_output=True)


def big_checked(paths):
    rc, text = disk_e2e.fsck(paths[0])
    if rc:
        return f"e2fsck -fn status {rc}: {text[-800:]}"
    st = disk_e2e.debugfs_stat(paths[0], "/big")
    if "Size: 104857600" not in st:
        return f"debugfs stat /big: {st[:300]}"
    return "" if "Inode:" in disk_e2e.debugfs_stat(paths[0], "/many/file-09999") else "no /many/file-09999"


USER_TESTS += [
    dict(name="disk-100mib-file-10000-names", prog="ext2_big_test", rootfs=True, status=0, timeout=240,
         disks=[dict(make=big_image)], check_disks=big_checked),
]
