#!/bin/sh
# profile.sh CONSOLE O: where the kernel's instructions go in one spawn of
# each candidate of tiny_bench (make bench BENCH_PROFILE=N; scripts/init's
# bench mode with tiny.profile=N).
#
# The guest booted with profile=2 under qemu's -icount shift=0, so that its
# timer ticks come every 10^9 / HZ instructions and each tick counts the
# kernel function it interrupted in /proc/profile: a sample of the kernel's
# instructions.  For every candidate the guest reset the counters, spawned
# it N times and printed /proc/profile; here each 4-byte bucket of kernel
# text is given its function from O/System.map.  Prints, per function, the
# thousands of instructions per spawn of each candidate, and the sums, and
# keeps the table in build/bench/profile-$ARCH.txt.
set -eu

. "$(dirname "$0")/lib.sh"

log=$1 O=$2
out=$BDIR/bench
tmp=$out/profile.tmp
map=$O/System.map
[ -f "$map" ] || die "no ${map#"$ROOT"/}"
hz=$(sed -n 's/^CONFIG_HZ=//p' "$O/.config")
[ -n "$hz" ] || die "no CONFIG_HZ in ${O#"$ROOT"/}/.config"
mkdir -p "$tmp"
rm -f "$tmp"/*

# The low 32 bits of the text symbols' addresses (hex): kernel text is
# smaller than 4 GiB, and awk's numbers cannot hold 64-bit addresses.
awk '$2 ~ /^[tTwW]$/ { print substr($1, length($1) - 7), $3 }' "$map" |
	sort >"$tmp/syms"
stext=$(awk '$3 == "_stext" { print substr($1, length($1) - 7) }' "$map")
[ -n "$stext" ] || die "no _stext in ${map#"$ROOT"/}"

tr -d '\r' <"$log" >"$tmp/console"
cands=
for c in $(sed -n 's/^binfmt_tiny profile: begin \([a-z]*\) [0-9]*$/\1/p' "$tmp/console"); do
	sed -n "/^binfmt_tiny profile: begin $c /,/^binfmt_tiny profile: end\$/p" "$tmp/console" |
		sed '1d;$d' | base64 -d | gunzip | od -An -tu4 -v >"$tmp/$c.u4" ||
		die "the guest's profile of $c is garbled (see ${log#"$ROOT"/})"
	n=$(sed -n "s/^binfmt_tiny profile: begin $c \([0-9]*\)$/\1/p" "$tmp/console")
	# bucket i (after the first word, the bucket size) is at
	# _stext + i * size; the symbols are sorted, so one pass.
	awk -v stext="$stext" -v n="$n" -v hz="$hz" -v c="$c" '
	function hex(s,   i, v) {
		v = 0
		s = tolower(s)
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	FNR == NR { sa[ns] = hex($1); sn[ns] = $2; ns++; next }
	{
		for (f = 1; f <= NF; f++) {
			if (step == "") { step = $f; base = hex(stext); continue }
			if ($f != 0) {
				a = base + i * step
				while (k + 1 < ns && sa[k + 1] <= a)
					k++
				hits[sn[k]] += $f
				total += $f
			}
			i++
		}
	}
	END {
		kinsn = 1e6 / hz / n
		for (s in hits)
			printf "%s %s %.3f\n", c, s, hits[s] * kinsn
		printf "%s TOTAL %.3f %d\n", c, total * kinsn, total
	}' "$tmp/syms" "$tmp/$c.u4" >"$tmp/$c.prof"
	cands="$cands $c"
done
[ -n "$cands" ] || die "no profile in ${log#"$ROOT"/} (does the kernel have CONFIG_PROFILING?)"

# One table: a row per function, a column per candidate, sorted by what a
# tiny exec (plain) costs more than the floor; the loader's own functions
# are those of fs/binfmt_tiny.c (tiny_*, load_tiny_binary).
# shellcheck disable=SC2086
{
	echo "binfmt_tiny profile, $(date -u '+%Y-%m-%d %H:%M UTC'): $HARCH, BINFMT_TINY=y, qemu -icount shift=0, HZ=$hz"
	echo "thousands of kernel instructions per spawn, from timer-tick samples (each tick: 10^9/HZ instructions)"
	echo
	cat "$tmp"/*.prof | awk -v cands="$cands" '
	BEGIN { nc = split(cands, cl, " ") }
	$2 == "TOTAL" { tot[$1] = $3; samples[$1] = $4; next }
	{ v[$2, $1] = $3; fn[$2] = 1
	  if ($2 ~ /^(tiny_|load_tiny_binary)/) own[$1] += $3 }
	END {
		printf "%-32s", "function"
		for (j = 1; j <= nc; j++) printf " %9s", cl[j]
		printf "\n"
		for (f in fn) {
			d = v[f, "plain"] - v[f, "floor"]
			if (d < 0) d = -d
			if (d < 0.2 && v[f, "pie"] - v[f, "floor"] < 0.2 && v[f, "main"] - v[f, "plain"] < 0.2) continue
			line = sprintf("%-32s", f)
			for (j = 1; j <= nc; j++) line = line sprintf(" %9.1f", v[f, cl[j]])
			printf "%09.1f %s\n", v[f, "plain"] - v[f, "floor"] + 1000, line | "sort -r | cut -c 11-"
		}
		close("sort -r | cut -c 11-")
		printf "%-32s", "all kernel functions"
		for (j = 1; j <= nc; j++) printf " %9.1f", tot[cl[j]]
		printf "\n%-32s", "  of them fs/binfmt_tiny.c"
		for (j = 1; j <= nc; j++) printf " %9.1f", own[cl[j]]
		printf "\n%-32s", "samples"
		for (j = 1; j <= nc; j++) printf " %9d", samples[cl[j]]
		printf "\n"
	}'
} >"$out/profile-$HARCH.txt"
rm -rf "$tmp"
cat "$out/profile-$HARCH.txt"
msg "profile: ${out#"$ROOT"/}/profile-$HARCH.txt"
