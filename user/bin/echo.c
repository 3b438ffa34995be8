/* echo: print the arguments separated by spaces (-n, -e, -E); the code
 * is the shell builtin's too (common/echo.h). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/echo.h"

int main(int argc, char **argv)
{
    echo_words(argc, argv);
    return fflush(stdout) ? 1 : 0;
}
