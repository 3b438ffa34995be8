/*
 * uts.h - the system's names uname(2) reports: the host name and NIS
 * domain name root may change (sethostname, setdomainname, and
 * /proc/sys/kernel/hostname), and the fixed rest. One set for the whole
 * system (no UTS namespaces).
 */
#ifndef PROC_UTS_H
#define PROC_UTS_H

#include <stddef.h>

#include "uapi/utsname.h"

/* A copy of the names as uname(2) gives them. */
void uts_get(struct linux_utsname *u);
/* Sets the host name (which 0) or the domain name (which 1) to
 * name[0..len): 0 or -EINVAL when len is over 64. */
#define UTS_HOSTNAME 0
#define UTS_DOMAINNAME 1
int uts_set(int which, const char *name, size_t len);

#endif
