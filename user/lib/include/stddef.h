/* stddef.h - size_t, ptrdiff_t, NULL, offsetof (freestanding; gcc's
 * predefined type macros give the x86_64 LP64 types). */
#ifndef _STDDEF_H
#define _STDDEF_H

#include <bits/types.h>

typedef __PTRDIFF_TYPE__ ptrdiff_t;
#ifndef __cplusplus
typedef __WCHAR_TYPE__ wchar_t;
#endif
typedef struct {
    long long __ll __attribute__((aligned(__alignof__(long long))));
    long double __ld __attribute__((aligned(__alignof__(long double))));
} max_align_t;

#define offsetof(type, member) __builtin_offsetof(type, member)

#endif
