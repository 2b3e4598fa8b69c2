#!/bin/sh
# Line and branch coverage of fs/binfmt_tiny.c, from make check's run of
# the debug kernel (run.sh fuzz debug): the guest prints the loader's gcov
# data in base64 once the tests are done and the module is unloaded; this
# puts it next to the build's .gcno and runs gcov -b.
#
# Keeps the annotated source in build/$ARCH/fuzz/coverage/binfmt_tiny.c.gcov
# and prints one line:
#   fs/binfmt_tiny.c: lines 100.00% of 154, branches taken 86.27% of 102
# followed by the lines never run and the branches never taken.  Fails
# when either figure is below scripts/coverage.floor: a change that loses
# coverage fails make check.
set -eu

. "$(dirname "$0")/lib.sh"

O=$ABDIR/fuzz
out=$O/coverage
log=$O/debug-console.log
floor=$ROOT/scripts/coverage.floor
[ -f "$O/fs/binfmt_tiny.gcno" ] ||
	die "no build/$HARCH/fuzz/fs/binfmt_tiny.gcno: run make build-fuzz first"
[ -f "$log" ] || die "no ${log#"$ROOT"/}: the debug kernel's run (run.sh fuzz debug) did not happen"
gcov=$(command -v gcov-"$(gcc -dumpversion | cut -d. -f1)" || command -v gcov) ||
	die "no gcov for the kernel's compiler: run make deps"

rm -rf "$out"
mkdir -p "$out"
tr -d '\r' <"$log" |
	sed -n '/^binfmt_tiny gcov: begin /,/^binfmt_tiny gcov: end$/p' |
	sed '1d;$d' >"$out/gcda.b64"
[ -s "$out/gcda.b64" ] || die "the guest printed no gcov data (see ${log#"$ROOT"/})"
base64 -d "$out/gcda.b64" >"$O/fs/binfmt_tiny.gcda" ||
	die "the guest's gcov data is garbled (see ${log#"$ROOT"/})"

# gcov writes NAME.gcov of every source the object's code came from (the
# headers' inline functions too) into the current directory.
(cd "$out" && "$gcov" -b -o "$O/fs" "$(tree_dir)/fs/binfmt_tiny.c") >"$out/gcov.txt" 2>&1 ||
	die "gcov failed: see ${out#"$ROOT"/}/gcov.txt"
src=$out/binfmt_tiny.c.gcov
[ -f "$src" ] || die "gcov wrote no binfmt_tiny.c.gcov: see ${out#"$ROOT"/}/gcov.txt"

# gcov.txt: a "File '...'" paragraph per source; ours is fs/binfmt_tiny.c.
awk '/^File .*\/fs\/binfmt_tiny\.c.$/ { on = 1; next }
	on && /^$/ { exit }
	on && /^Lines executed:/ { split($2, a, "%"); sub("executed:", "", a[1]); lp = a[1]; ln = $NF }
	on && /^Taken at least once:/ { split($4, b, "%"); sub("once:", "", b[1]); bp = b[1]; bn = $NF }
	END { if (lp == "") exit 1; print lp, ln, (bp == "" ? 0 : bp), (bn == "" ? 0 : bn) }' \
	"$out/gcov.txt" >"$out/summary" ||
	die "no summary for fs/binfmt_tiny.c in ${out#"$ROOT"/}/gcov.txt"
read -r lp ln bp bn <"$out/summary"
echo "fs/binfmt_tiny.c: lines $lp% of $ln, branches taken $bp% of $bn (annotated: ${src#"$ROOT"/})"

# The lines never run (#####) and the branches never taken, with their
# source lines: the README lists the branches and why no test takes them.
awk '
	function split_line(   t) {
		t = $0
		sub(/^ *[^:]*: */, "", t)
		line = t
		sub(/:.*/, "", line)
		src = t
		sub(/^[^:]*:[ \t]*/, "", src)
	}
	/^ *#####:/ { split_line(); printf "  line %s never run: %s\n", line, src; next }
	/^ *([0-9]+\*?|-):/ { split_line(); next }
	/^branch / && /(never executed|taken 0%)/ {
		st = $0
		sub(/^branch +[0-9]+ +/, "", st)
		printf "  line %s, branch %s %s: %s\n", line, $2, st, src
	}' "$src" | tee "$out/missed"

# The floor: what the tests reached when it was last raised.
[ -f "$floor" ] || die "no ${floor#"$ROOT"/}"
read -r want_l want_b <<EOF
$(grep -v '^#' "$floor")
EOF
ok=$(awk -v lp="$lp" -v bp="$bp" -v wl="$want_l" -v wb="$want_b" \
	'BEGIN { print (lp + 0 >= wl + 0 && bp + 0 >= wb + 0) ? "yes" : "no" }')
if [ "$ok" != yes ]; then
	echo "coverage dropped below ${floor#"$ROOT"/} (lines $want_l%, branches taken $want_b%): see the lines above"
	exit 1
fi
