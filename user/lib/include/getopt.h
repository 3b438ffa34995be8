/* getopt.h - getopt_long (GNU): "--name", "--name=value", "--name value"
 * and unambiguous abbreviations, next to the short options of getopt. */
#ifndef _GETOPT_H
#define _GETOPT_H

#include <bits/getopt_core.h>

struct option {
    const char *name;
    int has_arg; /* no_argument, required_argument, optional_argument */
    int *flag;   /* NULL: getopt_long returns val; else *flag = val, returns 0 */
    int val;
};

#define no_argument 0
#define required_argument 1
#define optional_argument 2

int getopt_long(int argc, char *const argv[], const char *optstring, const struct option *longopts,
                int *longindex);

#endif
