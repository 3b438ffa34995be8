/* bits/getopt_core.h - getopt and its globals, shared by <unistd.h> and
 * <getopt.h> (the same split as glibc's). */
#ifndef _BITS_GETOPT_CORE_H
#define _BITS_GETOPT_CORE_H

extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);

#endif
