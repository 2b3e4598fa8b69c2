#!/bin/sh
# The upstream-quality gates of `make check` (issue 5): each prints one line,
# "ok <gate>" or "FAIL <gate>: <reason>", and keeps its full output in
# build/gates/<gate>.log.  Usage: gates.sh [gate...] (default: all of them).
#
# They look at the series as a maintainer and the kernel's bots would: the
# patches in $PATCHES, the tree they were applied to ($TREE, a git tree whose
# `base` tag is the pristine source) and the y build in build/y.
set -u

# Debian's python3 (ply, git, sphinx) before any other one on PATH.
PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

. "$(dirname "$0")/lib.sh"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BDIR=${BDIR:-$ROOT/build}
TREE=${TREE:-$BDIR/linux}
PATCHES=${PATCHES:-$ROOT/patches}
GLOG=$BDIR/gates
SPARSE=${SPARSE:-$CACHE/sparse/sparse}
CODESPELL_DICT=${CODESPELL_DICT:-/usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt}
JOBS=${JOBS:-$(nproc)}
export CCACHE_DIR="${CCACHE_DIR:-$CACHE/ccache}" CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1

# The new C objects of the series, relative to the tree.
NEW_OBJS="fs/binfmt_tiny.o"
NEW_C="fs/binfmt_tiny.c fs/tests/binfmt_tiny_kunit.c"
SELFTEST_DIR=tools/testing/selftests/binfmt_tiny

mkdir -p "$GLOG"
failed=0

pass() { echo "ok $1"; }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

# kmake O ARGS...: make in the tree, output appended to the current log.
kmake() {
	o=$1
	shift
	make -C "$TREE" O="$o" ARCH=${KARCH:-x86_64} CC="ccache gcc" \
		-j"$JOBS" "$@" >>"$log" 2>&1
}

# kconfig O BASE-TARGET LINE...: configure O from a base config and lines.
kconfig() {
	o=$1 base=$2
	shift 2
	mkdir -p "$o"
	printf '%s\n' "$@" >"$o/gate.config"
	kmake "$o" "$base" &&
	"$TREE/scripts/kconfig/merge_config.sh" -m -O "$o" "$o/.config" \
		"$o/gate.config" >>"$log" 2>&1 &&
	kmake "$o" olddefconfig || return 1
	for line in "$@"; do
		case $line in
		"# CONFIG_"*) sym=${line#"# "}; sym=${sym%% *}
			! grep -q "^$sym=" "$o/.config" || return 1 ;;
		*) grep -qxF "$line" "$o/.config" || return 1 ;;
		esac
	done
}

gate_shape() {
	cover=$(ls "$PATCHES"/0000-cover-letter.patch 2>/dev/null)
	[ -n "$cover" ] || { fail shape "no cover letter"; return; }
	grep -q '\*\*\* \(SUBJECT\|BLURB\) HERE \*\*\*' "$cover" &&
		{ fail shape "cover letter still has the template text"; return; }
	grep -q '^base-commit: [0-9a-f]\{40\}$' "$cover" ||
		{ fail shape "cover letter has no base-commit:"; return; }
	n=0
	for p in "$PATCHES"/0*.patch; do
		[ "$p" = "$cover" ] && continue
		n=$((n + 1))
		subj=$(sed -n 's/^Subject: \[PATCH[^]]*\] //p' "$p")
		len=$(printf '%s' "$subj" | wc -m)
		case $subj in
		[a-zA-Z]*:\ [a-z]*) ;;
		*) fail shape "$(basename "$p"): subject is not 'prefix: summary'"; return ;;
		esac
		[ "$len" -le 75 ] ||
			{ fail shape "$(basename "$p"): subject is $len characters"; return; }
		grep -q '^Signed-off-by:' "$p" && [ -z "${SIGNOFF:-}" ] &&
			{ fail shape "$(basename "$p"): carries a Signed-off-by"; return; }
		files=$(sed -n 's/^diff --git a\/\([^ ]*\) .*/\1/p' "$p")
		docs=$(echo "$files" | grep -c '^Documentation/')
		tests=$(echo "$files" | grep -c '^tools/testing/')
		all=$(echo "$files" | grep -cv '^MAINTAINERS$')
		if [ "$docs" -gt 0 ] && [ "$docs" -ne "$all" ]; then
			fail shape "$(basename "$p"): documentation mixed with code"; return
		fi
		if [ "$tests" -gt 0 ] && [ "$tests" -ne "$all" ]; then
			fail shape "$(basename "$p"): selftests mixed with code"; return
		fi
	done
	[ "$n" -ge 1 ] || { fail shape "no patches"; return; }
	pass shape
}

# The series applies with git am to the pristine tree.
gate_apply() {
	log=$GLOG/apply.log
	: >"$log"
	t=$BDIR/gates/apply-tree
	rm -rf "$t"
	git clone -q --shared "$TREE" "$t" >>"$log" 2>&1 &&
	git -C "$t" checkout -q base >>"$log" 2>&1 || { fail apply "cannot clone $TREE"; return; }
	if git -C "$t" -c user.name=gate -c user.email=gate@localhost am -q \
		$(ls "$PATCHES"/0*.patch | grep -v 0000-cover-letter) >>"$log" 2>&1; then
		pass apply
	else
		fail apply "git am failed (see ${log#"$ROOT"/})"
	fi
	rm -rf "$t"
}

gate_checkpatch() {
	log=$GLOG/checkpatch.log
	: >"$log"
	bad=
	for p in "$PATCHES"/0*.patch; do
		case $p in *0000-cover-letter.patch) continue ;; esac
		out=$(cd "$TREE" && scripts/checkpatch.pl --strict --codespell \
			--codespellfile="$CODESPELL_DICT" --no-signoff \
			--show-types "$p" 2>&1)
		echo "$out" >>"$log"
		total=$(echo "$out" | sed -n 's/^total: \([0-9]*\) errors, \([0-9]*\) warnings, \([0-9]*\) checks.*/\1 \2 \3/p')
		[ "$total" = "0 0 0" ] || bad="$bad $(basename "$p" .patch)($total)"
	done
	if [ -z "$bad" ]; then
		pass checkpatch
	else
		fail checkpatch "errors/warnings/checks in$bad (see ${log#"$ROOT"/})"
	fi
}

gate_sparse() {
	log=$GLOG/sparse.log
	: >"$log"
	"$SPARSE" --version >>"$log" 2>&1 ||
		{ fail sparse "$SPARSE does not run: make deps"; return; }
	valid=$(cd "$TREE" && sh scripts/checker-valid.sh "$SPARSE" -D__x86_64__)
	[ "$valid" = 1 ] ||
		{ fail sparse "checker-valid.sh rejects $SPARSE"; return; }
	kmake "$BDIR/y" C=2 CHECK="$SPARSE" $NEW_OBJS ||
		{ fail sparse "build failed (see ${log#"$ROOT"/})"; return; }
	n=$(grep -c ': \(warning\|error\):' "$log")
	if [ "$n" -eq 0 ]; then
		pass sparse
	else
		fail sparse "$n warnings (see ${log#"$ROOT"/})"
	fi
}

gate_coccinelle() {
	log=$GLOG/coccinelle.log
	: >"$log"
	command -v spatch >/dev/null || { fail coccinelle "spatch missing: make deps"; return; }
	kmake "$BDIR/y" C=2 CHECK=scripts/coccicheck MODE=report $NEW_OBJS ||
		{ fail coccinelle "coccicheck failed (see ${log#"$ROOT"/})"; return; }
	n=$(grep -c '^[^ ]*binfmt_tiny[^ ]*:[0-9]*:' "$log")
	if [ "$n" -eq 0 ]; then
		pass coccinelle
	else
		fail coccinelle "$n reports (see ${log#"$ROOT"/})"
	fi
}

# W=1 and -Werror must be clean; W=2 is only reported.  A separate build
# dir keeps build/y from being recompiled with other flags.
gate_warnings() {
	log=$GLOG/warnings.log
	: >"$log"
	o=$BDIR/gates/w
	if [ ! -f "$o/.config" ] || ! cmp -s "$BDIR/y/.config" "$o/.config"; then
		mkdir -p "$o" && cp "$BDIR/y/.config" "$o/.config"
		kmake "$o" olddefconfig ||
			{ fail warnings "cannot configure (see ${log#"$ROOT"/})"; return; }
	fi
	rm -f "$o/fs/binfmt_tiny.o"
	kmake "$o" W=1 KCFLAGS=-Werror $NEW_OBJS ||
		{ fail warnings "W=1 -Werror build failed (see ${log#"$ROOT"/})"; return; }
	n1=$(grep -c 'warning:' "$log")
	rm -f "$o/fs/binfmt_tiny.o"
	w2=$GLOG/warnings-w2.log
	make -C "$TREE" O="$o" ARCH=x86_64 CC="ccache gcc" W=2 $NEW_OBJS >"$w2" 2>&1
	n2=$(grep -c 'binfmt_tiny[^:]*:[0-9]*:[0-9]*: warning:' "$w2")
	kd=$(cd "$TREE" && scripts/kernel-doc -Wall -none $NEW_C 2>&1)
	echo "$kd" >>"$log"
	nkd=$(echo "$kd" | grep -c .)
	if [ "$n1" -ne 0 ]; then
		fail warnings "$n1 W=1 warnings (see ${log#"$ROOT"/})"
	elif [ "$nkd" -ne 0 ]; then
		fail warnings "$nkd kernel-doc warnings (see ${log#"$ROOT"/})"
	else
		pass "warnings (W=1 0, kernel-doc 0, W=2 $n2 reported)"
	fi
}

gate_htmldocs() {
	log=$GLOG/htmldocs.log
	: >"$log"
	o=$BDIR/gates/docs
	mkdir -p "$o"
	kmake "$o" htmldocs SPHINXDIRS=userspace-api ||
		{ fail htmldocs "make htmldocs failed (see ${log#"$ROOT"/})"; return; }
	n=$(grep -ci 'binfmt_tiny.*\(warning\|error\)' "$log")
	if [ "$n" -eq 0 ]; then
		pass htmldocs
	else
		fail htmldocs "$n warnings from binfmt_tiny.rst (see ${log#"$ROOT"/})"
	fi
}

# Configurations beyond the y/m/n variants the harness builds and boots.
gate_configs() {
	log=$GLOG/configs.log
	: >"$log"
	o=$BDIR/gates/allnoconfig
	kconfig "$o" allnoconfig && kmake "$o" vmlinux ||
		{ fail configs "allnoconfig does not build (see ${log#"$ROOT"/})"; return; }
	o=$BDIR/gates/nomodules
	kconfig "$o" tinyconfig CONFIG_64BIT=y CONFIG_BINFMT_ELF=y \
		'# CONFIG_MODULES is not set' CONFIG_BINFMT_TINY=y && kmake "$o" vmlinux ||
		{ fail configs "MODULES=n with BINFMT_TINY=y does not build (see ${log#"$ROOT"/})"; return; }
	o=$BDIR/gates/i386
	KARCH=i386 kconfig "$o" tinyconfig CONFIG_BINFMT_ELF=y CONFIG_BINFMT_TINY=y &&
	KARCH=i386 kmake "$o" W=1 KCFLAGS=-Werror $NEW_OBJS ||
		{ fail configs "i386 does not build the loader (see ${log#"$ROOT"/})"; return; }
	pass configs
}

# After each patch the touched objects, and the loader, build for y and m.
gate_bisect() {
	log=$GLOG/bisect.log
	: >"$log"
	t=$BDIR/gates/bisect-tree
	if [ ! -d "$t/.git" ]; then
		git clone -q --shared "$TREE" "$t" >>"$log" 2>&1 ||
			{ fail bisect "cannot clone $TREE"; return; }
	fi
	git -C "$t" fetch -q "$TREE" HEAD >>"$log" 2>&1 &&
	commits=$(git -C "$t" rev-list --reverse base..FETCH_HEAD) ||
		{ fail bisect "no series in $TREE"; return; }
	i=0
	objs=
	for c in $commits; do
		i=$((i + 1))
		git -C "$t" checkout -q "$c" >>"$log" 2>&1 ||
			{ fail bisect "cannot check out patch $i"; return; }
		for f in $(git -C "$t" diff --name-only "$c~1" "$c" -- '*.c'); do
			case $f in
			fs/tests/*) ;;
			tools/*) ;;
			*) objs="$objs ${f%.c}.o" ;;
			esac
		done
		for v in y m; do
			o=$BDIR/gates/bisect-$v
			echo "== patch $i, BINFMT_TINY=$v: $objs" >>"$log"
			TREE=$t kconfig "$o" tinyconfig CONFIG_64BIT=y \
				CONFIG_MODULES=y CONFIG_BINFMT_ELF=y >/dev/null 2>&1
			printf 'CONFIG_BINFMT_TINY=%s\n' "$v" >"$o/tiny.config"
			"$t/scripts/kconfig/merge_config.sh" -m -O "$o" \
				"$o/.config" "$o/tiny.config" >>"$log" 2>&1
			TREE=$t kmake "$o" olddefconfig &&
			TREE=$t kmake "$o" KCFLAGS=-Werror $objs ||
				{ fail bisect "patch $i does not build with BINFMT_TINY=$v (see ${log#"$ROOT"/})"; return; }
		done
	done
	pass "bisect ($i patches)"
}

# ignored NAME GITIGNORE: NAME matches one of the (glob) patterns.
ignored() {
	while read -r pat; do
		case $pat in "#"* | "") continue ;; esac
		# shellcheck disable=SC2254
		case $1 in ${pat#/}) return 0 ;; esac
	done <"$2"
	return 1
}

gate_selftests() {
	log=$GLOG/selftests.log
	: >"$log"
	d=$TREE/$SELFTEST_DIR
	o=$BDIR/gates/selftests
	rm -rf "$o" && mkdir -p "$o"
	# From the environment, so that the Makefile's own CFLAGS still apply.
	CFLAGS="-Wall -Werror" make -C "$d" OUTPUT="$o" >>"$log" 2>&1 ||
		{ fail selftests "build with -Wall -Werror failed (see ${log#"$ROOT"/})"; return; }
	for f in Makefile config .gitignore; do
		[ -f "$d/$f" ] || { fail selftests "no $f"; return; }
	done
	for f in config .gitignore; do
		LC_ALL=C sort -c "$d/$f" 2>>"$log" ||
			{ fail selftests "$f is not sorted"; return; }
	done
	for f in "$o"/*; do
		ignored "$(basename "$f")" "$d/.gitignore" ||
			{ fail selftests "$(basename "$f") is not in .gitignore"; return; }
	done
	grep -q '^TARGETS += binfmt_tiny$' "$TREE/tools/testing/selftests/Makefile" ||
		{ fail selftests "no TARGETS entry"; return; }
	pass selftests
}

gates=${*:-"shape apply checkpatch sparse coccinelle warnings htmldocs configs bisect selftests"}
for g in $gates; do
	"gate_$g"
done
[ "$failed" -eq 0 ]
