#!/bin/sh
# setup-deps.sh - make sure every tool the build, run and tests need is
# here. Quiet when all is present; otherwise installs the missing Debian
# packages (as root) or prints the exact command to run (not root).
#   setup-deps.sh         what make run / make test need
#   setup-deps.sh bench   that, and what make bench adds (gnuplot for the chart)
#   setup-deps.sh ltp     that, and what building LTP's syscall tests adds
#                         (tools/ltp_build.py): autoconf, automake (aclocal),
#                         m4 and pkg-config with its pkg.m4 macros
set -eu

# command:package pairs
NEEDED="qemu-system-x86_64:qemu-system-x86 grub-mkrescue:grub-common grub-file:grub-common
xorriso:xorriso mformat:mtools musl-gcc:musl-tools cpio:cpio gcc:gcc ld:binutils make:make
python3:python3 nm:binutils bash-static:bash-static zsh-static:zsh-static"
if [ "${1:-}" = bench ]; then
    NEEDED="$NEEDED gnuplot:gnuplot-nox"
fi
if [ "${1:-}" = ltp ]; then
    NEEDED="$NEEDED autoconf:autoconf autoheader:autoconf aclocal:automake automake:automake
m4:m4 pkg-config:pkgconf"
fi

missing=""
for pair in $NEEDED; do
    cmd=${pair%%:*}
    pkg=${pair#*:}
    if ! command -v "$cmd" >/dev/null 2>&1; then
        case " $missing " in *" $pkg "*) ;; *) missing="$missing $pkg" ;; esac
    fi
done
# Debian's own dynamically linked programs the tests run on Tiny OS and on
# the host (tests/suites/dynamic.py): by path, since a python3 or perl
# elsewhere on PATH is not the one meant. e2fsprogs (make run's disk
# image, the ext2 tests' checks) by path too: /usr/sbin is not on every
# user's PATH.
for pair in /usr/bin/python3.11:python3.11 /usr/bin/perl:perl /usr/bin/sqlite3:sqlite3 /usr/bin/tcc:tcc \
            /usr/bin/git:git /usr/bin/mawk:mawk /usr/bin/dash:dash /usr/include/stdio.h:libc6-dev /usr/bin/ps:procps \
            /usr/sbin/mke2fs:e2fsprogs /usr/sbin/e2fsck:e2fsprogs /usr/sbin/debugfs:e2fsprogs; do
    if [ ! -e "${pair%%:*}" ]; then
        missing="$missing ${pair#*:}"
    fi
done
# LTP's configure.ac refuses to be made without pkg-config's PKG_CHECK_* macros.
if [ "${1:-}" = ltp ] && [ ! -f /usr/share/aclocal/pkg.m4 ]; then
    missing="$missing pkgconf"
fi
# grub-mkrescue needs the BIOS (i386-pc) GRUB modules to make a bootable CD.
if [ ! -d /usr/lib/grub/i386-pc ]; then
    missing="$missing grub-pc-bin"
fi
# Static glibc programs for the tests need libc.a.
if [ ! -f /usr/lib/x86_64-linux-gnu/libc.a ]; then
    missing="$missing libc6-dev"
fi
# Debian's static BusyBox: a real static Linux program for the tests, and
# /usr/bin/busybox with its applets (vi, less, sed, awk ...) in the root file system.
if ! dpkg -s busybox-static >/dev/null 2>&1; then
    missing="$missing busybox-static"
fi
# The host unit tests use ASan/UBSan, which need their runtime libraries.
if ! ls /usr/lib/gcc/x86_64-linux-gnu/*/libasan.so >/dev/null 2>&1; then
    missing="$missing gcc"
fi

[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
    echo "Tiny OS needs these Debian packages:$missing" >&2
    echo "Install them as root with:" >&2
    echo "  apt-get update && $cmd" >&2
    exit 1
fi
echo "setup-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
$cmd >&2
