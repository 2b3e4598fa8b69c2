#!/bin/sh
# make check: everything CI verifies, on every architecture of the harness
# (lib.sh ARCHS: x86_64, arm64, riscv64).  Each step is one counted check,
# printed as "ok NAME" or "FAIL NAME: reason" (its output is kept in
# build/check/NAME.log and shown when it fails); the test cases of the
# guest runs (KUnit, kselftests, the guest's own checks) are counted too.
# The last line is "N passed, N failed, N skipped"; exit 1 on any failure.
set -u

. "$(dirname "$0")/lib.sh"

s=$ROOT/scripts
export QUIET=1
# A guest run that passed on the same inputs is not repeated (run.sh)
export RUN_MEMO=1
pass=0 fail=0 skip=0
rm -rf "$BDIR/check"
mkdir -p "$BDIR/check"

# step NAME COMMAND...: a counted check; the output is shown on failure.
step() {
	if out=$(gate "$@"); then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		sed 's/^/  | /' "$BDIR/check/$1.log" | tail -n 60
	fi
	echo "$out"
	case $out in ok*) return 0 ;; *) return 1 ;; esac
}

# blocked NAME WHY: a check that cannot run because an earlier one failed.
blocked() {
	fail=$((fail + 1))
	echo "FAIL $1: not run, $2 failed"
}

# Fails when patches/ differs from what make patches generates now.
patches_up_to_date() {
	fresh=$BDIR/check/patches
	PATCHES=$fresh "$s/patches.sh" || return 1
	diff -r -u "$PATCHES" "$fresh" >"$BDIR/check/patches.diff" || {
		head -n 40 "$BDIR/check/patches.diff"
		echo "patches/ is stale: run make patches (diff: build/check/patches.diff)"
		return 1
	}
}

# A short fuzz run on build/ARCH/m, with that architecture's hostile-code
# templates (arm64 and riscv64: x86_64's is in the debug kernel's run).
fuzz_short() {
	FUZZ_TIME=30 FUZZ_OPTS="-p fuzz,conc -C 5" ARCH=$1 "$s/run.sh" m fuzz
}

# The debug kernel (build/x86_64/fuzz: scripts/debug.config, KASAN, UBSAN,
# KFENCE, DEBUG_VM, lockdep, kmemleak, fault injection, gcov of the
# loader) with BINFMT_TINY=m: KUnit at insmod, every kselftest, 30 s of
# fuzzing, fail-nth on the good samples, module unload/load against
# execs, rmmod and a kmemleak scan.  Any report fails it.
debug_run() {
	FUZZ_TIME=30 FUZZ_OPTS="-p fuzz,failnth,conc -C 5" ARCH=x86_64 \
		"$s/run.sh" fuzz debug
}

# add_counts FILE: the guest's test cases (run.sh's "pass fail skip").
add_counts() {
	if [ -f "$1" ]; then
		read -r p f k <"$1"
		pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + k))
	fi
}

# Every architecture of the harness (lib.sh ARCHS): its kselftests, then
# y and m built and booted (and n on x86_64), each step named after the
# architecture (build-arm64-y, run-arm64-y, ...).  A failed kselftest
# build does not stop the boots: the guest then reports them missing.
variants() {
	case $1 in x86_64) echo y m n ;; *) echo y m ;; esac
}

step deps "$s/deps.sh" || true
step patches-up-to-date patches_up_to_date || true
if step kernel "$s/kernel.sh"; then
	for a in $ARCHS; do
		step "kselftests-$a" env ARCH="$a" "$s/kselftest.sh" || true
		for v in $(variants "$a"); do
			if step "build-$a-$v" env ARCH="$a" "$s/build.sh" "$v"; then
				rm -f "$BDIR/$a/$v/counts"
				step "run-$a-$v" env ARCH="$a" "$s/run.sh" "$v" || true
				add_counts "$BDIR/$a/$v/counts"
			else
				blocked "run-$a-$v" "build-$a-$v"
			fi
		done
	done
	# The debug kernel, and the coverage of the loader it measured
	if step build-x86_64-debug env ARCH=x86_64 "$s/build.sh" fuzz; then
		rm -f "$BDIR/x86_64/fuzz/debug-counts"
		if step run-x86_64-debug debug_run; then
			step coverage env ARCH=x86_64 "$s/coverage.sh" || true
		else
			blocked coverage run-x86_64-debug
		fi
		add_counts "$BDIR/x86_64/fuzz/debug-counts"
	else
		blocked run-x86_64-debug build-x86_64-debug
		blocked coverage build-x86_64-debug
	fi
	# A short run of the fuzzer (make fuzz, issue 7) on the other
	# architectures: 30 s of fuzzing and 2 x 5 s of module
	# unload/load against execs, with BINFMT_TINY=m.
	for a in $ARCHS; do
		[ "$a" != x86_64 ] || continue
		if [ -f "$BDIR/$a/m/counts" ]; then
			step "fuzz-$a" fuzz_short "$a" || true
		else
			blocked "fuzz-$a" "build-$a-m"
		fi
	done
	# Upstream-quality gates (issue 5): one line each, like the steps.
	"$s/gates.sh" >"$BDIR/check/gates.out" 2>&1
	cat "$BDIR/check/gates.out"
	p=$(grep -c '^ok ' "$BDIR/check/gates.out")
	f=$(grep -c '^FAIL ' "$BDIR/check/gates.out")
	k=$(grep -c '^skip ' "$BDIR/check/gates.out")
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + k))
else
	for a in $ARCHS; do
		blocked "kselftests-$a" kernel
		for v in $(variants "$a"); do
			blocked "build-$a-$v" kernel
			blocked "run-$a-$v" kernel
		done
	done
	blocked build-x86_64-debug kernel
	blocked run-x86_64-debug kernel
	blocked coverage kernel
	for a in $ARCHS; do
		[ "$a" = x86_64 ] || blocked "fuzz-$a" kernel
	done
	blocked gates kernel
fi

echo "kernel: $(cat "$BDIR/kernel-version" 2>/dev/null || echo unknown)"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
