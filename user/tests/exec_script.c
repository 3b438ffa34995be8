/*
 * exec_script.c - execve of "#!" interpreter scripts (execve(2),
 * "Interpreter scripts"; Linux's fs/binfmt_script.c). Found running
 * bash-static: Tiny OS returned ENOEXEC for every script, so bash ran
 * them itself, "#!/bin/bash -e" lost its -e and a missing interpreter
 * went unreported (Linux: ENOENT). This program is its own interpreter:
 * run with "--interp..." as argv[1] it prints the arguments it got.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>

#include "tt.h"

#define DIR "/tmp/exec-script-test"

static const char *self;

static void put_script(const char *name, const char *text, int mode)
{
    char path[128];
    snprintf(path, sizeof path, DIR "/%s", name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        printf("cannot write %s\n", path);
    close(fd);
}

/* Runs path with args a, b; prints what the interpreter received and
 * how it ended, or execve's errno. */
static void run(const char *what, const char *path)
{
    printf("%s:\n", what);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {"argv0", "a", "b", NULL};
        execv(path, argv);
        printf("  execve: %s\n", strerror(errno));
        fflush(stdout);
        _exit(99);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("  status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

int main(int argc, char **argv)
{
    self = (const char *)getauxval(AT_EXECFN);
    if (argc > 1 && strncmp(argv[1], "--interp", 8) == 0) {
        /* argv[0] is the interpreter's path (this program, wherever it
         * lies: not printed); AT_EXECFN names the script. */
        printf("  AT_EXECFN is argv[%d]\n", strcmp(self, argv[argc - 3]) == 0 ? argc - 3 : -1);
        for (int i = 1; i < argc; i++)
            printf("  argv[%d] = \"%s\"\n", i, argv[i]);
        return 7;
    }
    mkdir(DIR, 0755);
    char text[512];
    snprintf(text, sizeof text, "#!%s --interp\necho not run\n", self);
    put_script("plain", text, 0755);
    snprintf(text, sizeof text, "#!  %s\t --interp  one  two \t \nrest\n", self);
    put_script("spaces", text, 0755);
    snprintf(text, sizeof text, "#!%s --interp", self);
    put_script("no-newline", text, 0755);
    put_script("nested", "#!" DIR "/plain\n", 0755);
    put_script("missing", "#!/nonexistent/interpreter\n", 0755);
    put_script("empty", "#!  \n", 0755);
    put_script("loop", "#!" DIR "/loop\n", 0755);
    put_script("not-executable", text, 0644);
    char longline[400] = "#!";
    memset(longline + 2, 'x', 300);
    longline[302] = '\0';
    put_script("long", longline, 0755);

    run("plain", DIR "/plain");
    run("blanks around the one optional argument", DIR "/spaces");
    run("no newline", DIR "/no-newline");
    run("a script as interpreter", DIR "/nested");
    run("missing interpreter", DIR "/missing");
    run("no interpreter named", DIR "/empty");
    run("interpreter loop", DIR "/loop");
    run("not executable", DIR "/not-executable");
    run("interpreter name past 256 bytes", DIR "/long");
    const char *names[] = {"plain", "spaces", "no-newline", "nested", "missing", "empty", "loop", "not-executable", "long"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, DIR "/%s", names[i]);
        unlink(path);
    }
    rmdir(DIR);
    return 0;
}
