/* uapi/xattr.h - extended attributes (xattr(7), linux/xattr.h): the
 * flags of setxattr(2), the limits the calls enforce and the namespaces
 * a name starts with. */
#ifndef UAPI_XATTR_H
#define UAPI_XATTR_H

#define XATTR_CREATE 0x1  /* fail with EEXIST if the attribute exists */
#define XATTR_REPLACE 0x2 /* fail with ENODATA if it does not */

#define XATTR_NAME_MAX 255    /* bytes of a name, without the NUL (longer: ERANGE) */
#define XATTR_SIZE_MAX 65536  /* bytes of a value (more: E2BIG) */
#define XATTR_LIST_MAX 65536  /* bytes of a listxattr answer */

#define XATTR_USER_PREFIX "user."
#define XATTR_TRUSTED_PREFIX "trusted."
#define XATTR_SECURITY_PREFIX "security."
#define XATTR_SYSTEM_PREFIX "system."

#endif
