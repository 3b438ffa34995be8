/* exec_script.h - the "#!" line of an interpreter script (Linux's
 * fs/binfmt_script.c): what execve runs instead of the script. */
#ifndef PROC_EXEC_SCRIPT_H
#define PROC_EXEC_SCRIPT_H

#include <stddef.h>

/* Linux reads only this much of a file to find the "#!" line. */
#define SCRIPT_LINE_MAX 256

/* Splits the first line of a script (data, size bytes) into the
 * interpreter path and its optional single argument, both copied
 * NUL-terminated into line (SCRIPT_LINE_MAX + 1 bytes); *arg is NULL
 * when there is none. Returns 0, or -ENOEXEC when data does not start
 * with "#!", names no interpreter, or the interpreter's name does not
 * end within the first SCRIPT_LINE_MAX bytes. */
int script_parse(const char *data, size_t size, char *line, const char **interp, const char **arg);

#endif
