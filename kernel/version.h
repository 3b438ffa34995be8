/* version.h - the kernel's name and version, shown in the banner. */
#ifndef VERSION_H
#define VERSION_H

#define TINYOS_NAME "Tiny OS"
#define TINYOS_VERSION "0.1.0"

#endif
