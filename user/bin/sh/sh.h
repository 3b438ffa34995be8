/*
 * sh.h - the Tiny OS shell: the pieces and how they talk.
 *
 *   main.c       arguments, the read-parse-run loop for -c, scripts, stdin
 *   term.c       interactive line reading: raw mode + line_edit + history
 *   line_edit.c  the pure line editor (bytes in -> buffer + echo out)
 *   history.c    the in-memory command history
 *   lexer.c      text -> tokens (words keep their quotes; expand removes them)
 *   parse.c      tokens -> tree (list / and-or / pipeline / command)
 *   expand.c     words -> argv: the driver (quotes, ~, $(...), $((...)))
 *   expand.h     what expand.c, param.c, ifs.c and glob.c share (text + origin mask)
 *   param.c      parameter expansion: $NAME, special parameters, every ${...} form
 *   ifs.c        field splitting by IFS
 *   glob.c       the pattern matcher and pathname expansion
 *   arith.c      $((...)): C integer expressions with assignments
 *   read.c getopts.c umask.c printf.c cd.c test.c   builtins of their own
 *   vars.c       shell variables, exported ones, positional parameters
 *   exec.c       running the tree: fork, exec, pipes, redirections, waiting
 *   jobs.c       the job table, job control, completion notices
 *   builtins.c   cd pwd exit export ... (run inside the shell when alone)
 *   util.c       small helpers: growable strings and vectors, the arena
 */
#ifndef SH_H
#define SH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* --- util.c ------------------------------------------------------------ */
struct str {
    char *s;       /* always NUL-terminated once anything was added */
    size_t len, cap;
};
void str_addc(struct str *b, char c);
void str_addn(struct str *b, const char *s, size_t n);
void str_adds(struct str *b, const char *s);
void str_free(struct str *b);
char *str_take(struct str *b); /* the malloc'd text ("" if empty); b is reset */

struct strvec {
    char **v;      /* NULL-terminated */
    int n, cap;
};
void vec_push(struct strvec *v, char *s); /* takes ownership of s */
void vec_free(struct strvec *v);

/* An arena: everything of one parse, freed at once. */
struct arena {
    struct arena_chunk *chunks;
};
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* --- lexer.c ------------------------------------------------------------ */
enum tok_kind {
    T_WORD, T_NEWLINE, T_SEMI, T_AMP, T_AND, T_OR, T_PIPE, T_LPAREN, T_RPAREN,
    T_REDIR, T_EOF,
};
enum redir_kind { R_IN, R_OUT, R_APPEND, R_DUPOUT, R_DUPIN, R_RDWR };
struct token {
    enum tok_kind kind;
    char *text;           /* T_WORD: the raw word (quotes kept); operators: as typed */
    int fd;               /* T_REDIR: the descriptor (-1: the default for the kind) */
    enum redir_kind redir;
    size_t start, end;    /* offsets in the source text */
};
enum lex_result { LEX_OK, LEX_INCOMPLETE, LEX_ERROR };
/* Splits text into tokens (arena-allocated, T_EOF last). */
enum lex_result lex(struct arena *a, const char *text, struct token **toks, int *ntoks, const char **err);

/* The ')' closing a $( whose text starts at s; the closing ` of a `...`. NULL: none. */
const char *subst_end(const char *s);
const char *backquote_end(const char *s);
/* The '}' closing a ${ whose text starts at s (after "${"), nesting and quotes skipped (param.c). */
const char *param_end(const char *s);
/* Is the ${...} from s (after "${") to close (its '}') a parameter expansion? (param.c) */
bool param_syntax_ok(const char *s, const char *close);

/* --- parse.c ------------------------------------------------------------ */
struct redir {
    int fd;
    enum redir_kind kind;
    char *word;           /* raw, expanded when applied */
    struct redir *next;
};
struct list;
enum node_kind { N_SIMPLE, N_IF, N_WHILE, N_UNTIL, N_FOR, N_GROUP, N_SUBSHELL };
struct node {
    enum node_kind kind;
    char **words;         /* SIMPLE: argv (raw); FOR: the list after `in` */
    int nwords;
    bool for_has_in;      /* FOR: `in` was given (else "$@") */
    char **assigns;       /* SIMPLE: NAME=value words before the command */
    int nassigns;
    struct redir *redirs;
    struct list *cond, *body, *els; /* IF/WHILE/UNTIL; FOR and groups use body */
    char *var;            /* FOR */
};
struct pipeline {
    struct node **cmds;
    int n;
    bool negate;
};
struct andor {
    struct pipeline **pipes;
    int *ops;             /* ops[i] joins pipes[i] and pipes[i+1]: T_AND or T_OR */
    int n;
};
struct item {
    struct andor *ao;
    bool background;
    char *text;           /* the source text, for job messages */
};
struct list {
    struct item *items;
    int n;
};
enum parse_result { PARSE_OK, PARSE_INCOMPLETE, PARSE_ERROR };
/* Parses a whole text. On PARSE_ERROR, errbuf holds the message. */
enum parse_result parse(struct arena *a, const char *text, struct list **out, char *errbuf, size_t errlen);

/* --- vars.c ------------------------------------------------------------- */
void vars_init(char **envp);
const char *var_get(const char *name);          /* NULL when unset */
int var_set(const char *name, const char *value, bool export_it);
void var_export(const char *name);
void var_unset(const char *name);
bool var_name_ok(const char *s, size_t n);      /* [A-Za-z_][A-Za-z0-9_]* */
char **vars_environ(void);                      /* malloc'd envp of exported ones */
void vars_print_exports(void);
extern char *sh_arg0;                           /* $0 */
extern char **sh_params;                        /* $1... (NULL-terminated) */
extern int sh_nparams;
void set_params(char **argv, int argc);         /* copies */
extern int last_status;                         /* $? */
extern pid_t shell_pid;                         /* $$ */
extern pid_t last_bg_pid;                       /* $! */

/* --- expand.c ----------------------------------------------------------- */
/* Expands raw words into fields (quote removal, variables, splitting, ~, globs). */
void expand_words(char **raw, int n, struct strvec *out);
/* One word to one string: no field splitting, no globbing (redirections, case words). */
char *expand_one(const char *raw);
/* An assignment's value: as expand_one, and ~ after each unquoted ':' too. */
char *expand_assign(const char *raw);
/* A pattern (case, ${x#p}): the text and a mask of the same length, 'q' where
 * a byte was quoted (matches itself only); for pattern_matches. */
char *expand_pattern(const char *raw, char **mask);
bool pattern_matches(const char *pat, const char *mask, const char *s); /* mask NULL: all special */
/* An expansion failed (${x?}, bad substitution, arithmetic error): the message
 * is printed, a non-interactive shell has exited; an interactive one must not
 * run the command. The caller clears it. */
extern bool expand_error;
/* arith.c: evaluates an already expanded $((...)) text; NULL after an error (printed). */
char *arith_eval(const char *text);

/* --- options (set) --------------------------------------------------------- */
extern bool opt_nounset;                   /* set -u */
const char *shell_option_letters(void);    /* $- without i */

/* --- exec.c ------------------------------------------------------------- */
int run_list(struct list *l);
/* Parses and runs a text (for -c, `.` and each complete chunk of input);
 * the status is left in last_status. Incomplete text (an open quote, a
 * trailing |) runs nothing and gives PARSE_INCOMPLETE unless `final`, when
 * it is a syntax error like any other (message printed, status 2). */
enum parse_result run_text(const char *text, bool final);
void exec_command_or_die(char **argv);
/* $(text): runs it in a child, returns its output without trailing newlines. */
char *command_output(const char *text); /* in a child: PATH search, exec, 127/126 */
extern bool interactive;
extern int loop_break, loop_continue;  /* pending break/continue levels */
extern int loop_depth;                 /* loops we are inside */

/* --- jobs.c ------------------------------------------------------------- */
enum job_state { JOB_RUNNING, JOB_STOPPED, JOB_DONE };
struct job {
    int id;                 /* %N; 0 = free slot */
    pid_t pgid;
    pid_t *pids;
    int *status;            /* raw wait status of each process */
    bool *done;
    int n;
    enum job_state state;
    char *text;
    bool foreground;
    struct job *next;
};
void jobs_init(void);
struct job *job_new(const char *text, bool foreground);
void job_add_pid(struct job *j, pid_t pid);
int job_wait_fg(struct job *j);        /* waits; returns the status, frees the job unless stopped */
void jobs_reap(bool notify);           /* non-blocking: notices before the prompt */
struct job *job_find(const char *spec); /* %N, %+, %%, PID, none: the latest; NULL if none */
int job_wait(struct job *j);           /* blocking (wait builtin); frees the job */
struct job *job_running(void);         /* a background job not stopped, or NULL */
void job_free(struct job *j);
void jobs_list(void);
int job_fg(struct job *j);
int job_bg(struct job *j);
int status_of(int raw);                /* wait status -> shell status (128+N if killed) */
void report_signal(int raw);           /* "Killed" ... for a process that died of a signal */
extern pid_t shell_pgid;
void term_give(pid_t pgid);            /* interactive: tcsetpgrp */
void term_take_back(void);             /* interactive: tcsetpgrp(shell), cooked mode */

/* --- builtins.c --------------------------------------------------------- */
typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn builtin_lookup(const char *name);
/* Builtins in files of their own: */
int builtin_test(int argc, char **argv);    /* test.c: test and [ */
int builtin_read(int argc, char **argv);    /* read.c */
int builtin_getopts(int argc, char **argv); /* getopts.c */
void getopts_optind_assigned(void);         /* getopts.c: OPTIND was set (vars.c calls it) */
int builtin_umask(int argc, char **argv);   /* umask.c */
int builtin_cd(int argc, char **argv);      /* cd.c: logical PWD, CDPATH, cd - */
int builtin_pwd(int argc, char **argv);     /* cd.c */
void cwd_init(void);                        /* cd.c: the logical directory from $PWD if right */
int builtin_printf(int argc, char **argv);  /* printf.c: the code of /bin/printf */

/* --- history.c ---------------------------------------------------------- */
void history_add(const char *line);
int history_count(void);
const char *history_get(int i);        /* 0 = oldest */
void history_print(void);

/* --- term.c ------------------------------------------------------------- */
/* Reads one line interactively (raw mode, editing, history). Returns 1 with
 * the line in *out (no newline), 0 on end of input, -1 when cancelled (^C). */
int term_readline(const char *prompt, struct str *out);
void term_save_mode(void);             /* remember the cooked settings */
void term_cooked(void);                /* put them back */

/* --- main.c ------------------------------------------------------------- */
int source_file(const char *path, bool must_exist); /* `.`: returns status */
void sh_exit(int status) __attribute__((noreturn));

#endif
