# SPDX-License-Identifier: GPL-2.0
# binfmt_tiny: build the patch series into a kernel, boot it in qemu and run
# its tests.  "make help" lists the targets; the work is in scripts/.
#
# Variables (make VAR=value):
#   ARCH=x86_64    the architecture to build, boot and test: x86_64, arm64
#                  or riscv64 (scripts/lib.sh: arch_vars, the table); its
#                  build directories are build/$(ARCH)/{y,m,n,fuzz,kselftest}
#   KDIR=/path     use this kernel tree instead of build/linux (make
#                  patches: make the series on its HEAD, or BASE=REV)
#   SIGNOFF=1      make patches: sign off with your git identity
#   TIMEOUT=300    seconds the guest may run before it counts as hung
#   BINFMT_TINY_CACHE=DIR  downloads, base tree, ccache, sparse
#                  (default ~/.cache/binfmt-tiny)
#   QEMU_ACCEL=tcg qemu accelerator (kvm hangs on some hosts)
#   JOBS=N         parallel kernel build jobs (default: nproc)
#   BENCH_ARGS=... make bench: tiny_bench options, e.g. "-r 3 -n 500"
#   BENCH_CLOCK=icount  make bench: qemu -icount shift=0, costs counted in
#                  guest instructions (default); tcg (wall clock) or kvm
#   BENCH_PROFILE=N     make bench: instead, a profile of the kernel over
#                  N spawns of each candidate (scripts/profile.sh)
#   SEED=N         make fuzz: the fuzzer's seed (default 0x7153a11d)
#   FUZZ_EXECS=N   make fuzz: at most N fuzzed execs (default 100000)
#   FUZZ_TIME=S    make fuzz: at most S seconds of fuzzing (default 1200)
#   FUZZ_OPTS=...  make fuzz: more tiny_fuzz options, e.g. "-p fuzz -j 1"
#   KUNIT_ARCHS=x86_64  make kunit: the architectures kunit.py runs on
#                  (x86_64, arm64, riscv64: qemu, TCG)

S := scripts
KUNIT_ARCHS ?= x86_64

# ARCH is the harness's (x86_64, arm64, riscv64), not the kernel's: the
# scripts read it from the environment and give every kernel make its own
# ARCH= and CROSS_COMPILE=, so it must not reach those makes through
# MAKEFLAGS.
MAKEOVERRIDES := $(filter-out ARCH=%,$(MAKEOVERRIDES))

# A kselftest build that fails (for one architecture, say) does not stop a
# boot: the guest reports the kselftests missing, and the run fails.
KSELFTESTS = $(S)/kselftest.sh || echo '  booting without the kselftests' >&2

.NOTPARALLEL:
.PHONY: all deps kernel patches apply build run shell check clean help bench fuzz kunit \
	build-y build-m build-n run-y run-m run-n shell-y shell-m shell-n

all: run-y

help:
	@echo 'binfmt_tiny: the tiny flat executable format for Linux, as a patch series'
	@echo
	@echo '  make            deps, kernel, build and run with BINFMT_TINY=y'
	@echo '  make check      everything CI verifies (.ci/run), on x86_64, arm64 and'
	@echo '                  riscv64; last line: N passed, N failed'
	@echo
	@echo '  ARCH=x86_64|arm64|riscv64 (default x86_64) selects the architecture of'
	@echo '  build, run, shell, bench and fuzz: build/ARCH/y, build/ARCH/m, ...'
	@echo
	@echo '  deps            install the Debian packages the harness needs'
	@echo '  patches         regenerate patches/ from series/ (SIGNOFF=1 to sign off)'
	@echo '                  with KDIR=...: on that git tree'"'"'s HEAD (or BASE=REV), its'
	@echo '                  base-commit, into build/kdir-patches'
	@echo '  kernel          prepare build/linux: Debian linux-source + patches/ (git am);'
	@echo '                  with KDIR=..., check that the series is applied there'
	@echo '  apply KDIR=...  apply patches/ to your kernel tree (git am or patch -p1)'
	@echo '  build           configure and build build/ARCH/y (also build-m, build-n)'
	@echo '  run             boot build/ARCH/y in qemu and run the tests (also run-m, run-n)'
	@echo '  shell           boot build/ARCH/y into a busybox shell, samples in /tiny'
	@echo '                  (also shell-m, shell-n; Ctrl-A X quits)'
	@echo '  bench           exec cost of tiny binaries against ELF, in the y guest,'
	@echo '                  in guest instructions (qemu -icount shift=0); the'
	@echo '                  report is kept in build/bench/bench-ARCH.txt'
	@echo '                  (BENCH_PROFILE=N: where the instructions go instead)'
	@echo '  fuzz            build the debug kernel (build/ARCH/fuzz: KASAN, UBSAN, KFENCE,'
	@echo '                  lockdep, kmemleak, fault injection), boot it with 2 vCPUs'
	@echo '                  and run tiny_fuzz (SEED, FUZZ_EXECS, FUZZ_TIME, FUZZ_OPTS)'
	@echo '  kunit           kunit.py run --kunitconfig=fs/tests under qemu on'
	@echo '                  KUNIT_ARCHS (default x86_64; also arm64, riscv64)'
	@echo '  clean           remove build/ (the download cache stays)'

deps:
	@$(S)/deps.sh

kernel: deps
	@$(S)/kernel.sh

patches:
	@$(S)/patches.sh

apply:
	@$(S)/kernel.sh apply

build: build-y
run: run-y
shell: shell-y

build-y build-m build-n: build-%: kernel
	@$(S)/build.sh $*
	@$(S)/kselftest.sh

run-y run-m run-n: run-%: kernel
	@$(S)/build.sh $*
	@$(KSELFTESTS)
	@$(S)/run.sh $*

shell-y shell-m shell-n: shell-%: kernel
	@$(S)/build.sh $*
	@$(KSELFTESTS)
	@$(S)/run.sh $* shell

bench: kernel
	@$(S)/build.sh y
	@$(KSELFTESTS)
	@$(S)/run.sh y bench

check:
	@$(S)/check.sh

kunit: kernel
	@KUNIT_ARCHS="$(KUNIT_ARCHS)" $(S)/gates.sh kunit

fuzz: kernel
	@$(S)/build.sh fuzz
	@$(KSELFTESTS)
	@$(S)/run.sh fuzz fuzz

clean:
	rm -rf build
