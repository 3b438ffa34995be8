/* uname: system information. -s kernel name (the default), -n host name,
 * -r release, -v version, -m machine, -o operating system, -a all. */
#include <err.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
    static const struct option longopts[] = {{"all", no_argument, NULL, 'a'}, {NULL, 0, NULL, 0}};
    bool s = false, n = false, r = false, v = false, m = false, o = false;
    int opt;
    while ((opt = getopt_long(argc, argv, "asnrvmpio", longopts, NULL)) != -1) {
        switch (opt) {
        case 'a': s = n = r = v = m = o = true; break;
        case 's': s = true; break;
        case 'n': n = true; break;
        case 'r': r = true; break;
        case 'v': v = true; break;
        case 'm': case 'p': case 'i': m = true; break;
        case 'o': o = true; break;
        default: return 1;
        }
    }
    if (optind < argc)
        errx(1, "extra operand '%s'", argv[optind]);
    if (!(s || n || r || v || m || o))
        s = true;
    struct utsname u;
    if (uname(&u) != 0)
        err(1, NULL);
    const char *parts[6];
    int k = 0;
    if (s)
        parts[k++] = u.sysname;
    if (n)
        parts[k++] = u.nodename;
    if (r)
        parts[k++] = u.release;
    if (v)
        parts[k++] = u.version;
    if (m)
        parts[k++] = u.machine;
    /* The system around the kernel: GNU's userland on Linux, ours here. */
    if (o)
        parts[k++] = strstr(u.release, "tinyos") ? "Tiny OS" : "GNU/Linux";
    for (int i = 0; i < k; i++)
        printf("%s%s", parts[i], i + 1 < k ? " " : "\n");
    return fflush(stdout) ? 1 : 0;
}
