/* printf.c - the printf builtin: the same code as /bin/printf (../common/printf.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sh.h"

#define PRINTF_ERROR(fmt, ...) sh_error("printf: " fmt, __VA_ARGS__)
#define PRINTF_USAGE_STATUS 2
#include "../common/printf.h"

int builtin_printf(int argc, char **argv) { return printf_main(argc, argv); }
