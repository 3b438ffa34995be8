/* user_names.h - the name of a user or group ID, looked up in
 * /etc/passwd or /etc/group (the first field of the line whose third
 * field is the ID, passwd(5), group(5)). For id and whoami; Tiny OS's
 * C library has no getpwuid. Needs <stdio.h>, <stdlib.h>, <stdbool.h>. */
#ifndef USER_NAMES_H
#define USER_NAMES_H

#include <stdbool.h>
#include <string.h>

#define PASSWD_FILE "/etc/passwd"
#define GROUP_FILE "/etc/group"

/* true and NAME filled when FILE has a line "NAME:x:ID:..." */
static inline bool user_name(const char *file, unsigned id, char *name, size_t size)
{
    FILE *f = fopen(file, "r");
    if (!f)
        return false;
    char line[512];
    bool found = false;
    while (!found && fgets(line, sizeof line, f)) {
        char *pw = strchr(line, ':');
        char *num = pw ? strchr(pw + 1, ':') : NULL;
        if (!num)
            continue;
        char *end;
        unsigned long v = strtoul(num + 1, &end, 10);
        if (end == num + 1 || *end != ':' || v != id || (size_t)(pw - line) >= size)
            continue;
        memcpy(name, line, (size_t)(pw - line));
        name[pw - line] = 0;
        found = true;
    }
    fclose(f);
    return found;
}

#endif
