# Tiny OS build. `make help` lists the targets.
#
# The kernel is linked twice: the first link gives the symbol table that
# tools/gen-ksyms turns into the .ksyms section of the second, so panic
# backtraces print function names. .ksyms sits after .text and .rodata, so
# no function moves between the links (checked below).

BUILD    ?= build
CC       := gcc
LD       := ld
PYTHON   := python3
QEMU     := qemu-system-x86_64

# The kernel's stack protector (docs/random.md): a canary below the return
# address of every function with a local array or an address-taken local,
# checked against the global __stack_chk_guard (kernel/debug/stack_protector.c
# says why global and not %gs). STACK_PROTECTOR=-fno-stack-protector builds
# without, to measure its cost (remove build/kernel first: flags are not
# tracked, so objects built with the other setting would stay).
STACK_PROTECTOR ?= -fstack-protector-strong -mstack-protector-guard=global
KERNEL_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-builtin -nostdlib -mno-red-zone -mcmodel=kernel -mgeneral-regs-only \
	-fno-pic -fno-pie $(STACK_PROTECTOR) -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
	-fno-strict-aliasing -mno-mmx -mno-sse -mno-sse2 \
	-Ikernel -Iinclude -MMD -MP
KERNEL_LDFLAGS := -nostdlib -static -no-pie -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments

KERNEL_C   := $(shell find kernel -name '*.c' | sort)
KERNEL_S   := $(shell find kernel -name '*.S' | sort)
KERNEL_OBJ := $(KERNEL_C:%.c=$(BUILD)/%.o) $(KERNEL_S:%.S=$(BUILD)/%.o)

KERNEL := $(BUILD)/tinyos.elf
ISO    := $(BUILD)/tinyos.iso
# The root file system of `make run`: our programs (see "userland" below).
ROOTFS      := $(BUILD)/rootfs
ROOTFS_CPIO := $(BUILD)/rootfs.cpio

.PHONY: all kernel run run-now test debug debug-now iso clean deps host-tests user-tests help
all: kernel
kernel: $(KERNEL)

help:
	@echo "make run      build and boot Tiny OS in QEMU from $(DISK), kept between runs (Ctrl-A X quits;"
	@echo "              FRESH=1: a new disk image; DISK=: no disk, the initramfs only)"
	@echo "make test     build and run every test; last line: N passed, M failed"
	@echo "make debug    boot halted with a GDB stub; then: gdb -x $(BUILD)/gdbinit"
	@echo "make iso      build $(ISO), a GRUB (Multiboot 2) bootable CD image"
	@echo "make bench    micro-benchmarks on Tiny OS and on Linux in the same QEMU (deterministic, -icount)"
	@echo "make ltp      build LTP's system-call tests, run them on Tiny OS and Linux: docs/ltp.md"
	@echo "make fuzz     1,000 corrupted ext2 images mounted and walked on Tiny OS (SEED=N repeats a run): docs/ext2-fuzz.md"
	@echo "make clean    remove $(BUILD)/"
	@echo "tools/tinyos-run PROG [ARGS]   run a static Linux program on Tiny OS"

deps:
	@sh tools/setup-deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) -D__ASSEMBLER__ -c $< -o $@

$(BUILD)/ksyms-empty.S: tools/gen-ksyms
	@mkdir -p $(BUILD)
	$(PYTHON) tools/gen-ksyms < /dev/null > $@

$(BUILD)/ksyms.S: $(BUILD)/tinyos.pass1.elf tools/gen-ksyms
	nm -n --defined-only $< | $(PYTHON) tools/gen-ksyms > $@

$(BUILD)/ksyms%.o: $(BUILD)/ksyms%.S
	$(CC) -c $< -o $@

$(BUILD)/tinyos.pass1.elf: $(KERNEL_OBJ) $(BUILD)/ksyms-empty.o kernel/kernel.ld
	$(LD) $(KERNEL_LDFLAGS) -T kernel/kernel.ld -o $@ $(KERNEL_OBJ) $(BUILD)/ksyms-empty.o

$(KERNEL): $(KERNEL_OBJ) $(BUILD)/ksyms.o kernel/kernel.ld
	$(LD) $(KERNEL_LDFLAGS) -T kernel/kernel.ld -o $@ $(KERNEL_OBJ) $(BUILD)/ksyms.o
	@nm -n $(BUILD)/tinyos.pass1.elf | grep -i ' t ' > $(BUILD)/syms1.txt; \
	 nm -n $@ | grep -i ' t ' > $(BUILD)/syms2.txt; \
	 cmp -s $(BUILD)/syms1.txt $(BUILD)/syms2.txt || { echo "error: functions moved between links; backtraces would lie"; rm -f $@; exit 1; }

# --- running -------------------------------------------------------------
# The user-facing targets first make sure the tools are installed, then
# build (a sub-make, so nothing is built before the tools exist).
run: deps
	@$(MAKE) --no-print-directory run-now
# `make run` boots from a persistent disk (docs/disk.md): DISK, an ext2
# image tools/mkdisk makes from the root file system (build/rootfs) the
# first time and keeps afterwards, so what is written in Tiny OS is still
# there at the next `make run`. FRESH=1 makes a new image (losing what was
# written); DISK= (empty) boots from the initramfs as before, nothing kept.
# The kernel mounts the disk as / (root=/dev/vda); `reboot` boots again.
DISK      ?= $(BUILD)/disk.img
DISK_SIZE ?= 256M
FRESH     ?=
# HOST_FILES="/usr/bin/python3 /usr/lib/python3.11 ...": host programs and
# trees added to the root file system at their own paths, with the shared
# libraries they need (tools/mkinitrd --host-deps). Such a run boots from
# the initramfs they are packed in; the disk is still attached (/dev/vda:
# mount -t ext2 /dev/vda /mnt).
HOST_FILES ?=
RUN_CPIO := $(if $(strip $(HOST_FILES)),$(BUILD)/rootfs-host.cpio,$(ROOTFS_CPIO))
RUN_MEMORY := $(if $(strip $(HOST_FILES)),512M,128M)
RUN_DISK := $(if $(strip $(DISK)),--disk $(DISK))
RUN_ROOT := $(if $(strip $(HOST_FILES))$(if $(strip $(DISK)),,none),--initrd $(RUN_CPIO),--cmdline root=/dev/vda)
run-now: $(KERNEL) $(ROOTFS_CPIO)
	@if [ -n "$(strip $(HOST_FILES))" ]; then \
	    $(PYTHON) tools/mkinitrd -o $(RUN_CPIO) $(ROOTFS) --owners $(ROOTFS).owners $(foreach f,$(HOST_FILES),--host-deps $(f)) || exit 1; fi
	@if [ -n "$(strip $(DISK))" ]; then \
	    if [ -n "$(FRESH)" ] || [ ! -f "$(DISK)" ]; then \
	        $(PYTHON) tools/mkdisk --size $(DISK_SIZE) $(ROOTFS) $(DISK) || exit 1; \
	    elif [ -n "$$(find $(ROOTFS) -newer $(DISK) -type f | head -1)" ]; then \
	        echo "note: $(DISK) holds older programs than $(ROOTFS); make run FRESH=1 makes a new disk (losing its files)"; \
	    fi; fi
	@echo "Booting Tiny OS$(if $(strip $(DISK)), from $(DISK)). Ctrl-A X quits QEMU, Ctrl-A C toggles the QEMU monitor."
	@# QEMU's status 1 is the kernel's clean power-off (isa-debug-exit, EXIT_OK): not an error.
	$(PYTHON) tools/qemu-boot --interactive --reboot --memory $(RUN_MEMORY) $(RUN_ROOT) $(RUN_DISK) $(KERNEL) -- $(QEMU_ARGS); \
	    status=$$?; [ $$status -eq 0 ] || [ $$status -eq 1 ]

debug: deps
	@$(MAKE) --no-print-directory debug-now
debug-now: $(KERNEL) $(ROOTFS_CPIO)
	@printf 'file %s\ntarget remote localhost:1234\nbreak kmain\ncontinue\n' $(abspath $(KERNEL)) > $(BUILD)/gdbinit
	@echo "QEMU waits for GDB on localhost:1234. In another terminal: gdb -x $(BUILD)/gdbinit"
	$(PYTHON) tools/qemu-boot --interactive --gdb --initrd $(ROOTFS_CPIO) $(KERNEL) -- $(QEMU_ARGS)

# --- ISO (GRUB, Multiboot 2) --------------------------------------------
iso: deps
	@$(MAKE) --no-print-directory $(ISO)
$(ISO): $(KERNEL) $(ROOTFS_CPIO) tools/grub.cfg
	@rm -rf $(BUILD)/isodir && mkdir -p $(BUILD)/isodir/boot/grub
	cp $(KERNEL) $(BUILD)/isodir/boot/tinyos.elf
	cp $(ROOTFS_CPIO) $(BUILD)/isodir/boot/rootfs.cpio
	cp tools/grub.cfg $(BUILD)/isodir/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(BUILD)/isodir 2> $(BUILD)/grub-mkrescue.log || { cat $(BUILD)/grub-mkrescue.log; exit 1; }

# --- tests ---------------------------------------------------------------
HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -fsanitize=address,undefined -fno-sanitize-recover=all \
	-Ikernel -Iinclude -Itests/host
HOST_TESTS := $(patsubst tests/host/%.c,$(BUILD)/host/%,$(wildcard tests/host/test_*.c))

host-tests: $(HOST_TESTS)

# User-space test programs: static Linux executables, run on Tiny OS and,
# where Linux defines the result, on the host too (tests/user_tests.py).
USER_CC     := musl-gcc
USER_CFLAGS := -static -O2 -g -Wall -Wextra -Werror -fno-strict-aliasing
USER_TESTS  := $(patsubst user/tests/%.c,$(BUILD)/user/tests/%,$(wildcard user/tests/*.c))
# BusyBox's applets as /bin/NAME links in a root for tinyos-run --initrd-extra.
BUSYBOX_APPLETS := sh ash cat echo ls wc sort head tail seq mkdir rm cp mv grep sed tr uniq cut printf test expr \
	true false sleep env basename dirname touch od find xargs tee yes
# The "real_*" programs are also built with glibc (gcc -static): the other
# C library real programs come with.
USER_GLIBC_TESTS := $(patsubst user/tests/%.c,$(BUILD)/user/tests/%.glibc,$(wildcard user/tests/real_*.c user/tests/threads_test.c))
$(BUILD)/user/tests/%.glibc: user/tests/%.c
	@mkdir -p $(dir $@)
	$(CC) -static -O2 -Wall -Wextra -Werror -pthread $< -o $@ -lm

user-tests: $(USER_TESTS) $(USER_GLIBC_TESTS) $(BUILD)/user/bad-elfs/bad/empty $(BUILD)/user/busybox-root/bin/sh \
	$(BUILD)/user/tests/dyn_needs_lib $(BUILD)/user/tests/aslr_test.spie $(BUILD)/user/tests/aslr_test.dyn \
	$(BUILD)/posix-sh/posix-sh/.done
# The POSIX shell conformance cases with dash's answers, for Tiny OS's
# user/tests/sh_cases (tests/posix-sh/run says how).
$(BUILD)/posix-sh/posix-sh/.done: $(wildcard tests/posix-sh/*.sh) tests/posix-sh/run
	$(PYTHON) tests/posix-sh/run --expected $(dir $@)
	@touch $@
# The ASLR test's probe built as the two other kinds of program: a glibc
# static-pie (loaded in the mmap area) and a dynamic PIE (loaded at
# ELF_ET_DYN_BASE plus the random offset, beside ld.so).
$(BUILD)/user/tests/aslr_test.spie: user/tests/aslr_test.c user/tests/tt.h
	@mkdir -p $(dir $@)
	$(CC) -static-pie -fPIE -O2 -Wall -Wextra -Werror $< -o $@
$(BUILD)/user/tests/aslr_test.dyn: user/tests/aslr_test.c user/tests/tt.h
	@mkdir -p $(dir $@)
	$(CC) -pie -fPIE -O2 -Wall -Wextra -Werror $< -o $@
# A dynamically linked glibc program whose library is installed nowhere
# (user/tests/dyn): the dynamic linker's "cannot open shared object file".
$(BUILD)/user/tests/libtinydyn.so: user/tests/dyn/tinydyn.c
	@mkdir -p $(dir $@)
	$(CC) -shared -fPIC -O2 -Wall -Wextra -Werror $< -o $@
$(BUILD)/user/tests/dyn_needs_lib: user/tests/dyn/needs_lib.c $(BUILD)/user/tests/libtinydyn.so
	$(CC) -O2 -Wall -Wextra -Werror $< -o $@ -L$(BUILD)/user/tests -ltinydyn
$(BUILD)/user/busybox-root/bin/sh: Makefile
	@mkdir -p $(dir $@)
	@for a in $(BUSYBOX_APPLETS); do ln -sf busybox $(dir $@)$$a; done
$(BUILD)/user/bad-elfs/bad/empty: $(BUILD)/user/tests/hello tests/make-bad-elfs
	$(PYTHON) tests/make-bad-elfs $< $(BUILD)/user/bad-elfs
$(BUILD)/user/tests/%: user/tests/%.c user/tests/tt.h
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $< -o $@ -lm
$(BUILD)/host/%: tests/host/%.c tests/host/unit.h
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -MMD -MP $< -o $@

# --- userland: our C library (user/lib) and programs (user/bin) ---------
# Everything in user/ is built against user/lib/include only (plus
# include/uapi for the Linux ABI facts): no host headers, no host libc.
# The result is ordinary static Linux executables.
TINYC_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -fno-strict-aliasing -fno-pie \
	-fno-stack-protector -fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections \
	-nostdinc -Iuser/lib/include -Iinclude -MMD -MP
# The library itself must not have gcc turn its loops back into calls of
# the very functions they implement (memset, memcpy).
TINYC_LIB_CFLAGS := $(TINYC_CFLAGS) -ffreestanding -fno-tree-loop-distribute-patterns
# noseparate-code: text and read-only data share one R+X segment (still W^X),
# which saves a page or two per program.
TINYC_LDFLAGS := -static -nostdlib -no-pie -Wl,--gc-sections -Wl,-z,noexecstack -Wl,-z,noseparate-code
LIBC_SRC := $(sort $(wildcard user/lib/*.c))
LIBC_ASM := $(sort $(wildcard user/lib/*.S))
LIBC_OBJ := $(LIBC_SRC:%.c=$(BUILD)/%.o) $(filter-out $(BUILD)/user/lib/crt0.o,$(LIBC_ASM:%.S=$(BUILD)/%.o))
LIBC     := $(BUILD)/user/lib/libtinyc.a
CRT0     := $(BUILD)/user/lib/crt0.o
# A program is user/bin/NAME.c, or a directory user/bin/NAME/ of .c files.
BIN_SINGLE := $(patsubst user/bin/%.c,%,$(wildcard user/bin/*.c))
BIN_DIRS   := $(patsubst user/bin/%/,%,$(sort $(dir $(wildcard user/bin/*/*.c))))
BINS       := $(addprefix $(BUILD)/user/bin/,$(BIN_SINGLE) $(BIN_DIRS))
# Programs that test the C library: built with it, and with the host's
# glibc (NAME.glibc) whose output on the host is the reference.
LIBC_TESTS := $(patsubst user/libc-tests/%.c,$(BUILD)/user/libc-tests/%,$(wildcard user/libc-tests/*.c))

$(BUILD)/user/lib/%.o: user/lib/%.c
	@mkdir -p $(dir $@)
	$(CC) $(TINYC_LIB_CFLAGS) -c $< -o $@
$(BUILD)/user/lib/%.o: user/lib/%.S
	@mkdir -p $(dir $@)
	$(CC) $(TINYC_LIB_CFLAGS) -D__ASSEMBLER__ -c $< -o $@
$(LIBC): $(LIBC_OBJ)
	@rm -f $@
	ar rcs $@ $^
# Objects live under build/user/obj/, apart from the programs (a program
# directory's name is also its binary's name).
$(BUILD)/user/obj/%.o: user/bin/%.c
	@mkdir -p $(dir $@)
	$(CC) $(TINYC_CFLAGS) -c $< -o $@
$(BUILD)/user/libc-tests/%.o: user/libc-tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(TINYC_CFLAGS) -c $< -o $@
# Link: crt0 first, the program, then the library (and libgcc for the odd
# helper gcc may call).
TINYC_LINK = $(CC) $(TINYC_LDFLAGS) -o $@ $(CRT0) $(filter-out $(CRT0),$(filter %.o,$^)) $(LIBC) -lgcc
$(BUILD)/user/bin/%: $(BUILD)/user/obj/%.o $(LIBC) $(CRT0)
	@mkdir -p $(dir $@)
	$(TINYC_LINK)
.SECONDEXPANSION:
$(addprefix $(BUILD)/user/bin/,$(BIN_DIRS)): $$(patsubst user/bin/%.c,$(BUILD)/user/obj/%.o,$$(wildcard user/bin/$$(notdir $$@)/*.c)) $(LIBC) $(CRT0)
	@mkdir -p $(dir $@)
	$(TINYC_LINK)
$(BUILD)/user/libc-tests/%: $(BUILD)/user/libc-tests/%.o $(LIBC) $(CRT0)
	$(TINYC_LINK)
$(BUILD)/user/libc-tests/%.glibc: user/libc-tests/%.c
	@mkdir -p $(dir $@)
	$(CC) -static -O2 -w $< -o $@

# The root file system `make run` boots: every program (stripped) in /bin, init in
# /sbin, nologin in /usr/sbin, the files of user/rootfs (/etc ...), packed by tools/mkinitrd.
# Modes are set here, whatever the builder's umask: /tmp is sticky and
# writable by all (1777), /root private (0700). Owners other than root
# (/home/user) are in user/rootfs.owners, copied beside the tree as
# build/rootfs.owners for tools/mkdisk and tools/tinyos-run.
$(ROOTFS_CPIO): $(BINS) tools/mkinitrd Makefile user/rootfs.owners $(shell find user/rootfs -type f 2>/dev/null)
	@rm -rf $(ROOTFS) && mkdir -p $(ROOTFS)/bin $(ROOTFS)/sbin $(ROOTFS)/tmp $(ROOTFS)/home/user $(ROOTFS)/root
	@chmod 1777 $(ROOTFS)/tmp && chmod 0700 $(ROOTFS)/root && chmod 0755 $(ROOTFS)/home $(ROOTFS)/home/user
	@# Stripped copies: the debug info stays in build/user/bin for gdb.
	for b in $(BINS); do strip -o $(ROOTFS)/bin/$$(basename $$b) $$b || exit 1; done
	@if [ -f $(ROOTFS)/bin/init ]; then mv $(ROOTFS)/bin/init $(ROOTFS)/sbin/init; fi
	@# nologin where Debian's /etc/passwd names it (nobody's shell)
	@mkdir -p $(ROOTFS)/usr/sbin && mv $(ROOTFS)/bin/nologin $(ROOTFS)/usr/sbin/nologin
	@if [ -d user/rootfs ]; then cp -R user/rootfs/. $(ROOTFS)/; fi
	cp user/rootfs.owners $(ROOTFS).owners
	$(PYTHON) tools/mkinitrd -o $@ $(ROOTFS) --owners $(ROOTFS).owners

.PHONY: userland
userland: $(LIBC) $(CRT0) $(BINS) $(LIBC_TESTS) $(LIBC_TESTS:=.glibc) $(ROOTFS_CPIO)

-include $(LIBC_OBJ:.o=.d) $(shell find $(BUILD)/user/obj -name '*.d' 2>/dev/null)

test: deps
	@$(MAKE) --no-print-directory -j2 $(KERNEL) $(ISO) host-tests user-tests userland bench-programs
	-$(PYTHON) tools/ltp --build $(BUILD) must-pass --build-only
	$(PYTHON) tests/run-tests --build $(BUILD)

# The Linux Test Project's system-call tests (docs/ltp.md): LTP's source
# from $(LTP_SRC) or ../shared/ltp, built once into build/ltp
# (tools/ltp_build.py), run on Tiny OS and on Debian's Linux in QEMU
# (tools/ltp), results in tests/ltp/results.json and docs/ltp.md.
.PHONY: ltp
ltp: deps
	@$(MAKE) --no-print-directory -j2 $(KERNEL)
	$(PYTHON) tools/ltp_build.py --build $(BUILD)
	$(PYTHON) tools/bench-linux-setup --build $(BUILD)
	$(PYTHON) tools/ltp --build $(BUILD) run
	$(PYTHON) tools/ltp --build $(BUILD) report

# The ext2 fuzzer (docs/ext2-fuzz.md): 1,000 mutated images, several per
# boot; make test runs a fixed-seed slice of it (tests/suites/ext2_fuzz.py).
FUZZ_COUNT ?= 1000
SEED ?=
.PHONY: fuzz
fuzz: deps
	@$(MAKE) --no-print-directory $(KERNEL) $(BUILD)/user/tests/ext2_fuzz
	$(PYTHON) tools/ext2-fuzz --build $(BUILD) --count $(FUZZ_COUNT) $(if $(SEED),--seed $(SEED))

clean:
	rm -rf $(BUILD)

-include $(KERNEL_OBJ:.o=.d) $(HOST_TESTS:=.d)

# --- benchmarks (DESIGN.md section 6) -----------------------------------
# bench/bench.c runs on Tiny OS and on Linux (Debian's kernel image, fetched
# but not installed by tools/bench-linux-setup), both in QEMU with -icount,
# so the TSC ticks are deterministic; tools/bench prints the table and
# writes bench/results/latest.json, bench/results/ratios.png and
# docs/performance.md. Separate from `make test` (which only runs
# tests/suites/bench.py, every benchmark once with tiny counts on Tiny OS).
BENCH_BIN  := $(BUILD)/bench/bench
BENCH_TINY := $(BUILD)/bench/root/bin/tiny
.PHONY: bench bench-now bench-programs
bench:
	@sh tools/setup-deps.sh bench
	@$(MAKE) --no-print-directory bench-now
bench-now: $(KERNEL) bench-programs $(ROOTFS_CPIO)
	$(PYTHON) tools/bench-linux-setup --build $(BUILD)
	$(PYTHON) tools/bench --build $(BUILD)
bench-programs: $(BENCH_BIN) $(BENCH_TINY) $(BUILD)/bench/root/bin/busybox
# The 2 MB static program fork-exec-busybox executes (Debian's busybox-static).
$(BUILD)/bench/root/bin/busybox: /bin/busybox
	@mkdir -p $(dir $@)
	cp /bin/busybox $@
# -e bench_entry: the program's first instructions read the TSC ("ticks to
# PID 1"), before musl's start-up code.
$(BENCH_BIN): bench/bench.c
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -Wl,-e,bench_entry $< -o $@ -lm
# The program fork-exec-wait execs: exit_group(0), no C library.
$(BENCH_TINY): bench/tiny.c
	@mkdir -p $(dir $@)
	$(CC) -static -nostdlib -no-pie -O2 -Wall -Wextra -Werror -Wl,--build-id=none $< -o $@
