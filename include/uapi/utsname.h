/* uapi/utsname.h - struct utsname: six 65-byte fields (new_utsname). */
#ifndef UAPI_UTSNAME_H
#define UAPI_UTSNAME_H

#define UTS_LEN 65

struct linux_utsname {
    char sysname[UTS_LEN];
    char nodename[UTS_LEN];
    char release[UTS_LEN];
    char version[UTS_LEN];
    char machine[UTS_LEN];
    char domainname[UTS_LEN];
};

#endif
