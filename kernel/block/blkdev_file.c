/*
 * blkdev_file.c - block device files (/dev/vda, or a node made with
 * mknod on any file system): open finds the registered device by the
 * inode's rdev (ENXIO for none, as Linux's blkdev_open); read, write,
 * pread, pwrite and lseek move bytes through the device's page cache
 * (bdev_cache.c) as Linux's buffered block device I/O does
 * (block/fops.c): reads stop at the end of the device, a write starting
 * there is ENOSPC and one crossing it is cut short, a read-only device
 * refuses writes with EPERM; fsync writes the dirty pages and flushes the
 * device's write cache; the last close writes them too. The ioctls are
 * Linux's (uapi/fs.h).
 */
#include "block/blkdev_file.h"

#include "block/bdev_internal.h"
#include "fs/devfs.h"
#include "fs/file.h"
#include "fs/inode.h"
#include "mm/direct_map.h"
#include "mm/pmm.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/fs.h"

#define DISK_GID 6 /* Debian's "disk" group: /dev/vd* are root:disk 0660 */
/* Dirty pages of one device a writer may leave behind before it writes
 * them itself (Linux's balance_dirty_pages, simplified). */
#define DIRTY_PAGES_MAX 2048
/* Pages a read that misses the cache brings in at once: at least Linux's
 * default 128 KiB readahead window, at most 1 MiB. */
#define READAHEAD_MIN 32
#define READAHEAD_MAX 256

void blk_add_node(struct block_device *bd) { devfs_add_node(bd->name, S_IFBLK | 0660, bd->rdev, 0, DISK_GID); }

static struct block_device *file_bd(struct file *f) { return f->priv; }

static int blkdev_open(struct file *f)
{
    struct block_device *bd = blk_by_rdev(f->inode->rdev);
    if (!bd)
        return -ENXIO; /* open(2): a device special file with no device behind it */
    f->priv = bd;
    bdev_state_of(bd)->opens++;
    return 0;
}

/* The last close writes the dirty pages back and, unless a file system
 * uses the disk, lets the cache go, as Linux's blkdev_release does
 * (blkdev_flush_mapping: sync_blockdev, kill_bdev). */
static void blkdev_release(struct file *f)
{
    struct block_device *bd = file_bd(f);
    if (--bdev_state_of(bd)->opens > 0)
        return;
    bdev_sync(bd, false); /* a failure leaves the pages dirty (and logged) */
    if (!bd->mounted)
        bdev_drop_clean(bd);
}

/* Moves n bytes at pos between the device's cache and user memory. The
 * count, or -errno when nothing moved. */
static long transfer(struct block_device *bd, uint64_t pos, uint64_t ubuf, size_t n, bool write)
{
    size_t done = 0;
    long err = 0;
    while (done < n) {
        uint64_t at = pos + done, index = at / PAGE_SIZE, off = at % PAGE_SIZE;
        size_t chunk = PAGE_SIZE - off < n - done ? PAGE_SIZE - off : n - done;
        bool whole = write && chunk == PAGE_SIZE;
        uint64_t pa;
        bool fresh;
        if (!write && !pc_find(&bd->inode->pages, index, NULL)) {
            /* Read the rest of this read, and a little more, in big requests. */
            uint64_t want = (n - done + off + PAGE_SIZE - 1) / PAGE_SIZE;
            bdev_readahead(bd, index, want < READAHEAD_MIN ? READAHEAD_MIN : want > READAHEAD_MAX ? READAHEAD_MAX : want);
        }
        err = bdev_get_page(bd, index, whole, &pa, &fresh);
        if (err)
            break;
        pmm_ref(pa); /* held while a user copy may fault and sleep */
        char *page = phys_to_virt(pa);
        bool fault = write ? copy_from_user(page + off, ubuf + done, chunk) != 0
                           : copy_to_user(ubuf + done, page + off, chunk) != 0;
        if (write && fault && whole && fresh) {
            /* A page made for overwriting holds zeros and part of the
             * user's bytes: give it the disk's contents back. */
            if (bdev_reread_page(bd, index, page))
                bdev_mark_dirty(bd, index);
        } else if (write && !fault) {
            bdev_mark_dirty(bd, index);
        }
        pmm_free(pa);
        if (fault) {
            err = -EFAULT;
            break;
        }
        done += chunk;
    }
    return done ? (long)done : err;
}

static long blkdev_read(struct file *f, uint64_t ubuf, size_t n)
{
    struct block_device *bd = file_bd(f);
    uint64_t size = bdev_bytes(bd);
    if (f->pos >= size || !n)
        return 0;
    if (n > size - f->pos)
        n = size - f->pos;
    long r = transfer(bd, f->pos, ubuf, n, false);
    if (r > 0)
        f->pos += (uint64_t)r;
    return r;
}

static long blkdev_write(struct file *f, uint64_t ubuf, size_t n)
{
    struct block_device *bd = file_bd(f);
    uint64_t size = bdev_bytes(bd);
    if (bd->read_only)
        return -EPERM; /* blkdev_write_iter: bdev_read_only */
    if (!n)
        return 0;
    if (f->pos >= size)
        return -ENOSPC;
    if (n > size - f->pos)
        n = size - f->pos;
    long r = transfer(bd, f->pos, ubuf, n, true);
    if (r > 0)
        f->pos += (uint64_t)r;
    if (r > 0 && (f->flags & (O_DSYNC | O_DIRECT))) {
        int err = bdev_sync(bd, true); /* O_SYNC / O_DSYNC: on the disk before write returns */
        if (err)
            return err;
    } else if (bdev_state_of(bd)->ndirty > DIRTY_PAGES_MAX) {
        bdev_sync(bd, false); /* a failure leaves the pages dirty; fsync reports it */
    }
    return r;
}

/* Linux's fixed_size_llseek: positions past the end are EINVAL;
 * SEEK_DATA finds data everywhere, SEEK_HOLE only at the end. */
static long blkdev_lseek(struct file *f, int64_t off, int whence)
{
    struct block_device *bd = file_bd(f);
    int64_t size = (int64_t)bdev_bytes(bd), pos;
    switch (whence) {
    case SEEK_SET: pos = off; break;
    case SEEK_CUR: pos = (int64_t)f->pos + off; break;
    case SEEK_END: pos = size + off; break;
    case SEEK_DATA:
        if (off < 0 || off >= size)
            return -ENXIO;
        pos = off;
        break;
    case SEEK_HOLE:
        if (off < 0 || off >= size)
            return -ENXIO;
        pos = size;
        break;
    default: return -EINVAL;
    }
    if (pos < 0 || pos > size)
        return -EINVAL;
    f->pos = (uint64_t)pos;
    return pos;
}

static int blkdev_fsync(struct file *f) { return bdev_sync(file_bd(f), true); }

/* The block size buffered I/O uses (Linux's set_init_blocksize): the
 * largest power of two up to a page that divides the device's size. */
static int default_block_size(const struct block_device *bd)
{
    uint64_t size = bdev_bytes(bd);
    int bsize = SECTOR_SIZE;
    while (bsize < PAGE_SIZE && !(size & (uint64_t)bsize))
        bsize <<= 1;
    return bsize;
}

static long put_int(uint64_t arg, int v) { return copy_to_user(arg, &v, sizeof v) ? -EFAULT : 0; }
static long put_u64(uint64_t arg, uint64_t v) { return copy_to_user(arg, &v, sizeof v) ? -EFAULT : 0; }

static long blkdev_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
    struct block_device *bd = file_bd(f);
    switch (cmd) {
    case BLKGETSIZE64: return put_u64(arg, bdev_bytes(bd));
    case BLKGETSIZE: return put_u64(arg, bd->nsectors); /* an unsigned long: 64 bits here */
    case BLKSSZGET: return put_int(arg, SECTOR_SIZE);
    case BLKPBSZGET:
    case BLKIOMIN: return put_int(arg, SECTOR_SIZE);
    case BLKIOOPT: return put_int(arg, 0); /* no preferred size, as virtio-blk without topology */
    case BLKBSZGET: return put_int(arg, default_block_size(bd));
    case BLKROGET: return put_int(arg, bd->read_only ? 1 : 0);
    case BLKFLSBUF: {
        /* blkdev_flushbuf: CAP_SYS_ADMIN, then sync_blockdev and
         * invalidate_bdev (the clean pages go; the next read sees the disk). */
        if (!capable(CAP_SYS_ADMIN))
            return -EACCES;
        int err = bdev_sync(bd, false);
        bdev_drop_clean(bd);
        return err;
    }
    default: return -ENOTTY;
    }
}

const struct file_ops blkdev_fops = {
    .open = blkdev_open,
    .read = blkdev_read,
    .write = blkdev_write,
    .lseek = blkdev_lseek,
    .ioctl = blkdev_ioctl,
    .fsync = blkdev_fsync,
    .release = blkdev_release,
};
