/*
 * sh.h - the Tiny OS shell: the pieces and how they talk.
 *
 *   main.c       arguments, the read-parse-run loop for -c, scripts, stdin
 *   term.c       interactive line reading: raw mode + line_edit + history
 *   line_edit.c  the pure line editor (bytes in -> buffer + echo out)
 *   complete.c   tab completion's pure part: the word, escaping, columns
 *   completion.c tab completion: candidates (builtins, PATH, files), insertion
 *   startup.c    start-up files: /etc/profile and ~/.profile, $ENV or ~/.shrc
 *   prompt.c     PS1 and PS2: defaults, expansion before each display
 *   history.c    the in-memory command history
 *   lexer.c      text -> tokens (words keep their quotes; expand removes them)
 *   parse.c      tokens -> tree (list / and-or / pipeline / command)
 *   expand.c     words -> argv: the driver (quotes, ~, $(...), $((...)))
 *   expand.h     what expand.c, param.c, ifs.c and glob.c share (text + origin mask)
 *   param.c      parameter expansion: $NAME, special parameters, every ${...} form
 *   ifs.c        field splitting by IFS
 *   glob.c       the pattern matcher and pathname expansion
 *   arith.c      $((...)): C integer expressions with assignments
 *   subst.c      where a $((...)) or ${...} ends
 *   read.c getopts.c umask.c printf.c cd.c test.c   builtins of their own
 *   vars.c       shell variables, exported ones, positional parameters
 *   exec.c       running the tree: fork, exec, pipes, redirections, waiting
 *   jobs.c       the job table, job control, completion notices
 *   builtins.c   cd pwd exit export ... (run inside the shell when alone)
 *   options.c    set -e -x -o NAME ...: the option table, $-, `set`
 *   special.c    POSIX special builtins' rules (errors exit, assignments stay),
 *                eval exec readonly times; fatal errors (sh_special_error)
 *   trap.c       trap, signal names, pending traps run at safe points, EXIT
 *   util.c       small helpers: growable strings and vectors, the arena, EINTR-safe read/write
 *   case.c       running case ... esac (patterns through glob.c's matcher)
 *   func.c       shell functions: the table, calls, local, return
 *   lookup.c     command lookup (special builtin, function, builtin, PATH + hash), command/type/hash
 *   heredoc.c    here-documents: reading the body, feeding it through a pipe
 *   error.c      sh_error: every error message as "sh: LINE: ..." (dash's style)
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
/* read(2) again after EINTR; write(2) everything, again after EINTR
 * (false: an error or a closed reader). */
ssize_t read_retry(int fd, void *buf, size_t n);
bool write_all(int fd, const void *buf, size_t n);

/* --- dollar_quote.c ----------------------------------------------------- */
/* The closing ' of a $'...' whose text starts at s (after $'); NULL: none. */
const char *dollar_quote_end(const char *s);
/* The characters the escapes of $'...' text [s, end) stand for, into out. */
void dollar_quote_decode(const char *s, const char *end, struct str *out);

/* --- lexer.c ------------------------------------------------------------ */
enum tok_kind {
    T_WORD, T_NEWLINE, T_SEMI, T_AMP, T_AND, T_OR, T_PIPE, T_LPAREN, T_RPAREN,
    T_REDIR, T_EOF, T_DSEMI,
};
enum redir_kind { R_IN, R_OUT, R_APPEND, R_DUPOUT, R_DUPIN, R_RDWR, R_CLOBBER /* >| */, R_HEREDOC };
struct token {
    enum tok_kind kind;
    char *text;           /* T_WORD: the raw word (quotes kept); operators: as typed */
    int fd;               /* T_REDIR: the descriptor (-1: the default for the kind) */
    enum redir_kind redir;
    size_t start, end;    /* offsets in the source text (a newline's end: after here-doc bodies) */
    int line;             /* newlines in the text before start */
    bool strip_tabs;      /* T_REDIR R_HEREDOC: <<- */
    bool heredoc_quoted;  /* the delimiter word had quotes: no expansion in the body */
    char *heredoc;        /* R_HEREDOC: the body, read after the line's newline */
    struct alias_from *alias_from; /* made by expanding these aliases (no recursion) */
    bool alias_next;      /* after an alias whose value ends in a blank: may be one too */
};
struct alias_from {
    const char *name;
    struct alias_from *next;
};
enum lex_result { LEX_OK, LEX_INCOMPLETE, LEX_ERROR };
/* Splits text into tokens (arena-allocated, T_EOF last). `final`: no more
 * input will come, so a here-document open at the end ends there. On an
 * error (or incomplete text) the tokens before it are still returned, the
 * T_EOF standing where the error is. */
enum lex_result lex(struct arena *a, const char *text, bool final, struct token **toks, int *ntoks,
                    const char **err);

/* The closing ` of a `...` whose text starts at s; NULL: none (lexer.c). */
const char *backquote_end(const char *s);
/* The first `close` at or after s that no backslash escapes; NULL: none. */
const char *escaped_end(const char *s, char close);
/* The ')' closing a $( whose text starts at s (lexer.c); the first ')' of
 * the "))" ending a $(( whose text starts at s, NULL if none: then it is a
 * $( ( ... ) ) (subst.c). */
const char *subst_end(const char *s);
const char *arith_end(const char *s);
/* The '}' closing a ${ whose text starts at s (after "${"), nesting and quotes skipped (subst.c). */
const char *param_end(const char *s);
/* Is the ${...} from s (after "${") to close (its '}') a parameter expansion? (param.c) */
bool param_syntax_ok(const char *s, const char *close);

/* --- parse.c ------------------------------------------------------------ */
struct redir {
    int fd;
    enum redir_kind kind;
    char *word;           /* raw, expanded when applied (R_HEREDOC: the delimiter) */
    char *heredoc;        /* R_HEREDOC: the body */
    bool heredoc_quoted;  /* R_HEREDOC: the delimiter was quoted: the body stays literal */
    struct redir *next;
};
struct list;
enum node_kind { N_SIMPLE, N_IF, N_WHILE, N_UNTIL, N_FOR, N_GROUP, N_SUBSHELL, N_CASE, N_FUNCDEF };
struct case_item {
    char **pats;          /* raw patterns, expanded and matched in order */
    int npats;
    struct list *body;
};
struct node {
    enum node_kind kind;
    int line;             /* its first line ($LINENO while it runs) */
    struct case_item *items; /* CASE: words[0] is the subject */
    int nitems;
    struct node *func;    /* FUNCDEF: the body (var is the name) */
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
/* A text is parsed one complete command (up to a newline) at a time, and
 * each runs before the next is parsed, as in dash: an alias defined on one
 * line applies on the next, a syntax error on line 5 comes after lines
 * 1-4 ran. parse_begin lexes text (whose first line is line `line`, for
 * $LINENO); parse_next gives the next command list, NULL at the end. On
 * PARSE_ERROR (or PARSE_INCOMPLETE), errbuf holds the message ("Syntax
 * error: ...") and sh_lineno the line it is about. */
struct parser;
struct parser *parse_begin(struct arena *a, const char *text, int line, bool final, char *errbuf, size_t errlen);
enum parse_result parse_next(struct parser *p, struct list **out);
/* A reserved word (if, then, case, {, !, ...)? */
bool is_reserved_word(const char *w);

/* --- vars.c ------------------------------------------------------------- */
void vars_init(char **envp);
const char *var_get(const char *name);          /* NULL when unset */
/* -1 (message printed, sh_special_error) for a readonly variable */
int var_set(const char *name, const char *value, bool export_it);
void var_export(const char *name);
int var_unset(const char *name);          /* -1: readonly (message printed) */
bool var_name_ok(const char *s, size_t n);      /* [A-Za-z_][A-Za-z0-9_]* */
char **vars_environ(void);                      /* malloc'd envp of exported ones */
enum vars_which { VARS_ALL, VARS_EXPORTED, VARS_READONLY };
/* set / export -p / readonly -p: PREFIX NAME='value' lines, sorted, re-readable */
void vars_list(enum vars_which which, const char *prefix);
void var_set_readonly(const char *name);
void sh_print_quoted(const char *s);  /* 'it'"'"'s', as dash: what the shell reads back */
bool var_is_readonly(const char *name);
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
/* A simple command's words: expand_words, except that the NAME=value
 * arguments of export, readonly and local expand as assignments. */
void expand_command_words(char **raw, int n, struct strvec *out);
/* One word to one string: no field splitting, no globbing (redirections, case words). */
char *expand_one(const char *raw);
/* An unquoted here-document body: $ ` $(( )) expanded, \ special only before $ ` \ newline. */
char *expand_heredoc(const char *body);
/* An assignment's value: as expand_one, and ~ after each unquoted ':' too. */
char *expand_assign(const char *raw);
/* A pattern (case, ${x#p}): the text and a mask of the same length, 'q' where
 * a byte was quoted (matches itself only); for pattern_matches. */
char *expand_pattern(const char *raw, char **mask);
char *expand_pattern_span(const char *raw, const char *end, char **mask); /* [raw, end) */
bool pattern_matches(const char *pat, const char *mask, const char *s); /* mask NULL: all special */
/* An expansion failed (${x?}, bad substitution, arithmetic error): the message
 * is printed, a non-interactive shell has exited; an interactive one must not
 * run the command. The caller clears it. */
extern bool expand_error;
/* arith.c: evaluates an already expanded $((...)) text; NULL after an error (printed). */
char *arith_eval(const char *text);

/* --- case.c ------------------------------------------------------------- */
int run_case(struct node *nd);

/* --- exec.c ------------------------------------------------------------- */
int run_list(struct list *l);
/* Runs one command node in this shell: a compound one with its redirections. */
int run_node(struct node *nd);
/* Parses and runs a text (for -c, `.` and each complete chunk of input);
 * the status is left in last_status. Incomplete text (an open quote, a
 * trailing |) runs nothing and gives PARSE_INCOMPLETE unless `final`, when
 * it is a syntax error like any other (message printed, status 2). */
enum parse_result run_text(const char *text, bool final);
extern bool run_text_ran;              /* the last run_text had a command (eval of blanks: no) */
extern int sh_text_line;  /* the first line of run_text's next text (0: the current $LINENO) */
void exec_command_or_die(char **argv) __attribute__((noreturn));
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
bool jobs_finished(void);              /* non-blocking: a background job has ended (set -b) */
struct job *job_find(const char *spec); /* %N, %+, %%, PID, none: the latest; NULL if none */
int job_wait(struct job *j);           /* blocking (wait builtin); frees the job */
struct job *job_running(void);         /* a background job not stopped, or NULL */
void job_free(struct job *j);
void jobs_list(char mode, struct job *only); /* jobs [-l|-p] [%N]: mode 0, 'l' or 'p' */
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
void cwd_init(void);                        /* cd.c: PWD at start: kept when it names the current directory */
int builtin_printf(int argc, char **argv);  /* printf.c: the code of /bin/printf */

/* --- options.c --------------------------------------------------------- */
enum opt {
    OPT_ERREXIT, OPT_NOGLOB, OPT_IGNOREEOF, OPT_INTERACTIVE, OPT_MONITOR, OPT_NOEXEC,
    OPT_STDIN, OPT_XTRACE, OPT_VERBOSE, OPT_NOCLOBBER, OPT_ALLEXPORT, OPT_NOTIFY,
    OPT_NOUNSET, OPT_HASHALL, OPT_PIPEFAIL, NOPTS
};
extern bool shopt[NOPTS];
const char *options_letters(void);    /* $- */
/* Parses -abc +abc -o NAME +o NAME up to the first operand (*operand);
 * cmdline: the shell's own arguments (-c goes to *c_flag, -l to *l_flag,
 * -i and -s allowed). *ended: a `--` was seen. Returns 0, or 2 after
 * printing why. */
int options_parse(int argc, char **argv, bool cmdline, int *operand, bool *c_flag, bool *l_flag,
                  bool *ended);
int bi_set(int argc, char **argv);

/* --- special.c ---------------------------------------------------------- */
/* An error POSIX 2.8.1 makes fatal to a non-interactive shell (a special
 * builtin's): exits there (status st, EXIT trap run); an interactive
 * shell sets expand_error, as expand_fail does, and the command stops. */
int sh_special_error(int st);
extern int special_suppressed;        /* >0: under `command`, those errors are ordinary */
bool builtin_is_special(const char *name);
extern int errexit_ignored;           /* >0: in an if/while condition, && || left side, `!` */
void xtrace_print(struct strvec *assigns, struct strvec *argv); /* set -x */
int bi_eval(int argc, char **argv);
int bi_exec(int argc, char **argv);
int bi_export(int argc, char **argv);
int bi_readonly(int argc, char **argv);
int bi_times(int argc, char **argv);

/* --- trap.c ------------------------------------------------------------- */
void traps_init(void);                /* note the signals ignored on entry */
void traps_run_pending(void);         /* a safe point: run the actions of caught signals */
int trap_pending_signal(void);        /* a caught signal not yet handled, or 0 */
void traps_reset_subshell(void);      /* a subshell: caught -> default, ignored stay */
bool trap_ignored(int sig);           /* trap '' SIG */
void trap_run_exit(void);             /* the EXIT trap, once */
int signal_number(const char *s);     /* INT, SIGINT, int, 2 -> 2; -1 if none */
const char *signal_name(int sig);     /* 2 -> "INT"; NULL if none */
int bi_trap(int argc, char **argv);
int bi_kill(int argc, char **argv);
const char *builtin_name(size_t i);    /* the i-th builtin's name, NULL past the last */

/* --- history.c ---------------------------------------------------------- */
void history_add(const char *line);
int history_count(void);
int history_first(void);               /* entries dropped from the front (numbering) */
const char *history_get(int i);        /* 0 = oldest */
void history_print(void);

/* --- term.c ------------------------------------------------------------- */
/* Reads one line interactively (raw mode, editing, history). Returns 1 with
 * the line in *out (no newline), 0 on end of input, -1 when cancelled (^C). */
int term_readline(const char *prompt, struct str *out);
void term_save_mode(void);             /* remember the cooked settings */
void term_cooked(void);                /* put them back */

/* --- func.c ------------------------------------------------------------- */
/* A parse's arena, shared by the functions defined in it. */
struct arena_ref {
    struct arena a;
    int refs;
};
extern struct arena_ref *current_arena; /* of the tree running now (run_text) */
void arena_unref(struct arena_ref *r);   /* frees it with the last reference */
struct func;
struct func *func_lookup(const char *name);
const char *func_name(size_t i);       /* the i-th function's name, NULL past the last (completion) */
void func_define(const char *name, struct node *body); /* body lives in current_arena */
bool func_unset(const char *name);
struct node *func_body(struct func *f);
int func_call(struct func *f, struct strvec *argv);   /* argv[0] is the name */
int bi_local(int argc, char **argv);
int bi_return(int argc, char **argv);
extern int func_depth;                 /* calls running */
extern bool func_returning;            /* `return` ran: unwind to the call */

/* --- lookup.c ----------------------------------------------------------- */
/* What a command name is, in POSIX's order (special builtin, function,
 * builtin, PATH). Every caller uses find_command. */
enum cmd_kind { CMD_NONE, CMD_SPECIAL, CMD_FUNCTION, CMD_BUILTIN, CMD_PATH };
struct cmd {
    enum cmd_kind kind;
    builtin_fn fn;        /* SPECIAL, BUILTIN */
    struct func *func;    /* FUNCTION */
};
/* search_path: look the file up now (and remember it, `hash`). */
enum cmd_kind find_command(const char *name, struct cmd *c, bool search_path);
/* The executable file for name in path (NULL: $PATH, remembered); NULL
 * if none, *err ENOENT or EACCES (found but not executable). */
char *path_search(const char *name, const char *path, int *err);
int bi_type(int argc, char **argv);
int bi_command(int argc, char **argv);
int bi_hash(int argc, char **argv);
void hash_forget(void);                  /* PATH changed: forget remembered lookups */

/* --- alias.c ------------------------------------------------------------ */
const char *alias_get(const char *name);      /* NULL: no such alias */
const char *alias_name(size_t i);             /* the i-th alias's name, NULL past the last (completion) */
int bi_alias(int argc, char **argv);
int bi_unalias(int argc, char **argv);

/* --- heredoc.c ---------------------------------------------------------- */
/* The body of a here-document whose delimiter word is `word`, from
 * text[*pos] (the line after the operator's); *pos moves past the
 * delimiter line. False: the delimiter has not come yet (more input may). */
bool heredoc_read(struct arena *a, const char *text, size_t *pos, const char *word, bool strip, bool final,
                  char **body, bool *quoted);
/* A descriptor to read the (expanded unless quoted) body from; -1 on error. */
int heredoc_fd(const char *body, bool quoted);
/* Text left incomplete by an open here-document is complete at the
 * earliest with its delimiter line: a reader appending lines asks
 * heredoc_may_end(line) before parsing again (a long body would
 * otherwise be lexed again at every line). lex() resets it. */
bool heredoc_may_end(const char *line);
void heredoc_wait_reset(void);

/* --- error.c ------------------------------------------------------------ */
/* Prints "$0: LINE: <message>\n" on stderr (dash's style: `sh: 3: foo: not
 * found`); fmt is printf's, without the newline. */
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern int sh_lineno;                  /* $LINENO: the line of the command running now */

/* --- completion.c ------------------------------------------------------ */
struct line_edit;
/* Tab pressed (again: the key before was Tab too): completes the word
 * before the cursor or lists the choices, writing through put. */
void complete_line(struct line_edit *le, const char *prompt, bool again, void (*put)(const char *, size_t));

/* --- prompt.c ---------------------------------------------------------- */
void prompt_init(void);                /* PS1, PS2 defaults (interactive start) */
char *prompt_text(bool continuation);  /* PS1 or PS2, expanded: malloc'd */
/* A variable's value expanded as the text of "..." (dash's expandstr:
 * parameters, $(...), $((...)); quotes stay plain characters). */
char *expand_string(const char *value);

/* --- startup.c --------------------------------------------------------- */
void startup_login(void);              /* a login shell: /etc/profile, ~/.profile */
void startup_interactive(void);        /* $ENV (expanded), or ~/.shrc when ENV is unset */

/* --- main.c ------------------------------------------------------------- */
int source_file(const char *path, bool must_exist); /* `.`: returns status */
void sh_exit(int status) __attribute__((noreturn));

#endif
