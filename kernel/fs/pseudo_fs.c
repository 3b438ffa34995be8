/* pseudo_fs.c - see pseudo_fs.h. */
#include "fs/pseudo_fs.h"

#include "fs/dentry.h"
#include "fs/file.h"
#include "fs/inode.h"
#include "fs/mount.h"
#include "fs/super.h"
#include "uapi/errno.h"
#include "lib/kprintf.h"

#define PIPEFS_MAGIC 0x50495045
#define SOCKFS_MAGIC 0x534F434B
#define ANON_INODE_FS_MAGIC 0x09041934

static void pseudo_statfs(struct super_block *sb, struct kstatfs *st)
{
    st->type = sb->magic;
    st->bsize = st->frsize = 4096;
    st->namelen = 255;
}

static const struct super_ops pseudo_sops = {.statfs = pseudo_statfs};

/* Never mountable (Linux's kern_mount-only file systems: MS_NOUSER). */
static struct fs_type types[PSEUDO_COUNT] = {
    [PSEUDO_PIPEFS] = {.name = "pipefs"},
    [PSEUDO_SOCKFS] = {.name = "sockfs"},
    [PSEUDO_ANON] = {.name = "anon_inodefs"},
};
static const uint64_t magics[PSEUDO_COUNT] = {PIPEFS_MAGIC, SOCKFS_MAGIC, ANON_INODE_FS_MAGIC};
static struct super_block *sbs[PSEUDO_COUNT];
/* Each one's mount: never in the mount table, only what pseudo paths
 * hold (so path code finds a mount as everywhere else). */
static struct mount mounts[PSEUDO_COUNT];

void pseudo_fs_init(void)
{
    for (int i = 0; i < PSEUDO_COUNT; i++) {
        fs_register(&types[i]);
        sbs[i] = sb_new(&types[i], &pseudo_sops, magics[i]);
        if (!sbs[i])
            panic("out of memory making %s", types[i].name);
        sbs[i]->flags |= SB_PSEUDO;
        struct inode *root = inode_new(sbs[i], S_IFDIR | 0500);
        sbs[i]->root = root ? d_alloc_root(sbs[i], root) : NULL;
        if (!sbs[i]->root)
            panic("out of memory making %s", types[i].name);
        mounts[i] = (struct mount){.sb = sbs[i], .root = sbs[i]->root, .parent = &mounts[i],
                                   .mountpoint = sbs[i]->root, .refs = 1, .source = (char *)types[i].name};
        list_init(&mounts[i].link);
    }
}

int pseudo_file_path(struct file *f)
{
    if (f->path.dentry)
        return 0;
    struct super_block *sb = f->inode->sb;
    int which = 0;
    while (which < PSEUDO_COUNT && sbs[which] != sb)
        which++;
    if (which == PSEUDO_COUNT)
        return -ENOENT;
    /* Not on the root's list: no name finds it; its inode is the object's. */
    struct dentry *d = d_alloc(sb->root, "", 0);
    if (!d)
        return -ENOMEM;
    d->inode = f->inode;
    f->path = (struct path){mount_get(&mounts[which]), d};
    return 0;
}

void pseudo_inode_init(struct inode *inode, enum pseudo_fs which, uint32_t mode)
{
    inode_init_pseudo(inode, sbs[which], mode);
}
