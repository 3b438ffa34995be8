/* mount: attach a file system, or list what is mounted.
 *   mount                          list the mounts (from /proc/mounts) as
 *                                  util-linux does: SOURCE on DIR type TYPE (OPTIONS)
 *   mount -t TYPE [-o OPTS] SOURCE DIR
 *   mount --bind OLD NEW           (also -o bind)
 *   mount -o remount,ro DIR
 * Without -t, a source whose superblock says ext2 (the magic 0xEF53 at
 * byte 1080, ext2's s_magic) is mounted as ext2, as util-linux's blkid
 * probing would find. -r is -o ro, -w -o rw. Options the kernel knows as flags (ro, rw,
 * nosuid, nodev, noexec, noatime, nodiratime, remount, bind) become
 * flags; the rest go to the file system as its data ("size=1m"). */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    const char *name;
    unsigned long set, clear;
} flag_opts[] = {
    {"ro", MS_RDONLY, 0},          {"rw", 0, MS_RDONLY},           {"nosuid", MS_NOSUID, 0},
    {"suid", 0, MS_NOSUID},        {"nodev", MS_NODEV, 0},         {"dev", 0, MS_NODEV},
    {"noexec", MS_NOEXEC, 0},      {"exec", 0, MS_NOEXEC},         {"noatime", MS_NOATIME, 0},
    {"nodiratime", MS_NODIRATIME, 0}, {"relatime", 0, 0},          {"remount", MS_REMOUNT, 0},
    {"bind", MS_BIND, 0},          {"defaults", 0, 0},
};

/* Splits the -o list into flags and the data string for the file system. */
static void parse_options(char *opts, unsigned long *flags, char *data, size_t size)
{
    for (char *save, *o = strtok_r(opts, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
        size_t i;
        for (i = 0; i < sizeof flag_opts / sizeof flag_opts[0]; i++)
            if (!strcmp(o, flag_opts[i].name))
                break;
        if (i < sizeof flag_opts / sizeof flag_opts[0]) {
            *flags = (*flags | flag_opts[i].set) & ~flag_opts[i].clear;
            continue;
        }
        size_t n = strlen(data);
        snprintf(data + n, size - n, "%s%s", n ? "," : "", o);
    }
}

/* The file system type the source's first blocks show, or NULL. Only
 * ext2 is told (ext3/4 share its magic; Tiny OS mounts none of them). */
static const char *probe_type(const char *source)
{
    int fd = open(source, O_RDONLY);
    if (fd < 0)
        return NULL;
    unsigned char magic[2];
    ssize_t n = pread(fd, magic, sizeof magic, 1024 + 56); /* superblock at 1024, s_magic at 56 */
    close(fd);
    return n == 2 && magic[0] == 0x53 && magic[1] == 0xEF ? "ext2" : NULL;
}

static int list(void)
{
    FILE *f = fopen("/proc/mounts", "r");
    if (!f)
        err(1, "/proc/mounts");
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        char *save, *source = strtok_r(line, " ", &save), *dir = strtok_r(NULL, " ", &save);
        char *type = strtok_r(NULL, " ", &save), *opts = strtok_r(NULL, " ", &save);
        if (opts)
            printf("%s on %s type %s (%s)\n", source, dir, type, opts);
    }
    fclose(f);
    return 0;
}

/* util-linux 2.38's messages for the errors a disk mount meets. */
static void mount_failed(const char *source, const char *dir, const char *type, unsigned long flags)
{
    int e = errno;
    struct stat st;
    if (e == ENODEV)
        errx(32, "%s: unknown filesystem type '%s'.", dir, type);
    if (e == ENOENT && stat(dir, &st) != 0)
        errx(32, "%s: mount point does not exist.", dir);
    if (e == ENOENT && source && !(flags & (MS_BIND | MS_REMOUNT)) && stat(source, &st) != 0)
        errx(32, "%s: special device %s does not exist.", dir, source);
    if (e == ENOTDIR)
        errx(32, "%s: mount point is not a directory.", dir);
    if (e == ENOTBLK)
        errx(32, "%s: %s is not a block device.", dir, source);
    if (e == EBUSY)
        errx(32, "%s: %s already mounted or mount point busy.", dir, source ? source : "");
    if (e == EINVAL && !(flags & (MS_BIND | MS_REMOUNT)))
        errx(32, "%s: wrong fs type, bad option, bad superblock on %s, missing codepage or helper program, "
                 "or other error.", dir, source);
    if (e == EIO)
        errx(32, "%s: can't read superblock on %s.", dir, source);
    if (e == EROFS)
        errx(32, "%s: cannot mount %s read-only.", dir, source);
    errno = e;
    err(32, "%s", dir);
}

int main(int argc, char **argv)
{
    const char *type = NULL;
    unsigned long flags = 0;
    char opts[1024] = "", data[1024] = "";
    for (int i = 1; i < argc; i++) /* --bind, as util-linux spells it */
        if (!strcmp(argv[i], "--bind"))
            argv[i] = "-B";
    int opt;
    while ((opt = getopt(argc, argv, "t:o:rwB")) != -1) {
        switch (opt) {
        case 't': type = optarg; break;
        case 'o': snprintf(opts + strlen(opts), sizeof opts - strlen(opts), "%s%s", *opts ? "," : "", optarg); break;
        case 'r': flags |= MS_RDONLY; break;
        case 'w': flags &= ~MS_RDONLY; break;
        case 'B': flags |= MS_BIND; break;
        default: return 1;
        }
    }
    parse_options(opts, &flags, data, sizeof data);
    int nargs = argc - optind;
    if (nargs == 0)
        return list();
    const char *source, *dir;
    if (nargs == 1 && (flags & MS_REMOUNT)) {
        source = NULL;
        dir = argv[optind];
    } else if (nargs == 2) {
        source = argv[optind];
        dir = argv[optind + 1];
    } else {
        errx(1, "bad usage: mount [-t TYPE] [-o OPTIONS] SOURCE DIR");
    }
    if (!type && !(flags & (MS_BIND | MS_REMOUNT)))
        type = probe_type(source);
    if (!type && !(flags & (MS_BIND | MS_REMOUNT)))
        errx(1, "%s: no file system type given (-t)", dir);
    if (mount(source, dir, type, flags, *data ? data : NULL) != 0)
        mount_failed(source, dir, type, flags);
    return 0;
}
