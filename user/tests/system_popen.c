/* system_popen.c - what a Linux program expects around it: system() and
 * popen() run /bin/sh, the password file names root. Needs the base root
 * file system, which tools/tinyos-run lays under every program. */
#include <pwd.h>
#include <string.h>
#include <sys/wait.h>

#include "tt.h"

int main(void)
{
    fflush(stdout); /* the shell's output goes to the same stdout */
    int st = system("echo from the shell; exit 3");
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3, "system() runs /bin/sh -c and returns its status");
    CHECK(system(NULL) != 0, "system(NULL): a shell is available");

    FILE *p = popen("printf 'one\\ntwo\\n' | wc -l", "r");
    char line[64] = "";
    CHECK(p && fgets(line, sizeof line, p), "popen() for reading");
    CHECK(atoi(line) == 2, "reads the pipeline's output");
    CHECK(p && pclose(p) == 0, "pclose returns the exit status");

    p = popen("cat > /tmp/popen-out", "w");
    CHECK(p != NULL, "popen() for writing");
    if (p) {
        fputs("written through popen\n", p);
        CHECK(pclose(p) == 0, "pclose after writing");
    }
    FILE *f = fopen("/tmp/popen-out", "r");
    CHECK(f && fgets(line, sizeof line, f) && strcmp(line, "written through popen\n") == 0,
          "the shell wrote what the program gave it");
    if (f)
        fclose(f);
    unlink("/tmp/popen-out");

    struct passwd *pw = getpwuid(0);
    CHECK(pw && strcmp(pw->pw_name, "root") == 0, "getpwuid(0) is root");
    CHECK(pw && pw->pw_uid == 0 && strcmp(pw->pw_dir, "/root") == 0, "with home /root");
    return tt_failures;
}
