"""vfs.py - the virtual file system (issue 10): mounts, the page cache
behind read/write/mmap/exec, hard links, FIFOs, device nodes, chroot, big
and sparse files, and the mount and umount commands. Differential where
Linux (run as root on the host) defines the answer."""

USER_TESTS = [
    dict(name="vfs-mount-umount", prog="vfs_mount_test", status=0, differential=True, timeout=60),
    dict(name="vfs-mmap-page-cache", prog="vfs_mmap_test", status=0, differential=True, timeout=60),
    dict(name="vfs-links-fifos-nodes-chroot", prog="vfs_links_test", status=0, differential=True, timeout=60),
    # 100 MiB of file in 256 MiB of RAM: the old contiguous buffer could not.
    dict(name="vfs-100mib-file", prog="vfs_bigfile_test", status=0, memory="256M", timeout=120),
    # The mount commands through our shell, as a user types them.
    dict(name="vfs-mount-command", bin="sh", rootfs=True, status=0,
         args=["-c", "mkdir /mnt && mount -t tmpfs -o size=2m,mode=755 scratch /mnt && echo hi > /mnt/f"
               " && mount | grep /mnt && cat /mnt/f && cd /mnt && umount /mnt; cd / && umount /mnt"
               " && ls /mnt && umount /mnt; mount -t nofs x /mnt; echo $?"],
         stdout="scratch on /mnt type tmpfs (rw,relatime,size=2048k,mode=755)\nhi\n32\n"),
    # exec maps the program from the page cache: its segments are file mappings.
    dict(name="vfs-exec-maps-the-file", bin="sh", rootfs=True, status=0,
         args=["-c", "grep -q ' /bin/grep$' /proc/self/maps && echo mapped"], stdout="mapped\n"),
    dict(name="vfs-mount-list", bin="mount", rootfs=True, status=0,
         stdout="rootfs on / type rootfs (rw,relatime)\nproc on /proc type proc (rw,nosuid,nodev,noexec,relatime)\n"
                "devtmpfs on /dev type devtmpfs (rw,nosuid,relatime,mode=755)\n"),
]

USER_TESTS += [
    dict(name="openat2-resolve", prog="openat2_test", status=0, differential=True),
]
USER_TESTS += [
    dict(name="name-to-handle-open-by-handle", prog="fhandle_test", status=0, differential=True),
]
