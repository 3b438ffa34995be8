/*
 * exec_script.c - parsing a script's "#!" line the way Linux's
 * fs/binfmt_script.c does: only the first SCRIPT_LINE_MAX bytes count;
 * the interpreter is the first word after "#!" (spaces and tabs
 * skipped); everything after it, trailing blanks removed, is ONE
 * optional argument, spaces included ("#!/bin/sh -e -x" passes "-e -x").
 */
#include "proc/exec_script.h"
#include "lib/string.h"
#include "uapi/errno.h"

static int blank(char c)
{
    return c == ' ' || c == '\t';
}

int script_parse(const char *data, size_t size, char *line, const char **interp, const char **arg)
{
    if (size < 2 || data[0] != '#' || data[1] != '!')
        return -ENOEXEC;
    size_t n = size < SCRIPT_LINE_MAX ? size : SCRIPT_LINE_MAX;
    size_t end = 2;
    while (end < n && data[end] != '\n')
        end++;
    memcpy(line, data, end);
    line[end] = '\0';
    size_t i = 2;
    while (i < end && blank(line[i]))
        i++;
    size_t name = i;
    while (i < end && line[i] && !blank(line[i]))
        i++;
    if (i == name)
        return -ENOEXEC; /* "#!" and nothing after it */
    /* No newline within the buffer: Linux accepts the truncated line only
     * when the interpreter's name ended inside it. */
    if (end == n && n < size && data[end] != '\n' && i == end)
        return -ENOEXEC;
    while (end > i && blank(line[end - 1]))
        end--;
    line[end] = '\0';
    *interp = line + name;
    *arg = NULL;
    if (i < end) {
        line[i++] = '\0';
        while (i < end && blank(line[i]))
            i++;
        if (i < end && line[i])
            *arg = line + i;
    }
    return 0;
}
