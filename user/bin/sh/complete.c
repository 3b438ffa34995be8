/* complete.c - see complete.h. */
#include "complete.h"

#include <stdlib.h>
#include <string.h>

/* Words after which the next word is a command again (`if ls`, `! cmd`). */
static bool is_reserved(const char *w)
{
    static const char *const words[] = {"if", "then", "else", "elif", "while", "until", "do",
                                        "!", "{", "time", "exec", "command", NULL};
    for (int i = 0; words[i]; i++)
        if (strcmp(w, words[i]) == 0)
            return true;
    return false;
}

/* NAME=... before a command (`X=1 cmd`) leaves the command to come. */
static bool is_assignment(const char *w)
{
    if (!(*w == '_' || (*w >= 'A' && *w <= 'Z') || (*w >= 'a' && *w <= 'z')))
        return false;
    for (w++; *w && *w != '='; w++)
        if (!(*w == '_' || (*w >= 'A' && *w <= 'Z') || (*w >= 'a' && *w <= 'z') || (*w >= '0' && *w <= '9')))
            return false;
    return *w == '=';
}

static bool all_digits(const char *w)
{
    if (!*w)
        return false;
    for (; *w; w++)
        if (*w < '0' || *w > '9')
            return false;
    return true;
}

/* The scan's state between words. */
struct scan {
    bool in_word;
    bool cmd_next;      /* the next word is in command position */
    bool redir_next;    /* the next word is a redirection's target */
    bool word_is_cmd, word_is_redir;
    size_t len;
};

static void word_start(struct scan *s, struct cword *w, size_t at)
{
    if (s->in_word)
        return;
    s->in_word = true;
    w->start = at;
    s->len = 0;
    w->text[0] = '\0';
    s->word_is_cmd = s->cmd_next && !s->redir_next;
    s->word_is_redir = s->redir_next;
}

static void word_add(struct scan *s, struct cword *w, char c)
{
    if (s->len + 1 < sizeof w->text) {
        w->text[s->len++] = c;
        w->text[s->len] = '\0';
    }
}

/* A word ended: what does it make of the next one? `before_redir`: it
 * is directly followed by < or > (so `2>` names a descriptor, not a word). */
static void word_end(struct scan *s, struct cword *w, bool before_redir)
{
    if (!s->in_word)
        return;
    s->in_word = false;
    if (before_redir && all_digits(w->text))
        return;
    if (s->word_is_redir)
        s->redir_next = false;
    else if (s->cmd_next && !is_reserved(w->text) && !is_assignment(w->text))
        s->cmd_next = false;
}

void cword_find(const char *line, size_t cur, struct cword *w)
{
    struct scan s = {.cmd_next = true};
    w->quote = 0;
    w->start = 0;
    w->text[0] = '\0';
    for (size_t i = 0; i < cur; i++) {
        char c = line[i];
        if (w->quote == '\'') {
            if (c == '\'')
                w->quote = 0;
            else
                word_add(&s, w, c);
            continue;
        }
        if (w->quote == '"') {
            if (c == '"')
                w->quote = 0;
            else if (c == '\\' && i + 1 < cur && strchr("$`\"\\", line[i + 1]))
                word_add(&s, w, line[++i]);
            else
                word_add(&s, w, c);
            continue;
        }
        switch (c) {
        case '\\':
            word_start(&s, w, i);
            if (i + 1 < cur)
                word_add(&s, w, line[++i]);
            break;
        case '\'':
        case '"':
            word_start(&s, w, i);
            w->quote = c;
            break;
        case ' ':
        case '\t':
        case '\n':
            word_end(&s, w, false);
            break;
        case ';':
        case '&':
        case '|':
        case '(':
        case ')':
            word_end(&s, w, false);
            s.cmd_next = true;
            s.redir_next = false;
            break;
        case '<':
        case '>':
            word_end(&s, w, true);
            s.redir_next = true;
            break;
        default:
            word_start(&s, w, i);
            word_add(&s, w, c);
        }
    }
    if (!s.in_word) { /* the cursor starts a new, empty word */
        w->start = cur;
        w->text[0] = '\0';
        w->command = s.cmd_next && !s.redir_next;
    } else {
        w->command = s.word_is_cmd;
    }
}

size_t cword_escape(const char *s, char quote, char *out, size_t len, size_t cap)
{
    for (; *s; s++) {
        const char *add;
        char one[3] = {*s, 0, 0};
        char ctl[4] = {'\'', *s, '\'', 0};
        if (quote == '\'')
            add = *s == '\'' ? "'\\''" : one;  /* close, escaped quote, reopen */
        else if (!quote && (unsigned char)*s < 0x20)
            add = ctl; /* a backslash before a newline would join lines: quote it */
        else if (quote == '"' ? strchr("$`\"\\", *s) != NULL : strchr(" \\'\"$`&|;()<>*?[]#!{}", *s) != NULL)
            one[0] = '\\', one[1] = *s, add = one;
        else
            add = one;
        size_t n = strlen(add);
        if (len + n >= cap)
            break;
        memcpy(out + len, add, n);
        len += n;
    }
    if (len < cap)
        out[len] = '\0';
    return len;
}

size_t common_prefix(char *const *names, int n)
{
    if (n <= 0)
        return 0;
    size_t k = strlen(names[0]);
    for (int i = 1; i < n; i++) {
        size_t j = 0;
        while (j < k && names[i][j] == names[0][j])
            j++;
        k = j;
    }
    return k;
}

char *columns_text(char *const *names, int n, int width)
{
    size_t widest = 0;
    for (int i = 0; i < n; i++)
        if (strlen(names[i]) > widest)
            widest = strlen(names[i]);
    size_t colw = widest + 2;
    int cols = width > 0 ? (int)((size_t)width / colw) : 1;
    /* A row exactly as wide as the screen would wrap on its own and then
     * get a blank line from the newline: readline leaves a column out. */
    if (cols > 1 && (size_t)cols * colw == (size_t)width)
        cols--;
    if (cols < 1)
        cols = 1;
    int rows = n > 0 ? (n + cols - 1) / cols : 0;
    char *out = malloc((size_t)rows * ((size_t)cols * colw + 1) + 1);
    if (!out)
        return NULL;
    size_t len = 0;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            int i = c * rows + r;
            if (i >= n)
                break;
            size_t k = strlen(names[i]);
            memcpy(out + len, names[i], k);
            len += k;
            if (c + 1 < cols && i + rows < n) /* no padding after the row's last name */
                for (size_t p = k; p < colw; p++)
                    out[len++] = ' ';
        }
        out[len++] = '\n';
    }
    out[len] = '\0';
    return out;
}
