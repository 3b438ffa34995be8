/* errno.c - the one errno (no threads, so a plain global). */
#include <errno.h>

int errno;
