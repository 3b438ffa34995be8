/* printf: format and print the arguments, like the shell utility. The
 * work is ../common/printf.h, shared with the shell's builtin. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/printf.h"

int main(int argc, char **argv) { return printf_main(argc, argv); }
