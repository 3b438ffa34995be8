/*
 * sh_cases.c - runs the POSIX shell conformance cases on Tiny OS.
 *
 * `sh_cases DIR` takes what `tests/posix-sh/run --expected DIR` wrote on
 * the host: for each case NNNN, its script (NNNN.sh), its title
 * (NNNN.name) and the oracle's answer (dash's, or bash's where the case
 * says so): NNNN.out, NNNN.status and, when stderr counts, NNNN.err;
 * NNNN.in is its standard input (default /dev/null).
 * Each case runs as `sh case.sh` with /bin/sh (our shell) in a fresh
 * /tmp/psh, with the runner's fixed environment and umask 022 (the host
 * side in tests/posix-sh/run does the same), under a time limit. One
 * "ok - FILE: NAME" / "not ok - ..." line per case.
 * The runner is C, not a shell script, so a broken shell cannot break the
 * runner and hide its own failures.
 */
#include "tt.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#define WORKDIR "/tmp/psh"
#define CASE_SECONDS 10

static char *read_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static int write_file(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    int ok = write(fd, data, len) == (ssize_t)len;
    close(fd);
    return ok ? 0 : -1;
}

/* Runs one case's script; its stdout and stderr land in files. */
static int run_case(const char *script, size_t script_len, const char *in_path)
{
    tt_remove_tree(WORKDIR);
    if (mkdir(WORKDIR, 0755) < 0 || write_file(WORKDIR "/case.sh", script, script_len) < 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        if (chdir(WORKDIR) < 0)
            _exit(120);
        int in = open(in_path ? in_path : "/dev/null", O_RDONLY);
        int out = open("/tmp/psh.out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open("/tmp/psh.err", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || err < 0)
            _exit(121);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        for (int fd = 3; fd < 64; fd++)
            close(fd);
        umask(022);
        signal(SIGALRM, SIG_DFL);
        alarm(CASE_SECONDS); /* survives execve: a hung case dies of SIGALRM */
        /* The environment of tests/posix-sh/run's ENV_FIXED. */
        char *envp[] = {"PATH=/bin:/usr/bin:/sbin:/usr/sbin", "HOME=/root", "LC_ALL=C", "TERM=dumb",
                        "PWD=" WORKDIR, NULL};
        char *argv[] = {"sh", "case.sh", NULL};
        execve("/bin/sh", argv, envp);
        _exit(127);
    }
    if (pid < 0)
        return -1;
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    kill(-pid, SIGKILL); /* what the case left running in the background */
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }
static int is_script(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 3 && !strcmp(e->d_name + n - 3, ".sh");
}

/* Prints the first difference of two texts, as the diagnostics line. */
static void show(const char *what, const char *want, const char *got)
{
    printf("#   %s: want ", what);
    for (const char *p = want; *p && p - want < 200; p++)
        putchar(*p == '\n' ? '|' : *p);
    printf("\n#   %*s   got  ", (int)strlen(what), "");
    for (const char *p = got; *p && p - got < 200; p++)
        putchar(*p == '\n' ? '|' : *p);
    printf("\n");
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/posix-sh";
    struct dirent **names;
    int n = scandir(dir, &names, is_script, by_name);
    if (n <= 0) {
        printf("not ok - no cases in %s\n", dir);
        return 1;
    }
    mkdir("/tmp", 01777);
    int passed = 0, failed = 0;
    for (int i = 0; i < n; i++) {
        char base[256], path[300];
        snprintf(base, sizeof base, "%s/%.*s", dir, (int)strlen(names[i]->d_name) - 3, names[i]->d_name);
        size_t script_len, out_len, got_len;
        snprintf(path, sizeof path, "%s.sh", base);
        char *script = read_file(path, &script_len);
        snprintf(path, sizeof path, "%s.name", base);
        char *title = read_file(path, NULL);
        snprintf(path, sizeof path, "%s.out", base);
        char *want_out = read_file(path, &out_len);
        snprintf(path, sizeof path, "%s.status", base);
        char *want_status = read_file(path, NULL);
        snprintf(path, sizeof path, "%s.err", base);
        char *want_err = read_file(path, NULL);
        snprintf(path, sizeof path, "%s.in", base);
        int has_in = access(path, R_OK) == 0;
        if (!script || !title || !want_out || !want_status) {
            printf("not ok - %s: incomplete case files\n", base);
            failed++;
            continue;
        }
        title[strcspn(title, "\n")] = '\0';
        int status = run_case(script, script_len, has_in ? path : NULL);
        char *got_out = read_file("/tmp/psh.out", &got_len);
        char *got_err = read_file("/tmp/psh.err", NULL);
        int ok = status == atoi(want_status) && got_out && got_len == out_len &&
                 !memcmp(got_out, want_out, out_len) && (!want_err || (got_err && !strcmp(got_err, want_err)));
        printf("%s - %s\n", ok ? "ok" : "not ok", title);
        if (!ok) {
            printf("#   status: want %d, got %d\n", atoi(want_status), status);
            show("stdout", want_out, got_out ? got_out : "");
            if (want_err)
                show("stderr", want_err, got_err ? got_err : "");
            else if (got_err && *got_err)
                show("stderr (not compared)", "", got_err);
        }
        ok ? passed++ : failed++;
        free(script), free(title), free(want_out), free(want_status), free(want_err), free(got_out), free(got_err);
        free(names[i]);
    }
    free(names);
    tt_remove_tree(WORKDIR);
    printf("# %d passed, %d failed\n", passed, failed);
    return failed > 125 ? 125 : failed;
}
