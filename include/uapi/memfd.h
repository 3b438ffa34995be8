/* uapi/memfd.h - memfd_create(2) flags (Linux's include/uapi/linux/memfd.h). */
#ifndef UAPI_MEMFD_H
#define UAPI_MEMFD_H

#define MFD_CLOEXEC 0x0001U
#define MFD_ALLOW_SEALING 0x0002U
#define MFD_HUGETLB 0x0004U
#define MFD_NOEXEC_SEAL 0x0008U /* mode 0666 and F_SEAL_EXEC; sealing allowed */
#define MFD_EXEC 0x0010U        /* executable (0777), the default */

/* With MFD_HUGETLB, bits 26..31 may give the huge page size's log2. */
#define MFD_HUGE_SHIFT 26
#define MFD_HUGE_MASK 0x3fU

/* The name's length at most: NAME_MAX less the "memfd:" prefix. */
#define MFD_NAME_MAX_LEN 249

#endif
