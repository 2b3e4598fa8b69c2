#!/bin/sh
# The upstream-quality gates of `make check` (issue 5): each prints one line,
# "ok <gate>" or "FAIL <gate>: <reason>", and keeps its full output in
# build/gates/<gate>.log.  Usage: gates.sh [gate...] (default: all of them).
#
# They look at the series as a maintainer and the kernel's bots would: the
# patches in $PATCHES, the tree they were applied to ($TREE, a git tree whose
# `base` tag is the pristine source) and the x86_64 y build in
# build/x86_64/y (bisect: also the m builds of every architecture of the
# harness).
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

# The x86_64 y build, which sparse, coccinelle and warnings look at.
Y=$BDIR/x86_64/y

mkdir -p "$GLOG"
failed=0

# One line per gate, with its duration (gstart is set by the loop below).
elapsed() { echo "$(($(date +%s) - gstart))s"; }
pass() { echo "ok $1 ($(elapsed)${2:+, $2})"; }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

# newlog GATE: the gate's log, emptied.
newlog() {
	log=$GLOG/$1.log
	: >"$log"
}

# kmake O ARGS...: make in $TREE for ${GARCH:-x86_64} (a name of lib.sh's
# arch_vars table), output appended to the current log.
kmake() {
	o=$1
	shift
	kbuild "$TREE" "$o" "${GARCH:-x86_64}" -j"$JOBS" "$@" >>"$log" 2>&1
}

# kconfig O BASE-TARGET LINE...: configure O (for ${GARCH:-x86_64}) from a
# base config and lines, which must all end up in .config (kconfigure).
kconfig() {
	o=$1 base=$2
	shift 2
	mkdir -p "$o"
	printf '%s\n' "$@" >"$o/gate.config"
	kconfigure "$TREE" "$o" "${GARCH:-x86_64}" "$base" "$o/gate.config" >>"$log" 2>&1
}

# Checks whose result only depends on content (patches, source trees) are
# not redone when that content is unchanged since they passed: like ccache,
# for whole checks.  The key covers the inputs named by the caller, the
# gate scripts themselves and the compiler; GATES_NOCACHE=1 redoes all.
PASSED=$GLOG/passed
memo_key() {
	{
		printf '%s\n' "$@"
		cat "$ROOT/scripts/gates.sh" "$ROOT/scripts/lib.sh"
		gcc --version | head -n 1
	} | sha256sum | cut -d' ' -f1
}
passed_before() { [ -z "${GATES_NOCACHE:-}" ] && [ -f "$PASSED/$1" ]; }
record_pass() { mkdir -p "$PASSED" && : >"$PASSED/$1"; }

# parallel FUNCTION DIR ITEM...: FUNCTION ITEM for every item, in $JOBS
# lanes balanced by the size of the file $TREE/ITEM or ITEM (largest first
# to the least loaded lane); the output of each goes to DIR/<name>.out.
parallel() {
	pfn=$1 pdir=$2
	shift 2
	rm -rf "$pdir" && mkdir -p "$pdir"
	for item in "$@"; do
		f=$item
		[ -f "$f" ] || f=$TREE/$item
		echo "$(wc -c <"$f") $item"
	done | sort -rn |
	awk -v n="$JOBS" '{ m = 1; for (l = 2; l <= n; l++) if (t[l] < t[m]) m = l
		t[m] += $1; print m, $2 }' >"$pdir/lanes"
	for lane in $(seq "$JOBS"); do
		(
			awk -v l="$lane" '$1 == l { print $2 }' "$pdir/lanes" |
			while read -r item; do
				"$pfn" "$item" >"$pdir/$(basename "$item").out" 2>&1
			done
		) &
	done
	wait
}

# x86_objs OBJ...: the objects that build for x86_64: all but those under
# another architecture's arch/ directory.
x86_objs() {
	for ob; do
		case $ob in
		arch/x86/*) echo "$ob" ;;
		arch/*) ;;
		*) echo "$ob" ;;
		esac
	done | paste -s -d ' ' -
}

# TREE_ID: what $TREE holds, its HEAD's tree and any uncommitted change.
need_tree_id() {
	[ -n "${TREE_ID:-}" ] || TREE_ID=$(
		git -C "$TREE" rev-parse 'HEAD^{tree}' 2>/dev/null || echo "$TREE"
		git -C "$TREE" diff HEAD 2>/dev/null | sha256sum)
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

# series_tree: $ST, a persistent checkout of $TREE's `base` with the series
# applied by git am (commits base..HEAD), redone only when the patches or
# the base change.  Checking out base again only rewrites the files that
# differ, unlike a fresh clone.  build/gates/linux is to build/gates/bisect/
# ARCH what build/linux is to build/ARCH/m (../../linux), so that the
# bisect gate's compiler command lines are those of the m builds: ccache
# (CCACHE_BASEDIR) serves their objects.
ST=$GLOG/linux
rm -rf "$GLOG/series-tree"	# its earlier place
series_tree() {
	if [ ! -d "$ST/.git" ]; then
		rm -rf "$ST"
		git clone -q --shared --no-checkout "$TREE" "$ST" || return 1
	fi
	git -C "$ST" fetch -q "$TREE" '+refs/tags/base:refs/tags/base' || return 1
	key="$(series_patches | xargs cat | sha256sum) $(git -C "$ST" rev-parse base)"
	[ "$(cat "$ST/.git/gates-series" 2>/dev/null)" = "$key $(git -C "$ST" rev-parse HEAD)" ] &&
		return 0
	rm -f "$ST/.git/gates-series"
	git -C "$ST" am --abort >/dev/null 2>&1
	git -C "$ST" checkout -q -f --detach base || return 1
	# shellcheck disable=SC2046
	if ! git -C "$ST" -c user.name=gate -c user.email=gate@localhost \
		am -q --committer-date-is-author-date $(series_patches); then
		git -C "$ST" am --abort
		return 1
	fi
	echo "$key $(git -C "$ST" rev-parse HEAD)" >"$ST/.git/gates-series"
}

# The series applies with git am to the pristine tree.
gate_apply() {
	newlog apply
	if series_tree >>"$log" 2>&1; then
		pass apply "$(git -C "$ST" rev-list --count base..HEAD) patches"
	else
		fail apply "git am failed (see ${log#"$ROOT"/})"
	fi
}

# checkpatch_one PATCH: checkpatch as the issue asks; prints its output and
# ends with "RESULT <patch> <errors> <warnings> <checks>".  Unchanged
# patches that passed before are not checked again (--codespell alone takes
# 20 ms a line: 100 s for the selftests patch).
checkpatch_one() {
	key=$(memo_key checkpatch "$TREE_ID" "$(sha256sum <"$1")" \
		"$(sha256sum <"$CODESPELL_DICT")")
	if passed_before "$key"; then
		echo "$1: unchanged since it passed"
		echo "RESULT $(basename "$1" .patch) 0 0 0"
		return
	fi
	out=$(cd "$TREE" && scripts/checkpatch.pl --strict --codespell \
		--codespellfile="$CODESPELL_DICT" --no-signoff --show-types "$1" 2>&1)
	echo "$out"
	total=$(echo "$out" | sed -n 's/^total: \([0-9]*\) errors, \([0-9]*\) warnings, \([0-9]*\) checks.*/\1 \2 \3/p')
	[ "$total" != "0 0 0" ] || record_pass "$key"
	echo "RESULT $(basename "$1" .patch) ${total:-? ? ?}"
}

# Every patch, $JOBS at a time, each one's output kept whole in the log.
gate_checkpatch() {
	newlog checkpatch
	need_tree_id
	# shellcheck disable=SC2046
	parallel checkpatch_one "$GLOG/checkpatch" $(series_patches)
	for p in $(series_patches); do
		cat "$GLOG/checkpatch/$(basename "$p").out"
	done >>"$log"
	bad=$(awk '$1 == "RESULT" && ($3 != 0 || $4 != 0 || $5 != 0) { printf " %s(%s %s %s)", $2, $3, $4, $5 }' "$log")
	n=$(grep -c '^RESULT ' "$log")
	if [ "$n" -ne "$(series_patches | wc -l)" ]; then
		fail checkpatch "checkpatch did not report on every patch (see ${log#"$ROOT"/})"
	elif [ -n "$bad" ]; then
		fail checkpatch "errors/warnings/checks in$bad (see ${log#"$ROOT"/})"
	else
		pass checkpatch "$n patches"
	fi
}

gate_sparse() {
	newlog sparse
	"$SPARSE" --version >>"$log" 2>&1 ||
		{ fail sparse "$SPARSE does not run: make deps"; return; }
	valid=$(cd "$TREE" && sh scripts/checker-valid.sh "$SPARSE" -D__x86_64__)
	[ "$valid" = 1 ] ||
		{ fail sparse "checker-valid.sh rejects $SPARSE"; return; }
	kmake "$Y" C=2 CHECK="$SPARSE" $NEW_OBJS ||
		{ fail sparse "build failed (see ${log#"$ROOT"/})"; return; }
	grep -q '^  CHECK  *fs/binfmt_tiny.c' "$log" ||
		{ fail sparse "sparse did not run (see ${log#"$ROOT"/})"; return; }
	n=$(grep -c ': \(warning\|error\):' "$log")
	if [ "$n" -eq 0 ]; then
		pass sparse
	else
		fail sparse "$n warnings (see ${log#"$ROOT"/})"
	fi
}

# The .cocci files coccicheck runs in report mode with this spatch.
cocci_scripts() {
	v=$(spatch --version | awk 'NR == 1 { print $3 }')
	find "$TREE/scripts/coccinelle" -name '*.cocci' -type f | sort |
	while read -r f; do
		grep -q 'virtual[[:space:]]\+report' "$f" || continue
		req=$(sed -n 's/.*Requires:[[:space:]]*//p' "$f")
		[ -z "$req" ] || printf '%s\n%s\n' "$req" "$v" | sort -C -V || continue
		echo "$f"
	done
}

# The include options kbuild gives the loader (coccicheck's LINUXINCLUDE).
linux_include() {
	sed -n 's/^savedcmd_[^ ]* := //p' "$Y/fs/.binfmt_tiny.o.cmd" |
		tr ' ' '\n' |
		awk 'inc { print; inc = 0; next } /^-I/ { print } /^-include$/ { print; inc = 1 }' |
		tr '\n' ' '
}

# coccicheck_one FILE: scripts/coccicheck in its "online" mode (what
# make C=2 CHECK=scripts/coccicheck would run, if kbuild accepted coccicheck
# as a checker: 7.3's checker-valid.sh does not, and kbuild then silently
# checks nothing), from build/x86_64/y so that the relative include dirs
# resolve.
coccicheck_one() {
	(cd "$Y" && env -u KBUILD_EXTMOD -u COCCI -u DEBUG_FILE -u V \
		C=2 MODE=report srctree="$TREE" LINUXINCLUDE="$INC" \
		"$TREE/scripts/coccicheck" "$TREE/$1" 2>&1)
	echo "RESULT $1 exit $?"
}

gate_coccinelle() {
	newlog coccinelle
	command -v spatch >/dev/null || { fail coccinelle "spatch missing: make deps"; return; }
	[ -f "$Y/fs/.binfmt_tiny.o.cmd" ] ||
		{ fail coccinelle "no build/x86_64/y/fs/.binfmt_tiny.o.cmd: build y first"; return; }
	need_tree_id
	INC=$(linux_include)
	ncocci=$(cocci_scripts | wc -l)
	key=$(memo_key coccinelle "$TREE_ID" "$INC" "$NEW_C" "$(spatch --version)" \
		"$(for f in $NEW_C; do cat "$TREE/$f"; done | sha256sum)")
	if passed_before "$key"; then
		echo "unchanged since it passed: $NEW_C" >>"$log"
		pass coccinelle "$ncocci scripts, unchanged since they passed"
		return
	fi
	# shellcheck disable=SC2086
	parallel coccicheck_one "$GLOG/coccinelle" $NEW_C
	for f in $NEW_C; do
		cat "$GLOG/coccinelle/$(basename "$f").out"
	done >>"$log"
	for f in $NEW_C; do
		grep -q "^RESULT $f exit 0$" "$log" ||
			{ fail coccinelle "coccicheck failed on $f (see ${log#"$ROOT"/})"; return; }
		# coccicheck prints every spatch command it runs.
		ran=$(grep -c "^$(command -v spatch) -D report .* $TREE/$f\$" "$log")
		[ "$ran" -eq "$ncocci" ] ||
			{ fail coccinelle "spatch ran $ran of the $ncocci report scripts on $f (see ${log#"$ROOT"/})"; return; }
	done
	n=$(grep -c "^$TREE/[^ ]*:[0-9]*:" "$log")
	if [ "$n" -eq 0 ]; then
		record_pass "$key"
		pass coccinelle "$ncocci scripts on each of $NEW_C"
	else
		fail coccinelle "$n reports (see ${log#"$ROOT"/})"
	fi
}

# W=1 and -Werror must be clean; W=2 is only reported.  A separate build
# dir keeps build/x86_64/y from being recompiled with other flags.
gate_warnings() {
	newlog warnings
	o=$BDIR/gates/w
	if [ ! -f "$o/.config" ] || ! cmp -s "$Y/.config" "$o/.config"; then
		mkdir -p "$o" && cp "$Y/.config" "$o/.config"
		kmake "$o" olddefconfig ||
			{ fail warnings "cannot configure (see ${log#"$ROOT"/})"; return; }
	fi
	rm -f "$o/fs/binfmt_tiny.o"
	kmake "$o" W=1 KCFLAGS=-Werror $NEW_OBJS ||
		{ fail warnings "W=1 -Werror build failed (see ${log#"$ROOT"/})"; return; }
	n1=$(grep -c 'warning:' "$log")
	rm -f "$o/fs/binfmt_tiny.o"
	w2=$GLOG/warnings-w2.log
	kbuild "$TREE" "$o" x86_64 -j"$JOBS" W=2 $NEW_OBJS >"$w2" 2>&1
	n2=$(grep -c 'binfmt_tiny[^:]*:[0-9]*:[0-9]*: warning:' "$w2")
	# shellcheck disable=SC2086
	kd=$(cd "$TREE" && scripts/kernel-doc -Wall -none $NEW_C 2>&1)
	echo "$kd" >>"$log"
	nkd=$(echo "$kd" | grep -c .)
	if [ "$n1" -ne 0 ]; then
		fail warnings "$n1 W=1 warnings (see ${log#"$ROOT"/})"
	elif [ "$nkd" -ne 0 ]; then
		fail warnings "$nkd kernel-doc warnings (see ${log#"$ROOT"/})"
	else
		pass warnings "W=1 0, kernel-doc 0, W=2 $n2 reported"
	fi
}

gate_htmldocs() {
	newlog htmldocs
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
# shellcheck disable=SC2015
# Each build dir is reconfigured only when its inputs change (kconfigure),
# so that an unchanged tree is a no-op make.
gate_configs() {
	newlog configs
	# allnoconfig has MODULES=n: the C files the series adds or changes
	# build there with BINFMT_TINY=y and ELF core dumps
	# (EXPORT_SYMBOL_FOR_MODULES() and the loader without modules).  allnoconfig alone shows nothing that
	# build-n does not, and linking it would be a cold kernel build of its
	# own: neither is done.
	# shellcheck disable=SC2046
	objs=$(x86_objs $(series_patches | xargs sed -n 's|^+++ b/\(.*\)\.c$|\1.o|p' |
		grep -v -e '^tools/' -e '^fs/tests/' | sort -u))
	o=$BDIR/gates/nomodules
	# shellcheck disable=SC2086
	kconfig "$o" allnoconfig '# CONFIG_MODULES is not set' \
		CONFIG_BINFMT_ELF=y CONFIG_COREDUMP=y CONFIG_ELF_CORE=y \
		CONFIG_BINFMT_TINY=y && kmake "$o" KCFLAGS=-Werror $objs ||
		{ fail configs "MODULES=n with BINFMT_TINY=y does not build (see ${log#"$ROOT"/})"; return; }
	# (i386 and the other architectures that the harness does not boot:
	# the foreign gate)
	pass configs "MODULES=n: $(echo $objs)"
}

# bisect_build I V OBJS: patch I of the series tree builds OBJS (x86_objs)
# with BINFMT_TINY=V (and KUnit for y, once the patch adds it), -Werror,
# for x86_64 on a small config.
bisect_build() {
	o=$BDIR/gates/bisect-$2
	lines="CONFIG_64BIT=y CONFIG_MODULES=y CONFIG_BINFMT_ELF=y"
	if grep -qs '^config BINFMT_TINY$' "$ST"/fs/Kconfig*; then
		lines="$lines CONFIG_BINFMT_TINY=$2"
	fi
	# KUnit and the suite built in (y), or both modules (m)
	if grep -qs '^config BINFMT_TINY_KUNIT_TEST$' "$ST"/fs/Kconfig*; then
		lines="$lines CONFIG_KUNIT=$2 CONFIG_BINFMT_TINY_KUNIT_TEST=$2"
	fi
	# shellcheck disable=SC2086
	TREE=$ST kconfig "$o" tinyconfig $lines &&
	TREE=$ST kmake "$o" KCFLAGS=-Werror $3
}

# bisect_link I ARCH: patch I of the series tree builds and links for ARCH
# (make all: vmlinux, the modules, modpost) with the configuration of
# build/ARCH/m, BINFMT_TINY=m, in build/gates/bisect/ARCH: one directory
# per architecture, patch after patch, so that kbuild rebuilds only what a
# patch changes; the rest is what build/ARCH/m compiled, from ccache (see
# series_tree).  The symbols a patch does not know yet are dropped
# (olddefconfig).
bisect_link() {
	o=$BDIR/gates/bisect/$2
	cp "$o/m.config" "$o/.config" &&
	GARCH=$2 TREE=$ST kmake "$o" olddefconfig &&
	GARCH=$2 TREE=$ST kmake "$o" all || return 1
	if grep -qs '^config BINFMT_TINY$' "$ST"/fs/Kconfig*; then
		[ -f "$o/fs/binfmt_tiny.ko" ] ||
			{ echo "patch $1: no fs/binfmt_tiny.ko for $2" >>"$log"; return 1; }
	fi
}

# bisect_selftests I: the kselftests of patch I build (against the UAPI
# headers of that patch).
bisect_selftests() {
	o=$BDIR/gates/bisect-y
	mkdir -p "$o/kselftest" &&
	TREE=$ST kmake "$o" headers &&
	make -C "$ST/$SELFTEST_DIR" OUTPUT="$o/kselftest" \
		KHDR_INCLUDES="-isystem $o/usr/include" -j"$JOBS" >>"$log" 2>&1
}

# After each patch, the objects of the files the series touched so far (and
# the KUnit suite, and the kselftests once there) build for x86_64 with
# BINFMT_TINY=y and =m and -Werror, and the whole kernel with its modules
# builds and links for every architecture of the harness (bisect_link).
# The patches are taken last first: the last one is the tree that
# build/ARCH/m built, so that a cold gate's first kernel of each
# architecture comes from ccache, and each earlier patch rebuilds what it
# changes.  The boots of the last patch are the harness's y/m/n variants.
# A patch whose tree passed before (same content and configurations) is
# not rebuilt.
gate_bisect() {
	newlog bisect
	series_tree >>"$log" 2>&1 ||
		{ fail bisect "the series does not apply (see ${log#"$ROOT"/})"; return; }
	for a in $ARCHS; do
		[ -f "$BDIR/$a/m/.config" ] ||
			{ fail bisect "no build/$a/m/.config: run make build-m ARCH=$a first"; return; }
		mkdir -p "$BDIR/gates/bisect/$a"
		cmp -s "$BDIR/$a/m/.config" "$BDIR/gates/bisect/$a/m.config" ||
			cp "$BDIR/$a/m/.config" "$BDIR/gates/bisect/$a/m.config"
	done
	configs=$(for a in $ARCHS; do cat "$BDIR/gates/bisect/$a/m.config"; done | sha256sum)
	# the patches in order, each with the objects touched up to it
	i=0 objs=''
	for c in $(git -C "$ST" rev-list --reverse base..HEAD); do
		i=$((i + 1))
		for f in $(git -C "$ST" diff --name-only "$c~1" "$c"); do
			case $f in
			fs/tests/* | tools/*) ;;
			*.c)
				case " $objs " in
				*" ${f%.c}.o "*) ;;	# touched before
				*) objs="$objs ${f%.c}.o" ;;
				esac
				;;
			esac
		done
		echo "$i $c$objs"
	done >"$GLOG/bisect.patches"
	n=$i
	[ "$n" -gt 0 ] || { fail bisect "no patches"; return; }
	cached=0
	# last patch first
	sort -rn "$GLOG/bisect.patches" >"$GLOG/bisect.order"
	while read -r i c objs; do
		files=$(git -C "$ST" diff --name-only "$c~1" "$c")
		key=$(memo_key bisect "$(git -C "$ST" rev-parse "$c^{tree}")" "$objs" \
			"$ARCHS" "$configs")
		if passed_before "$key"; then
			echo "== patch $i: same tree as when it passed" >>"$log"
			cached=$((cached + 1))
			continue
		fi
		git -C "$ST" checkout -q "$c" >>"$log" 2>&1 ||
			{ fail bisect "cannot check out patch $i"; return; }
		if echo "$files" | grep -qv '^\(Documentation/\|tools/\|MAINTAINERS$\)'; then
			# the x86_64 objects touched so far, with -Werror: none
			# after a first patch that touches only another
			# architecture's headers (make all below builds x86_64)
			# shellcheck disable=SC2086
			x86=$(x86_objs $objs)
			for v in ${x86:+y m}; do
				echo "== patch $i, BINFMT_TINY=$v:$objs" >>"$log"
				bisect_build "$i" "$v" "$x86" ||
					{ fail bisect "patch $i does not build with BINFMT_TINY=$v (see ${log#"$ROOT"/})"; return; }
			done
			for a in $ARCHS; do
				echo "== patch $i, $a: make all with the config of build/$a/m" >>"$log"
				bisect_link "$i" "$a" ||
					{ fail bisect "patch $i does not build and link for $a with BINFMT_TINY=m (see ${log#"$ROOT"/})"; return; }
			done
		else
			echo "== patch $i touches only Documentation/, tools/ or MAINTAINERS: its kernel is that of patch $((i - 1))" >>"$log"
		fi
		if echo "$files" | grep -q "^$SELFTEST_DIR/"; then
			echo "== patch $i: kselftests" >>"$log"
			bisect_selftests "$i" ||
				{ fail bisect "patch $i: the kselftests do not build (see ${log#"$ROOT"/})"; return; }
		fi
		record_pass "$key"
	done <"$GLOG/bisect.order"
	pass bisect "$n patches, linked for $(echo "$ARCHS" | sed 's/ /, /g'); $cached unchanged since they passed"
}

# foreign_one ARCH V O LINE...: in O (tinyconfig of ARCH, kept in
# O/tiny.config), MODULES=y, the LINEs (the table's ARCH_CONFIG) and
# BINFMT_TINY=V.  Prints
# "not offered" when Kconfig leaves BINFMT_TINY out of the .config (its
# dependencies are not met there), "built" after make all (vmlinux, the
# modules, modpost) where it is offered; fails, printing why, on anything
# else.
foreign_one() {
	fa=$1 fv=$2 fo=$3
	shift 3
	printf '%s\n' CONFIG_MODULES=y "$@" >"$fo/want.config"
	printf '%s\n' "CONFIG_BINFMT_TINY=$fv" >>"$fo/want.config"
	cp "$fo/tiny.config" "$fo/.config" &&
	"$TREE/scripts/kconfig/merge_config.sh" -m -O "$fo" "$fo/.config" \
		"$fo/want.config" >>"$log" 2>&1 &&
	GARCH=$fa kmake "$fo" olddefconfig || { echo "cannot configure"; return 1; }
	bad=$(grep -v BINFMT_TINY "$fo/want.config" >"$fo/arch.config" &&
		config_dropped "$fo/arch.config" "$fo/.config")
	[ -z "$bad" ] || { echo "not in .config:$bad"; return 1; }
	got=$("$TREE/scripts/config" --file "$fo/.config" -s BINFMT_TINY)
	if ! grep -q '^\(# \)\{0,1\}CONFIG_BINFMT_TINY[= ]' "$fo/.config"; then
		[ "$got" = undef ] || { echo "scripts/config -s BINFMT_TINY says $got"; return 1; }
		echo "not offered"
		return 0
	fi
	[ "$got" = "$fv" ] || { echo "offered, but olddefconfig made it BINFMT_TINY=$got"; return 1; }
	GARCH=$fa kmake "$fo" all || { echo "offered, and make all fails"; return 1; }
	echo built
}

# The architectures that the harness does not boot (lib.sh FOREIGN_ARCHS:
# 32-bit arm, 64-bit little-endian powerpc, s390, i386), each from
# tinyconfig with MODULES=y and BINFMT_TINY=y, then =m: Kconfig does not
# offer the loader there (pass: "not offered"), or the kernel builds with
# it (make all, so modpost runs too).  Only the configurations, seconds,
# unless one offers it; redone only when the tree changes.
gate_foreign() {
	newlog foreign
	need_tree_id
	key=$(memo_key foreign "$TREE_ID" "$FOREIGN_ARCHS")
	if passed_before "$key" && [ -s "$PASSED/$key" ]; then
		pass foreign "$(cat "$PASSED/$key"); unchanged since it passed"
		return
	fi
	summary=
	for a in $FOREIGN_ARCHS; do
		lines=$(arch_vars "$a" && echo "$ARCH_CONFIG")
		o=$GLOG/foreign/$a
		mkdir -p "$o"
		echo "== $a: tinyconfig $lines" >>"$log"
		GARCH=$a kmake "$o" tinyconfig && cp "$o/.config" "$o/tiny.config" ||
			{ fail foreign "$a: make tinyconfig failed (see ${log#"$ROOT"/})"; return; }
		for v in y m; do
			echo "== $a: MODULES=y BINFMT_TINY=$v" >>"$log"
			# shellcheck disable=SC2086
			r=$(foreign_one "$a" "$v" "$o" $lines) ||
				{ fail foreign "$a, BINFMT_TINY=$v: $r (see ${log#"$ROOT"/})"; return; }
			echo "$a, BINFMT_TINY=$v: $r" >>"$log"
			summary="$summary${summary:+, }$a $v: $r"
		done
	done
	record_pass "$key"
	echo "$summary" >"$PASSED/$key"
	pass foreign "$summary"
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

# config_sorted CONFIG: netdev's order for a selftests config (nipa's
# validate_config_format): the option names, underscores removed, ascending.
config_sorted() {
	LC_ALL=C awk '/^[ \t]*#/ || !/=/ { next }
		{ k = $0; sub(/=.*/, "", k); gsub(/[ \t_]/, "", k) }
		prev != "" && k < prev { printf "line %d: %s should come before %s\n", NR, $0, pl; bad = 1 }
		{ prev = k; pl = $0 } END { exit bad }' "$1"
}

gate_selftests() {
	newlog selftests
	d=$TREE/$SELFTEST_DIR
	o=$BDIR/gates/selftests
	rm -rf "$o" && mkdir -p "$o"
	# Against the tree's UAPI headers (<linux/binfmt_tiny.h> is new), as
	# the selftests' top Makefile builds them; CFLAGS from the environment,
	# so that the Makefile's own CFLAGS still apply.
	make -C "$TREE" O="$o/hdr" headers >>"$log" 2>&1 ||
		{ fail selftests "make headers failed (see ${log#"$ROOT"/})"; return; }
	CFLAGS="-Wall -Werror" make -C "$d" OUTPUT="$o" \
		KHDR_INCLUDES="-isystem $o/hdr/usr/include" >>"$log" 2>&1 ||
		{ fail selftests "build with -Wall -Werror failed (see ${log#"$ROOT"/})"; return; }
	for f in Makefile config .gitignore; do
		[ -f "$d/$f" ] || { fail selftests "no $f"; return; }
	done
	if ! config_sorted "$d/config" >>"$log" || ! LC_ALL=C sort -c "$d/config" 2>>"$log"; then
		fail selftests "config is not sorted (see ${log#"$ROOT"/})"
		return
	fi
	LC_ALL=C sort -c "$d/.gitignore" 2>>"$log" ||
		{ fail selftests ".gitignore is not sorted (see ${log#"$ROOT"/})"; return; }
	LC_ALL=C awk -f "$ROOT/scripts/mklists.awk" "$d/Makefile" >>"$log" ||
		{ fail selftests "Makefile lists are not one sorted item a line (see ${log#"$ROOT"/})"; return; }
	for f in "$o"/*; do
		[ "$f" != "$o/hdr" ] || continue
		ignored "$(basename "$f")" "$d/.gitignore" ||
			{ fail selftests "$(basename "$f") is not in .gitignore"; return; }
	done
	grep -q '^TARGETS += binfmt_tiny$' "$TREE/tools/testing/selftests/Makefile" ||
		{ fail selftests "no TARGETS entry"; return; }
	pass selftests
}

# kunit.py ARGS...: the kernel's KUnit runner on $TREE.  It tries KVM
# first, which hangs on some hosts: unless QEMU_ACCEL=kvm, /dev/kvm is
# hidden from it (a private mount namespace), so qemu uses TCG.
kunit_py() {
	if [ "${QEMU_ACCEL:-tcg}" != kvm ] && [ -e /dev/kvm ]; then
		(cd "$TREE" && unshare -m sh -c \
			'mount --bind /dev/null /dev/kvm && exec "$@"' sh \
			./tools/testing/kunit/kunit.py "$@")
	else
		(cd "$TREE" && ./tools/testing/kunit/kunit.py "$@")
	fi
}

# The suite as the kernel runs it: kunit.py with the series' .kunitconfig,
# under qemu (TCG) on each architecture of KUNIT_ARCHS (make kunit; default
# x86_64; also arm64 and riscv64, cross-compiled).  Not in make check: the
# loader is not offered on UML, and the y guests run the same suite at
# boot (the m guests at insmod) on every architecture of the harness; a
# cold KUnit kernel is 4-7 minutes more per architecture.
gate_kunit() {
	newlog kunit
	archs=${KUNIT_ARCHS:-x86_64}
	for a in $archs; do
		kv=$(arch_vars "$a" && need_gcc && echo "$KARCH $CROSS_COMPILE") ||
			{ fail kunit "KUNIT_ARCHS: $a"; return; }
		karch=${kv%% *} cross=${kv#* }
		echo "== kunit.py run --kunitconfig=fs/tests --arch=$karch${cross:+ --cross_compile=$cross}" >>"$log"
		kunit_py run --kunitconfig=fs/tests --arch="$karch" \
			${cross:+--cross_compile="$cross"} \
			--build_dir="$BDIR/gates/kunit-$a" --jobs="$JOBS" \
			--make_options "CC=ccache ${cross}gcc" >"$GLOG/kunit-$a.out" 2>&1
		rc=$?
		cat "$GLOG/kunit-$a.out" >>"$log"
		[ "$rc" -eq 0 ] && grep -q 'PASSED\] binfmt_tiny' "$GLOG/kunit-$a.out" ||
			{ fail kunit "kunit.py on $a (see ${log#"$ROOT"/})"; return; }
	done
	pass kunit "$(sed -n 's/.*Testing complete. \(Ran [0-9]* tests\).*/\1/p' \
		"$GLOG/kunit-$a.out") on each of $archs"
}

# make check's gates; kunit (make kunit) is not one of them
gates=${*:-"shape apply checkpatch sparse coccinelle warnings htmldocs configs foreign bisect selftests"}
for g in $gates; do
	gstart=$(date +%s)
	"gate_$g"
done
[ "$failed" -eq 0 ]
