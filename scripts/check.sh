#!/bin/sh
# make check: everything CI verifies.  Each step is one counted check,
# printed as "ok NAME" or "FAIL NAME: reason" (its output is kept in
# build/check/NAME.log and shown when it fails); the test cases of the
# guest runs (KUnit, kselftests, the guest's own checks) are counted too.
# The last line is "N passed, N failed, N skipped"; exit 1 on any failure.
set -u

. "$(dirname "$0")/lib.sh"

s=$ROOT/scripts
export QUIET=1
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

# A short fuzz run on build/m: the debug kernel (make fuzz) would be
# one more kernel to build, about 12 minutes of a cold make check.
fuzz_short() {
	FUZZ_TIME=60 FUZZ_OPTS="-p fuzz,conc -C 10" "$s/run.sh" m fuzz
}

step deps "$s/deps.sh" || true
step patches-up-to-date patches_up_to_date || true
if step kernel "$s/kernel.sh"; then
	step kselftests-build "$s/kselftest.sh" && ksft=1 || ksft=
	for v in y m n; do
		if step "build-$v" "$s/build.sh" "$v" && [ -n "$ksft" ]; then
			rm -f "$BDIR/$v/counts"
			step "run-$v" "$s/run.sh" "$v" || true
			if [ -f "$BDIR/$v/counts" ]; then
				read -r p f k <"$BDIR/$v/counts"
				pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + k))
			fi
		else
			blocked "run-$v" "build-$v or kselftests-build"
		fi
	done
	# A short run of the fuzzer (make fuzz, issue 7): a minute of
	# fuzzing and 2 x 10 s of module unload/load against execs, with
	# BINFMT_TINY=m; fail-nth and the memory checkers need make fuzz.
	if [ -f "$BDIR/m/counts" ]; then
		step fuzz fuzz_short || true
	else
		blocked fuzz build-m
	fi
	# Upstream-quality gates (issue 5): one line each, like the steps.
	"$s/gates.sh" >"$BDIR/check/gates.out" 2>&1
	cat "$BDIR/check/gates.out"
	p=$(grep -c '^ok ' "$BDIR/check/gates.out")
	f=$(grep -c '^FAIL ' "$BDIR/check/gates.out")
	k=$(grep -c '^skip ' "$BDIR/check/gates.out")
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + k))
else
	for c in kselftests-build build-y run-y build-m run-m build-n run-n fuzz gates; do
		blocked "$c" kernel
	done
fi

echo "kernel: $(cat "$BDIR/kernel-version" 2>/dev/null || echo unknown)"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
