/* super.c - see super.h. */
#include "fs/super.h"

#include "block/blkdev.h"
#include "fs/dentry.h"
#include "fs/fsnotify.h"
#include "fs/writeback.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"

static struct fs_type *types;
static uint32_t next_anon_minor = 1; /* Linux numbers in-memory file systems 0:N too */

void fs_register(struct fs_type *t)
{
    struct fs_type **pp = &types;
    while (*pp)
        pp = &(*pp)->next;
    t->next = NULL;
    *pp = t;
}

const struct fs_type *fs_find(const char *name)
{
    for (const struct fs_type *t = types; t; t = t->next)
        if (!strcmp(t->name, name))
            return t;
    return NULL;
}

const struct fs_type *fs_types(void) { return types; }

int fs_next_option(const char **p, char *opt, size_t size)
{
    const char *s = *p;
    if (!s || !*s)
        return 0;
    size_t len = 0;
    while (s[len] && s[len] != ',')
        len++;
    if (len >= size)
        return -EINVAL;
    memcpy(opt, s, len);
    opt[len] = '\0';
    *p = s + len + (s[len] == ',');
    return 1;
}

struct super_block *sb_new(const struct fs_type *t, const struct super_ops *ops, uint64_t magic)
{
    struct super_block *sb = kzalloc(sizeof *sb);
    if (!sb)
        return NULL;
    sb->type = t;
    sb->ops = ops;
    sb->magic = magic;
    sb->dev = next_anon_minor++; /* major 0 */
    sb->refs = 1;
    list_init(&sb->inodes);
    list_init(&sb->disk_link);
    return sb;
}

void sb_get(struct super_block *sb) { sb->refs++; }

void sb_device(const struct super_block *sb, uint32_t *major, uint32_t *minor)
{
    *major = sb->bdev ? sb->bdev->rdev >> 8 : 0;
    *minor = sb->bdev ? sb->bdev->rdev & 0xff : sb->dev;
}

void sb_put(struct super_block *sb)
{
    if (--sb->refs > 0)
        return;
    if (sb->ops->put_super)
        sb->ops->put_super(sb);
    if (sb->bdev && !(sb->flags & SB_RDONLY))
        bdev_sync(sb->bdev, true); /* what put_super wrote (the clean state) reaches the disk */
    kfree(sb);
}

void sb_activate(struct super_block *sb)
{
    if (sb->active++ == 0 && sb->bdev)
        writeback_sb_mounted(sb);
}

void sb_deactivate(struct super_block *sb)
{
    if (sb->active == 1)
        fsnotify_unmount(sb); /* watches on its files end: IN_UNMOUNT, IN_IGNORED */
    if (sb->active == 1 && sb->bdev)
        writeback_sb_unmounted(sb); /* umount writes everything first */
    if (--sb->active == 0 && sb->root) {
        struct dentry *root = sb->root;
        sb->root = NULL;
        d_prune_tree(root);
        d_put(root); /* the superblock's own reference */
    }
    sb_put(sb);
}
