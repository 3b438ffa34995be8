/*
 * filemap.h - regular files' data through the page cache: read, write,
 * truncate, kernel reads (exec), and mappings (mmap faults map the cache's
 * frames: shared mappings write straight into the file, private ones copy
 * a page when they first store into it). A file system whose data lives
 * in its page cache (tmpfs), or that reads pages in through its
 * superblock's readpage, uses these as its regular files' operations.
 */
#ifndef FS_FILEMAP_H
#define FS_FILEMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct file;
struct inode;
struct vma_file;

/* The largest file (s_maxbytes): 4 PiB keeps the page index in 40 bits. */
#define FILEMAP_MAX_BYTES (1ull << 52)

long filemap_read(struct file *f, uint64_t ubuf, size_t n);
long filemap_write(struct file *f, uint64_t ubuf, size_t n);
long filemap_lseek(struct file *f, int64_t off, int whence);
/* file_ops.splice_read / splice_write: the same at *pos, kernel memory. */
long filemap_splice_read(struct file *f, uint64_t *pos, void *buf, size_t n, bool nonblock);
long filemap_splice_write(struct file *f, uint64_t *pos, const void *buf, size_t n, bool nonblock);
int filemap_mmap(struct file *f, struct vma_file *m);

/* Reads/writes kernel memory at offset off of inode's data (exec's
 * headers, the initramfs unpacking, symlink targets); the count or
 * -errno. Writing extends the file; the caller holds the inode lock. */
long filemap_read_kernel(struct inode *inode, uint64_t off, void *buf, size_t n);
long filemap_write_kernel(struct inode *inode, uint64_t off, const void *buf, size_t n);

/* Sets the size (truncate or extend with a hole): pages past the new end
 * go, and are unmapped from every mapping of the file (an access there is
 * SIGBUS then). The caller holds the inode lock. 0 or -EFBIG. */
int filemap_resize(struct inode *inode, uint64_t size);

/* fallocate on inode's data (the caller holds the inode lock): mode 0
 * and FALLOC_FL_KEEP_SIZE take the pages of [off, off + len) now (and
 * mode 0 extends the size over them); FALLOC_FL_PUNCH_HOLE zeroes the
 * range (the pages stay, zeroed). 0, -ENOSPC or -EFBIG. */
#define FALLOC_FL_KEEP_SIZE 0x01
#define FALLOC_FL_PUNCH_HOLE 0x02
int filemap_fallocate(struct inode *inode, int mode, uint64_t off, uint64_t len);

/* Frees every page (the inode is being evicted). */
void filemap_release(struct inode *inode);

#endif
