/* elf_interp_test.c - execve of programs that name an ELF interpreter
 * (PT_INTERP): a working one (absolute and relative to the working
 * directory) runs and the program's own code does not; the bad ones fail
 * as Linux fails them: ENOENT (missing), EACCES (a directory, not
 * executable), ELIBBAD (not an ELF, another machine's, headers past its
 * end), EIO (shorter than an ELF header), ENOEXEC (PT_INTERP not
 * NUL-terminated, 1 byte, longer than PATH_MAX). The files are made here,
 * byte by byte. Differential: Linux is the oracle. */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tt.h"

#define DIR "/tmp/elf_interp_test"
#define CODE_OFF 0x200
#define INTERP_OFF 0x300

static unsigned char file[0x2000];

/* A one-segment ELF: code at CODE_OFF that calls exit_group(status),
 * loaded at base (ET_EXEC) or anywhere (ET_DYN, base 0); PT_INTERP's
 * bytes at INTERP_OFF if interp_len. Returns the file's size. */
static size_t build(int type, int machine, int status, const char *interp, size_t interp_len, size_t size)
{
    memset(file, 0, sizeof file);
    uint64_t base = type == ET_EXEC ? 0x400000 : 0;
    Elf64_Ehdr *eh = (Elf64_Ehdr *)file;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = type;
    eh->e_machine = machine;
    eh->e_version = EV_CURRENT;
    eh->e_entry = base + CODE_OFF;
    eh->e_phoff = sizeof *eh;
    eh->e_ehsize = sizeof *eh;
    eh->e_phentsize = sizeof(Elf64_Phdr);
    eh->e_phnum = interp_len ? 2 : 1;
    Elf64_Phdr *ph = (Elf64_Phdr *)(file + sizeof *eh);
    int n = 0;
    if (interp_len) {
        ph[n++] = (Elf64_Phdr){.p_type = PT_INTERP, .p_flags = PF_R, .p_offset = INTERP_OFF,
                                .p_vaddr = base + INTERP_OFF, .p_filesz = interp_len, .p_memsz = interp_len, .p_align = 1};
        memcpy(file + INTERP_OFF, interp, interp_len < strlen(interp) + 1 ? interp_len : strlen(interp) + 1);
    }
    ph[n] = (Elf64_Phdr){.p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0, .p_vaddr = base,
                          .p_filesz = size, .p_memsz = size, .p_align = 0x1000};
    /* mov $231, %eax; mov $status, %edi; syscall */
    unsigned char code[] = {0xb8, 0xe7, 0, 0, 0, 0xbf, (unsigned char)status, 0, 0, 0, 0x0f, 0x05};
    memcpy(file + CODE_OFF, code, sizeof code);
    return size;
}

static void save(const char *name, size_t size, mode_t mode)
{
    char path[128];
    snprintf(path, sizeof path, DIR "/%s", name);
    unlink(path);
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
    if (fd < 0 || write(fd, file, size) != (ssize_t)size)
        printf("cannot write %s\n", path);
    close(fd);
    chmod(path, mode);
}

static const char *errno_name(int e)
{
    switch (e) {
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case ENOEXEC: return "ENOEXEC";
    case ELIBBAD: return "ELIBBAD";
    case EIO: return "EIO";
    case EINVAL: return "EINVAL";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    default: return "another errno";
    }
}

/* Runs DIR/name in a child: "exit N" when it ran, or the errno execve gave. */
static void run(const char *what, const char *name)
{
    char path[128];
    snprintf(path, sizeof path, DIR "/%s", name);
    fflush(stdout);
    int report[2];
    pipe2(report, O_CLOEXEC); /* closed by a successful execve: nothing read */
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {path, NULL}, *envp[] = {NULL};
        execve(path, argv, envp);
        int e = errno;
        write(report[1], &e, sizeof e);
        _exit(99);
    }
    close(report[1]);
    int st, e;
    waitpid(pid, &st, 0);
    ssize_t got = read(report[0], &e, sizeof e);
    close(report[0]);
    if (got == sizeof e)
        printf("%s: execve fails, %s\n", what, errno_name(e));
    else if (WIFEXITED(st))
        printf("%s: runs, exit %d\n", what, WEXITSTATUS(st));
    else
        printf("%s: killed by signal %d\n", what, WTERMSIG(st));
}

int main(void)
{
    mkdir("/tmp", 01777);
    mkdir(DIR, 0755);
    CHECK_EQ(chdir(DIR), 0, "a fresh directory");
    /* The interpreter: a tiny ET_DYN whose code exits with 42. */
    save("interp", build(ET_DYN, EM_X86_64, 42, NULL, 0, 0x400), 0755);
    save("interp-no-x", build(ET_DYN, EM_X86_64, 42, NULL, 0, 0x400), 0644);
    save("interp-i386", build(ET_DYN, EM_386, 42, NULL, 0, 0x400), 0755);
    build(ET_DYN, EM_X86_64, 42, NULL, 0, 0x400);
    ((Elf64_Ehdr *)file)->e_phoff = 0x3f0; /* the program headers run past the end */
    save("interp-cut", 0x400, 0755);
    memcpy(file, "\177ELF\2\1\1", 7);
    save("interp-short", 10, 0755);
    memset(file, 0, sizeof file);
    memset(file, 'x', 99);
    file[99] = '\n';
    save("interp-text", 100, 0755);

    static const struct {
        const char *what, *name, *interp;
        size_t len; /* 0: strlen + 1 */
    } cases[] = {
        {"an absolute interpreter", "abs", DIR "/interp", 0},
        {"a relative interpreter (from the working directory)", "rel", "interp", 0},
        {"a missing interpreter", "missing", "/nonexistent/ld.so", 0},
        {"a directory as interpreter", "dir", "/tmp", 0},
        {"an interpreter without an execute bit", "nox", DIR "/interp-no-x", 0},
        {"a text file as interpreter", "text", DIR "/interp-text", 0},
        {"an interpreter of another machine", "i386", DIR "/interp-i386", 0},
        {"an interpreter whose headers run past its end", "cut", DIR "/interp-cut", 0},
        {"an interpreter shorter than an ELF header", "short", DIR "/interp-short", 0},
        {"PT_INTERP without its NUL", "nonul", DIR "/interp", sizeof(DIR "/interp") - 1},
        {"PT_INTERP of one byte", "onebyte", "/", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].interp) + 1;
        save(cases[i].name, build(ET_EXEC, EM_X86_64, 7, cases[i].interp, len, 0x400), 0755);
        run(cases[i].what, cases[i].name);
    }
    /* Longer than PATH_MAX: the bytes are in the file, the header says 5000. */
    char longname[5000];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    build(ET_EXEC, EM_X86_64, 7, "", 1, 0x2000);
    ((Elf64_Phdr *)(file + sizeof(Elf64_Ehdr)))[0].p_filesz = sizeof longname;
    memcpy(file + INTERP_OFF, longname, sizeof longname);
    save("long", 0x2000, 0755);
    run("PT_INTERP longer than PATH_MAX", "long");
    run("the interpreter run as a program", "interp");
    CHECK_EQ(chdir("/"), 0, "leave");
    return tt_done();
}
