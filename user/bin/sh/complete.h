/*
 * complete.h - the pure part of tab completion: which word the cursor is
 * on (and whether it names a command), how a chosen name is written back
 * into the line (escaped as the word is quoted), the longest common prefix
 * of the candidates, and their listing in columns. No I/O: the host tests
 * (tests/host/test_sh_complete.c) drive it directly; completion.c finds
 * the candidates (builtins, PATH, directories) and edits the line.
 */
#ifndef SH_COMPLETE_H
#define SH_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

#define CW_MAX 1024

/* The word under completion: the text from its start up to the cursor. */
struct cword {
    size_t start;       /* where the word begins in the line */
    bool command;       /* the first word of a simple command: complete a command name */
    char quote;         /* the quote still open at the cursor: '\'', '"' or 0 */
    char text[CW_MAX];  /* the word as the shell will see it: quotes and backslashes removed */
};

/* Finds the word that ends at `cur` in line[0..cur). */
void cword_find(const char *line, size_t cur, struct cword *w);

/* Appends s to out (at most cap bytes with the NUL), quoted for a word
 * whose open quote is `quote`: outside quotes every character special to
 * the shell gets a backslash; inside "..." only $ ` " \ do; inside '...'
 * nothing can be escaped and s goes in as it is. Returns the new length. */
size_t cword_escape(const char *s, char quote, char *out, size_t len, size_t cap);

/* Length of the longest common prefix of the n names. */
size_t common_prefix(char *const *names, int n);

/* The names in columns as readline lists them: sorted down the columns,
 * each column as wide as the longest name plus two spaces, as many
 * columns as fit in `width` (at least one), a newline after each row.
 * Returns malloc'd text (NULL when out of memory). */
char *columns_text(char *const *names, int n, int width);

#endif
