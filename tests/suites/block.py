"""block.py - disks (issue 13): PCI enumeration, the virtio-blk driver on
both virtio PCI transports, the block layer and its device page cache,
and /dev/vda as a file (read, write, lseek, fsync, the BLK* ioctls), as
Linux has them (sd(4), block/fops.c, include/uapi/linux/fs.h).

Each test boots with disk images made here on the host; after the boot
the host reads the image files back and checks they hold exactly what
the program wrote (and nothing else changed). Image bytes follow
pattern(seed 0, offset), the bytes user/tests/blkdev_test.c writes
pattern(WSEED, offset), so both sides know every byte.
"""
import hashlib

SIZE = 16 * 1024 * 1024 + 1536  # not a whole number of pages: the last page of the cache is partial
WSEED = 0x5A
# blkdev_test.c's regions (offset, length): keep the two lists the same.
REGIONS = [(0, 1), (511, 2), (4095, 4098), (8192, 4096), (20000, 100000), (1048573, 7), (2097152, 262144)]
FSYNC_REGION = (40960 + 7, 3 * 4096 + 100)

_cache = {}


def pattern(seed, start, n):
    """The bytes at [start, start + n) of pattern seed."""
    key = (seed, start, n)
    if key not in _cache:
        _cache[key] = bytes(((i * 131) ^ (i >> 8) ^ seed) & 0xFF for i in range(start, start + n))
    return _cache[key]


def make_image(size=SIZE):
    def make(path):
        with open(path, "wb") as f:
            f.write(pattern(0, 0, size))
    return make


def expect_image(writes, size=SIZE):
    """A check_disks function: the first image is pattern 0 with each
    (offset, length) of writes holding pattern WSEED."""
    def check(paths):
        want = bytearray(pattern(0, 0, size))
        for off, n in writes:
            want[off:off + n] = pattern(WSEED, off, n)
        with open(paths[0], "rb") as f:
            got = f.read()
        if len(got) != size:
            return f"{len(got)} bytes, expected {size}"
        if got != want:
            first = next(i for i in range(size) if got[i] != want[i])
            return f"byte {first} is {got[first]:#x}, expected {want[first]:#x}"
        return ""
    return check


def expect_region(off, n):
    """A check_disks function: [off, off + n) of the first image holds
    pattern WSEED (what else reached the disk is not asked)."""
    def check(paths):
        with open(paths[0], "rb") as f:
            f.seek(off)
            got = f.read(n)
        return "" if got == pattern(WSEED, off, n) else "the fsync'd region is not on the disk"
    return check


def md5(data):
    return hashlib.md5(data).hexdigest()


DISK = [dict(make=make_image())]
MODERN_ONLY = ["-global", "virtio-blk-pci.disable-legacy=on"]
BUSYBOX = dict(path="/bin/busybox", extra="user/busybox-root")

# busybox dd copying 64 KiB from the start of the disk to 4 MiB, then
# reading both back; blockdev's ioctls.
DD_SCRIPT = ("blockdev --getsize64 /dev/vda && blockdev --getss /dev/vda && blockdev --getro /dev/vda"
             " && blockdev --getsz /dev/vda"
             " && dd if=/dev/vda of=/dev/vda bs=4k count=16 seek=1024 conv=notrunc,fsync 2>/dev/null"
             " && dd if=/dev/vda bs=64k count=1 2>/dev/null | md5sum"
             " && dd if=/dev/vda bs=4096 skip=1024 count=16 2>/dev/null | md5sum")


def check_dd(paths):
    with open(paths[0], "rb") as f:
        data = f.read()
    want = bytearray(pattern(0, 0, SIZE))
    want[4 << 20:(4 << 20) + 65536] = pattern(0, 0, 65536)
    return "" if data == bytes(want) else "the image does not hold dd's copy (or more changed)"


def unchanged(paths):
    with open(paths[0], "rb") as f:
        return "" if f.read() == pattern(0, 0, SIZE) else "a read-only disk changed"


# QEMU's blkdebug fails every request that touches sector 1000 (page 125)
# once a read has been seen: the device answers VIRTIO_BLK_S_IOERR.
BAD_SECTOR = """[inject-error]
event = "read_aio"
errno = "5"
sector = "1000"
once = "off"
"""
IO_ERROR_SCRIPT = ("dd if=/dev/vda of=/dev/null bs=4096 skip=120 count=10 2>/dev/null; echo read $?;"
                   " dd if=/dev/vda of=/dev/null bs=4096 skip=126 count=10 2>/dev/null; echo read $?;"
                   " dd if=/dev/zero of=/dev/vda bs=4096 seek=125 count=1 conv=fsync 2>/dev/null; echo write $?;"
                   " dd if=/dev/vda bs=4096 count=1 2>/dev/null | md5sum")

USER_TESTS = [
    # The whole path on the default transitional device (the modern transport is chosen).
    dict(name="block-vda", prog="blkdev_test", args=["main", str(SIZE)], status=0, timeout=120,
         disks=DISK, check_disks=expect_image(REGIONS)),
    # The same through the legacy transport (I/O BAR0, virtio 0.9.5)...
    dict(name="block-vda-legacy", prog="blkdev_test", args=["main", str(SIZE)], status=0, timeout=120,
         disks=DISK, kernel_args=["virtio=legacy"], check_disks=expect_image(REGIONS)),
    # ... and on a virtio 1.0-only device (PCI id 1af4:1042, no legacy registers).
    dict(name="block-vda-modern-only", prog="blkdev_test", args=["main", str(SIZE)], status=0, timeout=120,
         disks=DISK, qemu_args=MODERN_ONLY, check_disks=expect_image(REGIONS)),
    # Three disks at once; vda and vdb share IRQ 11 (the firmware's PIRQ routing on the i440FX).
    dict(name="block-three-disks-shared-irq", prog="blkdev_test", args=["disks", "3"], status=0, timeout=90,
         disks=[dict(make=make_image(4 << 20)) for _ in range(3)],
         check_disks=lambda paths: "".join(expect_image([(8192, 65536)], 4 << 20)([p]) for p in paths)),
    dict(name="block-readonly", prog="blkdev_test", args=["ro", str(SIZE)], status=0, timeout=60,
         disks=[dict(make=make_image(), ro=True)], check_disks=unchanged),
    dict(name="block-mknod-nodes", prog="blkdev_test", args=["nodes"], status=0, timeout=60, disks=DISK),
    dict(name="block-fsync-reaches-disk", prog="blkdev_test", args=["fsync"], status=0, timeout=60,
         disks=DISK, check_disks=expect_region(*FSYNC_REGION)),
    dict(name="block-last-close-writes-back", prog="blkdev_test", args=["close"], status=0, timeout=60,
         disks=DISK, check_disks=expect_region(*FSYNC_REGION)),
    # /proc/bus/pci/devices with one disk, two, and a modern-only one.
    dict(name="block-pci-devices", prog="pci_test", args=["1", "1"], status=0, disks=DISK),
    dict(name="block-pci-two-disks", prog="pci_test", args=["2", "1"], status=0,
         disks=[dict(make=make_image()), dict(make=make_image(1 << 20))]),
    dict(name="block-pci-modern-only", prog="pci_test", args=["1", "1"], status=0, disks=DISK,
         qemu_args=MODERN_ONLY),
    dict(name="block-pci-no-disk", prog="pci_test", args=["0", "0"], status=0),
    # A disk behind a PCI-to-PCI bridge (bus 1): found, and its interrupt
    # (routed through the bridge) works.
    dict(name="block-behind-pci-bridge", prog="pci_test", args=["1", "1", "1"], status=0,
         qemu_args=["-device", "pci-bridge,id=bridge1,chassis_nr=1"],
         disks=[dict(make=make_image(4 << 20), device="virtio-blk-pci,bus=bridge1,addr=3")]),
    dict(name="block-behind-pci-bridge-io", prog="blkdev_test", args=["disks", "1"], status=0, timeout=60,
         qemu_args=["-device", "pci-bridge,id=bridge1,chassis_nr=1"],
         disks=[dict(make=make_image(4 << 20), device="virtio-blk-pci,bus=bridge1,addr=3")],
         check_disks=expect_image([(8192, 65536)], 4 << 20)),
    # Two disks: vda and vdb (minor 16), as Linux numbers virtblk disks.
    dict(name="block-two-disks-partitions", bin="cat", args=["/proc/partitions"], status=0,
         disks=[dict(make=make_image()), dict(make=make_image(1 << 20))],
         stdout="major minor  #blocks  name\n\n 254        0      16385 vda\n 254       16       1024 vdb\n"),
    # A failing disk: EIO for the reads and the write that touch the bad
    # sector, the others work, the kernel only logs it.
    dict(name="block-io-errors", **BUSYBOX, args=["sh", "-c", IO_ERROR_SCRIPT], status=0, timeout=60,
         disks=[dict(make=make_image(1 << 20), blkdebug=BAD_SECTOR)],
         stdout=f"read 1\nread 0\nwrite 1\n{md5(pattern(0, 0, 4096))}  -\n"),
    dict(name="block-busybox-dd-blockdev", **BUSYBOX, args=["sh", "-c", DD_SCRIPT], status=0, timeout=90,
         disks=DISK, check_disks=check_dd,
         stdout=f"{SIZE}\n512\n0\n{SIZE // 512}\n{md5(pattern(0, 0, 65536))}  -\n{md5(pattern(0, 0, 65536))}  -\n"),
]
