/* nologin: the shell of accounts nobody may log in to (nobody's in
 * /etc/passwd, as Debian's /usr/sbin/nologin). Like util-linux's: prints
 * /etc/nologin.txt if there is one, else "This account is currently not
 * available.", and fails, whatever its arguments (su and login pass -c CMD
 * or -l; none of them may run anything). */
#include <stdio.h>

#include "common/print_file.h"

int main(void)
{
    if (!print_file("/etc/nologin.txt"))
        puts("This account is currently not available.");
    return 1;
}
