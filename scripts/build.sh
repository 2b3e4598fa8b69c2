#!/bin/sh
# Configure and build one variant of the kernel in build/$V (V = y, m or n:
# the value of CONFIG_BINFMT_TINY; or fuzz: BINFMT_TINY=m with the debug
# options of scripts/debug.config, for make fuzz), with ccache (in the
# download cache).
#
# Config: x86_64 tinyconfig + kconfig-fragment + the selftests' config +
# the variant, merged with merge_config.sh; redone only when one of them
# (or the tree) changes.  Every requested symbol is checked in the result.
set -eu

. "$(dirname "$0")/lib.sh"

V=${1:-}
case $V in
y) variant='CONFIG_BINFMT_TINY=y
CONFIG_BINFMT_TINY_KUNIT_TEST=y' ;;
m | fuzz) variant='CONFIG_BINFMT_TINY=m' ;;
n) variant='# CONFIG_BINFMT_TINY is not set' ;;
*) die "usage: $0 y|m|n|fuzz" ;;
esac

tree=$(tree_dir)
[ -f "$tree/Makefile" ] || die "no kernel tree in $tree: run make kernel"
O=$BDIR/$V
log=$O/build.log

# The first build of m or n starts from a copy of build/y: kbuild then only
# rebuilds what depends on the options that differ (ccache alone would
# still preprocess every file again).  Not for fuzz: its sanitizers
# change every object.
case $V in m | n) copy=y ;; *) copy= ;; esac
if [ -n "$copy" ] && [ ! -f "$O/.config" ] && [ -f "$BDIR/y/vmlinux" ]; then
	msg "build/$V starts as a copy of build/y"
	rm -rf "$O"
	cp -a "$BDIR/y" "$O"
	# objtool's build records its absolute output path; were it rebuilt,
	# every object would be, as they depend on it.
	grep -rlF "$BDIR/y/" "$O/tools" | while read -r f; do
		sed -i "s|$BDIR/y/|$O/|g" "$f"
	done
	rm -rf "$O/.config-inputs" "$O/initramfs" "$O/initramfs.cpio" \
		"$O/console.log" "$O/results.txt" "$O/counts"
fi
mkdir -p "$O"
: >"$log"

export CCACHE_DIR="${CCACHE_DIR:-$CACHE/ccache}" CCACHE_BASEDIR="$ROOT"
export CCACHE_NOHASHDIR=1
jobs=${JOBS:-$(nproc)}

run() {
	"$@" >>"$log" 2>&1 || {
		tail -n 40 "$log" >&2
		die "build $V: '$*' failed; full log: ${log#"$ROOT"/}"
	}
}

kmake() {
	run make -C "$tree" O="$O" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc" "$@"
}

# All requested lines of fragment $1 that .config does not have.
dropped() {
	sed -n -e 's/^\(CONFIG_[A-Za-z0-9_]*=.*\)/\1/p' \
		-e 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1 unset/p' "$1" |
	while read -r want unset; do
		if [ -n "$unset" ]; then
			! grep -q "^$want=" "$O/.config" || echo "  # $want is not set"
		else
			grep -qxF "$want" "$O/.config" || echo "  $want"
		fi
	done
}

# The fragments, in merge order; the variant decides BINFMT_TINY.
sel=tools/testing/selftests/binfmt_tiny/config
cp "$ROOT/kconfig-fragment" "$O/harness.config"
if [ -f "$tree/$sel" ]; then
	grep -v 'CONFIG_BINFMT_TINY[= ]' "$tree/$sel" >"$O/selftests.config" || true
else
	: >"$O/selftests.config"
fi
echo "$variant" >"$O/variant.config"
frags="$O/harness.config $O/selftests.config $O/variant.config"
if [ "$V" = fuzz ]; then
	cp "$ROOT/scripts/debug.config" "$O/debug.config"
	frags="$frags $O/debug.config"
fi

check_config() {
	for f in $frags; do
		bad=$(dropped "$f")
		[ -z "$bad" ] || case $f in
		*/harness.config) printf 'kconfig-fragment:\n%s\n' "$bad" ;;
		*/selftests.config) printf '%s:\n%s\n' "$sel" "$bad" ;;
		*/debug.config) printf 'scripts/debug.config:\n%s\n' "$bad" ;;
		*) printf 'BINFMT_TINY=%s:\n%s\n' "$V" "$bad" ;;
		esac
	done
}

# shellcheck disable=SC2086
inputs=$( (cat $frags "$ROOT/scripts/build.sh"; echo "$tree") | sha256sum | cut -d' ' -f1)
if [ "$(cat "$O/.config-inputs" 2>/dev/null)" != "$inputs" ] ||
   [ ! -f "$O/.config" ] || [ -n "$(check_config)" ]; then
	msg "configuring build/$V (BINFMT_TINY=$V)"
	rm -f "$O/.config-inputs"
	kmake tinyconfig
	# shellcheck disable=SC2086
	run "$tree/scripts/kconfig/merge_config.sh" -m -O "$O" "$O/.config" $frags
	kmake olddefconfig
	bad=$(check_config)
	[ -z "$bad" ] || die "build $V: requested but not in .config (unknown symbol or missing dependency):
$bad"
	echo "$inputs" >"$O/.config-inputs"
fi

msg "building build/$V (log: ${log#"$ROOT"/})"
kmake -j"$jobs" all
[ -f "$O/arch/x86/boot/bzImage" ] || die "build $V: no bzImage"
if [ "$V" = m ] || [ "$V" = fuzz ]; then
	[ -f "$O/fs/binfmt_tiny.ko" ] || die "build m: fs/binfmt_tiny.ko was not built"
fi
