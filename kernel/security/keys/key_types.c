/*
 * key_types.c - the key types that carry bytes (Linux's
 * security/keys/user_defined.c and big_key.c):
 *   "user"    up to 32767 bytes, readable and updatable;
 *   "logon"   the same, but never readable from user space, and its
 *             description must be "prefix:rest" (a service name first);
 *   "big_key" up to add_key's 1 MiB - 1. Linux keeps a large one in an
 *             encrypted shmem file and charges only a small record to the
 *             quota; here the bytes stay in kernel memory, charged the
 *             same way.
 */
#include "security/keys/key.h"

#include "lib/string.h"
#include "uapi/errno.h"

#define USER_MAX 32767
#define BIG_KEY_FILE_THRESHOLD 1024 /* past this Linux stores the data in a file */
#define BIG_KEY_RECORD 16           /* what a file-backed big key charges */

static int user_preparse(const void *data, size_t len)
{
    if (len == 0 || len > USER_MAX || !data)
        return -EINVAL;
    return 0;
}

static int logon_vet_description(const char *desc)
{
    const char *p = strchr(desc, ':');
    return p && p != desc ? 0 : -EINVAL;
}

static int big_key_preparse(const void *data, size_t len)
{
    if (len == 0 || len > KEY_MAX_PAYLOAD || !data)
        return -EINVAL;
    return 0;
}

static size_t big_key_quotalen(size_t len) { return len > BIG_KEY_FILE_THRESHOLD ? BIG_KEY_RECORD : len; }

const struct key_type key_type_user = {
    .name = "user",
    .preparse = user_preparse,
    .updatable = true,
    .readable = true,
};

const struct key_type key_type_logon = {
    .name = "logon",
    .preparse = user_preparse,
    .vet_description = logon_vet_description,
    .updatable = true,
    .readable = false,
};

const struct key_type key_type_big_key = {
    .name = "big_key",
    .preparse = big_key_preparse,
    .quotalen = big_key_quotalen,
    .updatable = true,
    .readable = true,
};
