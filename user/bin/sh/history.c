/* history.c - the commands typed this session, in memory only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

#define HISTORY_MAX 500

static char *lines[HISTORY_MAX];
static int count;   /* entries held */
static int first;   /* number of the oldest entry, minus one (for `history`) */

void history_add(const char *line)
{
    while (*line == ' ' || *line == '\t')
        line++;
    if (!*line || (count && strcmp(lines[count - 1], line) == 0))
        return; /* no blank lines, no immediate repeats */
    if (count == HISTORY_MAX) {
        free(lines[0]);
        memmove(lines, lines + 1, (HISTORY_MAX - 1) * sizeof *lines);
        count--;
        first++;
    }
    lines[count++] = xstrdup(line);
}

int history_count(void) { return count; }

int history_first(void) { return first; }

const char *history_get(int i) { return i >= 0 && i < count ? lines[i] : NULL; }

void history_print(void)
{
    for (int i = 0; i < count; i++)
        printf("%5d  %s\n", first + i + 1, lines[i]);
}
