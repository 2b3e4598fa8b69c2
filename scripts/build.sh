#!/bin/sh
# Configure and build one variant of the kernel for $ARCH (lib.sh:
# arch_vars; default x86_64) in build/$ARCH/$V (V = y, m or n: the value
# of CONFIG_BINFMT_TINY; or fuzz: BINFMT_TINY=m with the debug options of
# scripts/debug.config, for make fuzz), with ccache (in the download cache).
#
# Config: tinyconfig + kconfig-fragment (its shared lines and the
# architecture's sections) + the selftests' config + the variant, merged
# with merge_config.sh (kconfigure, shared with the gates); redone only
# when one of them (or the tree) changes.  Every requested symbol is
# checked in the result.
set -eu

. "$(dirname "$0")/lib.sh"

V=${1:-}
case $V in
# KUnit in every variant, so that struct task_struct is the same in all and
# ccache serves the objects of one to the others; it runs the binfmt_tiny
# suite at boot (y), or when the module is loaded, both KUnit and the
# suite being modules (m).
y) variant='CONFIG_KUNIT=y
CONFIG_BINFMT_TINY=y
CONFIG_BINFMT_TINY_KUNIT_TEST=y' ;;
m) variant='CONFIG_KUNIT=m
CONFIG_BINFMT_TINY=m
CONFIG_BINFMT_TINY_KUNIT_TEST=m' ;;
fuzz) variant='CONFIG_KUNIT=y
CONFIG_BINFMT_TINY=m
CONFIG_BINFMT_TINY_KUNIT_TEST=m' ;;
n) variant='CONFIG_KUNIT=y
# CONFIG_BINFMT_TINY is not set' ;;
*) die "usage: $0 y|m|n|fuzz" ;;
esac

tree=$(tree_dir)
[ -f "$tree/Makefile" ] || die "no kernel tree in $tree: run make kernel"
need_gcc
O=$ABDIR/$V
name=build/$HARCH/$V
log=$O/build.log

# The first build of m or n starts from a copy of build/$ARCH/y: kbuild
# then only rebuilds what depends on the options that differ (ccache alone
# would still preprocess every file again).  Not for fuzz: its sanitizers
# change every object.
case $V in m | n) copy=y ;; *) copy= ;; esac
if [ -n "$copy" ] && [ ! -f "$O/.config" ] && [ -f "$ABDIR/y/vmlinux" ]; then
	msg "$name starts as a copy of build/$HARCH/y"
	rm -rf "$O"
	cp -a "$ABDIR/y" "$O"
	# objtool's build (x86) records its absolute output path; were it
	# rebuilt, every object would be, as they depend on it.
	grep -rlF "$ABDIR/y/" "$O/tools" 2>/dev/null | while read -r f; do
		sed -i "s|$ABDIR/y/|$O/|g" "$f"
	done
	rm -rf "$O/.config-inputs" "$O/initramfs" "$O/initramfs.cpio" \
		"$O"/*console.log "$O"/*results.txt "$O"/*counts
fi
mkdir -p "$O"
: >"$log"

export CCACHE_DIR="${CCACHE_DIR:-$CACHE/ccache}" CCACHE_BASEDIR="$ROOT"
export CCACHE_NOHASHDIR=1
jobs=${JOBS:-$(nproc)}

run() {
	"$@" >>"$log" 2>&1 || {
		tail -n 40 "$log" >&2
		die "$name: '$*' failed; full log: ${log#"$ROOT"/}"
	}
}

kmake() {
	run kbuild "$tree" "$O" "$HARCH" "$@"
}

# The fragments, in merge order; the variant decides BINFMT_TINY.
sel=tools/testing/selftests/binfmt_tiny/config
arch_fragment "$HARCH" "$ROOT/kconfig-fragment" >"$O/kconfig-fragment"
if [ -f "$tree/$sel" ]; then
	grep -v 'CONFIG_BINFMT_TINY[= ]' "$tree/$sel" >"$O/selftests.config" || true
else
	: >"$O/selftests.config"
fi
echo "$variant" >"$O/variant-$V.config"
frags="$O/kconfig-fragment $O/selftests.config $O/variant-$V.config"
if [ "$V" = fuzz ]; then
	arch_fragment "$HARCH" "$ROOT/scripts/debug.config" >"$O/debug.config"
	frags="$frags $O/debug.config"
fi

# Redone only when a fragment, the tree or the helper changes, or when the
# .config lacks a requested line (see kconfigure in lib.sh).
# shellcheck disable=SC2086
kconfigure "$tree" "$O" "$HARCH" tinyconfig $frags >"$O/config.log" 2>&1 || {
	tail -n 40 "$O/config.log" >&2
	die "$name: configuration failed; full log: ${O#"$ROOT"/}/config.log"
}
grep -q '^configuring' "$O/config.log" && msg "configured $name (BINFMT_TINY=$V)"
cat "$O/config.log" >>"$log"

# The debug kernel profiles the loader alone for gcov (debug.config's
# CONFIG_GCOV_KERNEL): make check's coverage of fs/binfmt_tiny.c.
gcov=
[ "$V" != fuzz ] || gcov=GCOV_PROFILE_binfmt_tiny.o=y
msg "building $name (log: ${log#"$ROOT"/})"
kmake -j"$jobs" $gcov all
[ -f "$O/$IMAGE" ] || die "$name: no $IMAGE"
if [ "$V" = m ] || [ "$V" = fuzz ]; then
	[ -f "$O/fs/binfmt_tiny.ko" ] || die "$name: fs/binfmt_tiny.ko was not built"
fi
if [ -n "$gcov" ]; then
	[ -f "$O/fs/binfmt_tiny.gcno" ] || die "$name: fs/binfmt_tiny.o was built without gcov"
fi
