/* uts.c - see uts.h. */
#include "proc/uts.h"

#include "lib/string.h"
#include "uapi/errno.h"
#include "version.h"

#define NAME_LEN 64 /* __NEW_UTS_LEN */

/* Reported as Linux: the ABI it implements; C libraries compare the
 * release with their minimum kernel version (glibc refuses to start on
 * "kernel too old"). The version string says what it really is. */
static struct linux_utsname names = {
    .sysname = "Linux",
    .nodename = "tinyos",
    .release = "6.1.0-tinyos",
    .version = "#1 " TINYOS_NAME " " TINYOS_VERSION,
    .machine = "x86_64",
    .domainname = "(none)",
};

void uts_get(struct linux_utsname *u) { *u = names; }

int uts_set(int which, const char *name, size_t len)
{
    if (len > NAME_LEN)
        return -EINVAL;
    char *dst = which == UTS_HOSTNAME ? names.nodename : names.domainname;
    memcpy(dst, name, len);
    memset(dst + len, 0, UTS_LEN - len);
    return 0;
}
