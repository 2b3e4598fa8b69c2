#!/bin/sh
# Boot build/$ARCH/$V in qemu (TCG; $ARCH: lib.sh arch_vars, default
# x86_64) and test it, or give a shell.
#
#   run.sh V [test]   boot with a hard timeout ($TIMEOUT seconds, default
#                     300), keep the console in build/$ARCH/$V/console.log,
#                     parse its KTAP (KUnit at boot, the kselftests, the
#                     guest's own checks) and check it for kernel problems;
#                     print the results and keep them in
#                     build/$ARCH/$V/results.txt
#   run.sh V shell    interactive busybox shell on the serial console
#   run.sh V bench    run tiny_bench in the guest (BENCH_ARGS: its options),
#                     keep its report in build/bench/bench-$ARCH.txt and
#                     print it; BENCH_PROFILE=N: a profile of the kernel
#                     instead (scripts/profile.sh), N spawns a candidate
#                     (BENCH_CLOCK=icount, the default: qemu's -icount
#                     shift=0, so that the guest's clock counts its
#                     instructions, and tiny_bench reports thousands of
#                     instructions per spawn; tcg: TCG's wall clock; kvm)
#   run.sh V fuzz     boot with 2 vCPUs and run tiny_fuzz: SEED,
#                     FUZZ_EXECS, FUZZ_TIME (seconds of fuzzing) and
#                     FUZZ_OPTS (more tiny_fuzz options); the timeout
#                     defaults to FUZZ_TIME + 1200.  V is fuzz (the debug
#                     kernel, make fuzz) or m (make check's short run)
#   run.sh fuzz debug make check's run of the debug kernel: the test mode's
#                     tests, then tiny_fuzz as in fuzz mode, a kmemleak
#                     scan after rmmod, and the loader's gcov data on the
#                     console (scripts/coverage.sh reads it)
# bench and fuzz show tiny_bench's and tiny_fuzz's progress lines while
# they run.
#
# QEMU_ACCEL=kvm uses KVM (default tcg: KVM hangs on some hosts).
set -eu

. "$(dirname "$0")/lib.sh"

V=${1:-}
mode=${2:-test}
usage="usage: $0 y|m|n|fuzz [test|shell|bench] | $0 fuzz|m fuzz | $0 fuzz debug"
case $V in y | m | n | fuzz) ;; *) die "$usage" ;; esac
case $mode in test | shell | bench | fuzz | debug) ;; *) die "$usage" ;; esac
# the fuzzer's concurrency part unloads and loads the module
[ "$mode" != fuzz ] || [ "$V" = fuzz ] || [ "$V" = m ] || die "$usage"
[ "$mode" != debug ] || [ "$V" = fuzz ] || die "$usage"
O=$ABDIR/$V
name=build/$HARCH/$V
kernel=$O/$IMAGE
[ -f "$kernel" ] || die "$name is not built: run make build-$V ARCH=$HARCH"
need_qemu

"$ROOT/scripts/initramfs.sh" "$V"

accel=${QEMU_ACCEL:-tcg}
icount=
if [ "$mode" = bench ]; then
	case ${BENCH_CLOCK:-icount} in
	icount) icount="-icount shift=0" accel=tcg ;;
	tcg | kvm) accel=$BENCH_CLOCK ;;
	*) die "BENCH_CLOCK=${BENCH_CLOCK}: icount (default), tcg or kvm" ;;
	esac
fi
mem=512
smp=1
append="console=$CONSOLE${BOOT_ARGS:+ $BOOT_ARGS} panic=-1 tiny.variant=$V tiny.mode=$mode"
# KASAN's shadow and kmemleak need memory
[ "$V" != fuzz ] || mem=1024
[ "$V" != fuzz ] && [ "$mode" != fuzz ] || smp=$QEMU_SMP2
# The guest's time limit: the benchmark alone takes about 4 minutes of
# TCG on a quiet host, a fuzz run FUZZ_TIME and its other parts.
limit=${TIMEOUT:-300}
case $mode in
fuzz | debug)
	fuzz_time=${FUZZ_TIME:-1200}
	fuzz="-s+${SEED:-0x7153a11d}+-n+${FUZZ_EXECS:-100000}+-t+$fuzz_time"
	for o in ${FUZZ_OPTS:-}; do fuzz="$fuzz+$o"; done
	append="$append tiny.fuzz=$fuzz"
	limit=${TIMEOUT:-$((fuzz_time + 1200))}
	;;
bench)
	# Under -icount the guest's clock runs at its instruction rate,
	# 100 to 250 million a second here: progress lines every 2 s of it
	# come every 8 to 20 s.  9 rounds of 1000 spawns, each candidate's
	# 1000 in one turn: what an exec leaves to the kernel's deferred work
	# (RCU callbacks that free its mappings and mm) runs millions of
	# instructions later, and in short turns it is counted for the next
	# candidate (in turns of 20, a TINY_F_MAIN spawn came out cheaper
	# than a plain one).  Under the wall clock, tiny_bench's defaults.
	bargs=${BENCH_ARGS:-}
	[ -z "$icount" ] || bargs="-i -P 2 -r 9 -n 1000 -k 1000 $bargs"
	append="$append tiny.bench=$(echo "$bargs" | tr ' ' ,)"
	# a profile of the kernel instead: 4-byte buckets of kernel text
	[ -z "${BENCH_PROFILE:-}" ] || append="$append profile=2 tiny.profile=$BENCH_PROFILE"
	limit=${TIMEOUT:-1800}
	;;
esac
# shellcheck disable=SC2086
set -- "$QEMU" $QEMU_ARGS -accel "$accel" $icount -m $mem -smp $smp \
	-nographic -no-reboot -kernel "$kernel" -initrd "$O/initramfs.cpio" \
	-append "$append"
if [ "$mode" = shell ]; then
	msg "booting $name; Ctrl-A X quits qemu"
	exec "$@"
fi

# test mode's files, or e.g. fuzz-console.log for the other modes
pre=
[ "$mode" = test ] || pre=$mode-
log=$O/${pre}console.log
res=$O/${pre}results.txt

# RUN_MEMO=1 (make check): a run whose inputs are the same as those of a
# run that passed (the kernel image, every file of the initramfs, the qemu
# command line, this script and the KTAP parser) is not repeated; its
# console, results and counts are restored instead.  GATES_NOCACHE=1
# repeats it.
memo=
if [ -n "${RUN_MEMO:-}" ] && [ "$mode" != bench ]; then
	key=$({
		printf '%s\n' "$@" "$("$QEMU" --version | head -n 1)"
		sha256sum <"$kernel"
		(cd "$O/initramfs" && find . -type l -exec ls -l {} + | awk '{ print $(NF - 2), $NF }' &&
			find . -type f -exec sha256sum {} +) | LC_ALL=C sort
		cat "$ROOT/scripts/run.sh" "$ROOT/scripts/ktap.awk"
	} | sha256sum | cut -d' ' -f1)
	memo=$BDIR/gates/passed/run-$key
	if [ -z "${GATES_NOCACHE:-}" ] && [ -f "$memo/counts" ]; then
		cp "$memo/console.log" "$log"
		cp "$memo/results.txt" "$res"
		cp "$memo/counts" "$O/${pre}counts"
		msg "$name: unchanged since it passed: $(tail -n 1 "$res" | sed 's/^[^:]*: //')"
		exit 0
	fi
fi
msg "booting $name in $QEMU ($accel${icount:+ $icount}, timeout ${limit}s)"
: >"$log"
timeout -k 10 "$limit" "$@" </dev/null >>"$log" 2>&1 &
qemu=$!
# (in the background, qemu ignores the terminal's Ctrl-C: pass it on)
trap 'kill $qemu 2>/dev/null; exit 130' INT TERM
# The long runs' progress lines, from the console as it grows; tiny_bench
# counts instructions under -icount, so the time left of its lines, "N of
# M spawns", is estimated here from the host's clock.
progress() {
	p_start=$(date +%s)
	while read -r line; do
		line=${line%"$(printf '\r')"}
		case $line in
		"tiny_bench: round "*" of "*" spawns"*)
			p_el=$(($(date +%s) - p_start))
			set -- $(echo "$line" | sed 's/.*, \([0-9]*\) of \([0-9]*\) spawns.*/\1 \2/')
			[ "$1" -gt 0 ] 2>/dev/null &&
				line="$line, $p_el s, about $((p_el * ($2 - $1) / $1)) s left"
			;;
		esac
		echo "  $line" >&2
	done
}
case $mode in
bench | fuzz | debug)
	tail -n +1 -f --pid=$qemu "$log" 2>/dev/null |
		grep --line-buffered -E '^(tiny_bench: round|# (fuzz|failnth|conc|kmemleak):)' |
		progress &
	;;
esac
# A KVM that cannot run the guest (here: "KVM internal error. Suberror: 1",
# an emulation failure while the kernel sets up the FPU) leaves qemu with
# the guest stopped, until the timeout: end it at once.
if [ "$accel" = kvm ]; then
	{
		tail -n +1 -f --pid=$qemu "$log" 2>/dev/null |
			grep -q -m 1 'KVM internal error' && kill $qemu 2>/dev/null
	} &
fi
rc=0
wait $qemu || rc=$?
trap - INT TERM
# (tail ends within a second of qemu, and the rest of the pipeline with it)
wait

# Problems of the run as a whole; each counts as a failure.
problems=
problem() {
	problems="$problems$1
"
}
clean=$(tr -d '\r' <"$log")
if printf '%s\n' "$clean" | grep -q '^KVM internal error'; then
	problem "KVM could not run the guest (KVM internal error, see the console log): run without KVM (BENCH_CLOCK=icount or tcg, QEMU_ACCEL=tcg)"
elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	problem "timeout: the guest did not finish within ${limit}s"
elif [ $rc -ne 0 ]; then
	problem "qemu exited with status $rc"
elif ! printf '%s\n' "$clean" | grep -q '^binfmt_tiny harness: done'; then
	problem "the guest stopped before the end of the tests (no end marker)"
fi
# Nothing on the console at all, or no /init: say which end failed.
if ! printf '%s\n' "$clean" | grep -q 'Linux version '; then
	problem "no kernel output on console=$CONSOLE ($QEMU $QEMU_ARGS): the serial console of kconfig-fragment's $HARCH section?"
elif ! printf '%s\n' "$clean" | grep -q '^binfmt_tiny harness: variant='; then
	problem "the kernel booted but /init never printed (see the console log)"
fi
printf '%s\n' "$clean" |
	grep -E 'BUG:|WARNING:|Oops|KASAN|UBSAN|kernel BUG|Call [Tt]race' |
	head -n 5 | while read -r l; do echo "kernel: $l"; done >"$O/kernel-problems"
while read -r l; do problem "$l"; done <"$O/kernel-problems"
rm -f "$O/kernel-problems"

# The end of the console, where a failed run tells what happened
console_tail() {
	echo "--- last 50 lines of the console (full log: ${log#"$ROOT"/}) ---" >&2
	printf '%s\n' "$clean" | tail -n 50 >&2
	echo "---" >&2
}

if [ "$mode" = bench ] && [ -n "${BENCH_PROFILE:-}" ]; then
	[ -z "$problems" ] || {
		printf '%s' "$problems" | sed 's/^/error: /' >&2
		console_tail
		exit 1
	}
	exec "$ROOT/scripts/profile.sh" "$log" "$O"
fi
if [ "$mode" = bench ]; then
	out=$BDIR/bench
	mkdir -p "$out"
	{
		echo "binfmt_tiny bench, $(date -u '+%Y-%m-%d %H:%M UTC')"
		echo "kernel: $(cat "$BDIR/kernel-version" 2>/dev/null || echo unknown)"
		echo "config: $HARCH tinyconfig + kconfig-fragment, BINFMT_TINY=$V"
		if [ -n "$icount" ]; then
			echo "qemu: $QEMU $QEMU_ARGS, TCG $icount, 1 vCPU (the guest's clock counts its instructions: kinsn = thousands of instructions)"
		else
			echo "qemu: $QEMU $QEMU_ARGS, $accel, 1 vCPU$([ "$accel" = tcg ] && echo ' (TCG wall clock: the timings are emulated and noisy; minor faults, VMAs, RSS and sizes are exact)')"
		fi
		echo
		printf '%s\n' "$clean" | sed -n '/^tiny_bench: /,/targets missed$/p' |
			grep -v '^tiny_bench: round ' || true
	} >"$out/bench-$HARCH.txt"
	grep -q 'targets missed$' "$out/bench-$HARCH.txt" ||
		problem "tiny_bench did not finish (console: ${log#"$ROOT"/})"
	cat "$out/bench-$HARCH.txt"
	if [ -n "$problems" ]; then
		printf '%s' "$problems" | sed 's/^/error: /' >&2
		console_tail
		exit 1
	fi
	msg "report: ${out#"$ROOT"/}/bench-$HARCH.txt"
	exit 0
fi

ktap=$(awk -v marker='^binfmt_tiny harness: variant=' -f "$ROOT/scripts/ktap.awk" "$log")
boot=$(printf '%s\n' "$ktap" | sed -n 's/^BOOT //p')
set -- $(printf '%s\n' "$ktap" | sed -n 's/^TOTAL //p')
pass=$1 fail=$2 skip=$3
if [ "$V" = y ] && [ "$boot" -eq 0 ]; then
	problem "no KUnit results in the boot log"
fi
nprob=$(printf '%s' "$problems" | grep -c . || true)
fail=$((fail + nprob))

{
	echo "kernel: $(cat "$BDIR/kernel-version" 2>/dev/null || echo unknown)"
	echo "config: $HARCH, BINFMT_TINY=$V, $QEMU $accel"
	printf '%s\n' "$ktap" | sed -n \
		-e 's/^PASS /  ok    /p' -e 's/^SKIP /  skip  /p' \
		-e 's/^FAIL /  FAIL  /p' -e 's/^ERROR /  ERROR /p'
	printf '%s' "$problems" | sed 's/^/  ERROR /'
	echo "$name: $pass passed, $fail failed, $skip skipped"
} >"$res"
echo "$pass $fail $skip" >"$O/${pre}counts"

if [ -n "${QUIET:-}" ]; then
	grep -E '^  (FAIL|ERROR)' "$res" >&2 || true
else
	cat "$res" >&2
fi
if [ "$fail" -ne 0 ]; then
	console_tail
	msg "$name: $pass passed, $fail failed, $skip skipped"
	exit 1
fi
if [ -n "$memo" ]; then
	mkdir -p "$memo"
	cp "$log" "$memo/console.log"
	cp "$res" "$memo/results.txt"
	cp "$O/${pre}counts" "$memo/counts"
fi
msg "$name: $pass passed, $fail failed, $skip skipped"
