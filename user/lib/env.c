/*
 * env.c - the environment. environ starts as the kernel's array on the
 * stack; the first change copies it to the heap so it can grow. Strings
 * made by setenv are remembered so replacing or removing them frees them
 * (strings given to putenv belong to the caller).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **env_heap; /* environ's heap copy, once there is one */
static size_t env_cap;
static char **owned;    /* strings setenv allocated */
static size_t nowned, owned_cap;

static size_t env_count(void)
{
    size_t n = 0;
    while (environ && environ[n])
        n++;
    return n;
}

/* The index of NAME=... for a name of length len, or -1. */
static long find(const char *name, size_t len)
{
    for (size_t i = 0; environ && environ[i]; i++)
        if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
            return (long)i;
    return -1;
}

static int valid_name(const char *name)
{
    if (!name || !*name || strchr(name, '=')) {
        errno = EINVAL;
        return 0;
    }
    return 1;
}

char *getenv(const char *name)
{
    size_t len = strlen(name);
    long i = find(name, len);
    return i < 0 ? NULL : environ[i] + len + 1;
}

static void forget(char *s)
{
    for (size_t i = 0; i < nowned; i++) {
        if (owned[i] == s) {
            owned[i] = owned[--nowned];
            free(s);
            return;
        }
    }
}

static int remember(char *s)
{
    if (nowned == owned_cap) {
        size_t cap = owned_cap ? owned_cap * 2 : 16;
        char **n = realloc(owned, cap * sizeof *n);
        if (!n)
            return 0;
        owned = n;
        owned_cap = cap;
    }
    owned[nowned++] = s;
    return 1;
}

/* Makes room for one more entry in a heap-owned environ. */
static int make_room(void)
{
    size_t n = env_count();
    if (environ == env_heap && n + 2 <= env_cap)
        return 1;
    size_t cap = n + 2 > 16 ? (n + 2) * 2 : 16;
    char **e = malloc(cap * sizeof *e);
    if (!e)
        return 0;
    for (size_t i = 0; i < n; i++)
        e[i] = environ[i];
    e[n] = NULL;
    if (environ == env_heap)
        free(env_heap);
    environ = env_heap = e;
    env_cap = cap;
    return 1;
}

/* Puts the string s (NAME=value) in place of name's entry or at the end. */
static int install(char *s, size_t namelen)
{
    long i = find(s, namelen);
    if (i >= 0) {
        forget(environ[i]);
        environ[i] = s;
        return 0;
    }
    if (!make_room()) {
        errno = ENOMEM;
        return -1;
    }
    size_t n = env_count();
    environ[n] = s;
    environ[n + 1] = NULL;
    return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
    if (!valid_name(name))
        return -1;
    size_t nlen = strlen(name), vlen = strlen(value);
    if (!overwrite && find(name, nlen) >= 0)
        return 0;
    char *s = malloc(nlen + vlen + 2);
    if (!s || !remember(s)) {
        free(s);
        errno = ENOMEM;
        return -1;
    }
    memcpy(s, name, nlen);
    s[nlen] = '=';
    memcpy(s + nlen + 1, value, vlen + 1);
    return install(s, nlen);
}

int putenv(char *string)
{
    char *eq = strchr(string, '=');
    if (!eq)
        return unsetenv(string);
    return install(string, (size_t)(eq - string));
}

int unsetenv(const char *name)
{
    if (!valid_name(name))
        return -1;
    size_t len = strlen(name);
    long i;
    while ((i = find(name, len)) >= 0) {
        forget(environ[i]);
        for (size_t j = (size_t)i; environ[j]; j++)
            environ[j] = environ[j + 1];
    }
    return 0;
}

int clearenv(void)
{
    while (nowned)
        forget(owned[0]);
    free(env_heap);
    env_heap = NULL;
    env_cap = 0;
    environ = NULL;
    return 0;
}
