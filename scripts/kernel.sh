#!/bin/sh
# Prepare the kernel tree the harness builds.
#
#   kernel.sh          without KDIR: build/linux, a git clone of the pristine
#                      base tree with patches/ applied by git am (redone only
#                      when patches/ changes); with KDIR: check that KDIR is
#                      a kernel tree with the series applied.
#   kernel.sh apply    apply patches/ to KDIR (git am, or patch -p1 after a
#                      dry run on a scratch copy for a plain tree).
#
# The kernel version in use is printed and recorded in build/kernel-version.
set -eu

. "$(dirname "$0")/lib.sh"

is_kernel_tree() {
	grep -q '^VERSION = ' "$1/Makefile" 2>/dev/null &&
		[ -f "$1/Kconfig" ] && [ -f "$1/fs/exec.c" ]
}

kernelversion() {
	make -s -C "$1" kernelversion 2>/dev/null || echo unknown
}

# Files the series touches.
touched() {
	# shellcheck disable=SC2046
	sed -n -e 's|^--- a/||p' -e 's|^+++ b/||p' $(series_patches) |
		sed 's/[[:space:]].*//' | sort -u
}

# Copy the files the series touches from tree $1 into scratch dir $2.
scratch_copy() {
	rm -rf "$2" && mkdir -p "$2"
	touched | while read -r f; do
		if [ -f "$1/$f" ]; then
			mkdir -p "$(dirname "$2/$f")" && cp -p "$1/$f" "$2/$f"
		fi
	done
}

# Is the series applied to tree $1?  Reverse-apply it, last patch first,
# to a scratch copy of the touched files.
is_applied() {
	[ -f "$1/fs/binfmt_tiny.c" ] || return 1
	tmp=$BDIR/scratch-applied
	scratch_copy "$1" "$tmp"
	for p in $(series_patches | sort -r); do
		patch -d "$tmp" -R -p1 -F0 -s -f --no-backup-if-mismatch <"$p" \
			>/dev/null 2>&1 || { rm -rf "$tmp"; return 1; }
	done
	rm -rf "$tmp"
}

is_git_tree() {
	[ "$(git -C "$1" rev-parse --show-toplevel 2>/dev/null)" = "$1" ]
}

record() {
	mkdir -p "$BDIR"
	echo "$1" >"$BDIR/kernel-version"
	msg "kernel: $1"
}

apply_kdir() {
	tree=$1
	if is_applied "$tree"; then
		msg "the series is already applied to $tree"
		return
	fi
	if is_git_tree "$tree"; then
		# shellcheck disable=SC2046
		out=$(git -C "$tree" am -q $(series_patches) 2>&1) || {
			git -C "$tree" am --abort 2>/dev/null || true
			printf '%s\n' "$out" | grep -v -e '^hint:' -e 'git am --' >&2
			die "the series does not apply to $tree with git am (tree left unchanged)"
		}
	else
		tmp=$BDIR/scratch-apply
		scratch_copy "$tree" "$tmp"
		for p in $(series_patches); do
			out=$(patch -d "$tmp" -p1 -F0 -f --no-backup-if-mismatch <"$p" 2>&1) || {
				rm -rf "$tmp"
				printf '%s\n' "$out" >&2
				die "${p##*/} does not apply to $tree (patch -p1 dry run; tree left unchanged)"
			}
		done
		rm -rf "$tmp"
		for p in $(series_patches); do
			patch -d "$tree" -p1 -F0 -s -f --no-backup-if-mismatch <"$p" ||
				die "${p##*/}: patch -p1 failed on $tree after a clean dry run"
		done
	fi
	msg "applied $(series_patches | wc -l) patches to $tree"
}

# build/linux: base + the series, with git am.
prepare_default() {
	base=$("$ROOT/scripts/base-tree.sh")
	tree=$BDIR/linux
	export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
	export GIT_COMMITTER_NAME="$PROJ_NAME" GIT_COMMITTER_EMAIL="$PROJ_EMAIL"

	want=$(git -C "$base" rev-parse base)
	if [ "$(git -C "$tree" rev-parse -q --verify base 2>/dev/null)" != "$want" ]; then
		msg "cloning the base tree into ${tree#"$ROOT"/}"
		rm -rf "$tree"
		mkdir -p "$BDIR"
		git clone -q "$base" "$tree"
	fi

	# shellcheck disable=SC2046
	stamp=$(cat $(series_patches) | sha256sum | cut -d' ' -f1)
	stampfile=$tree/.git/binfmt-tiny-series
	if [ "$(cat "$stampfile" 2>/dev/null)" != "$stamp $(git -C "$tree" rev-parse HEAD)" ]; then
		msg "applying $(series_patches | wc -l) patches with git am"
		rm -f "$stampfile"
		git -C "$tree" am --abort >/dev/null 2>&1 || true
		git -C "$tree" reset -q --hard base
		git -C "$tree" clean -q -f -d -x
		# shellcheck disable=SC2046
		git -C "$tree" am -q --committer-date-is-author-date $(series_patches) || {
			git -C "$tree" am --abort 2>/dev/null || true
			die "the series in ${PATCHES#"$ROOT"/}/ does not apply to the base tree"
		}
		echo "$stamp $(git -C "$tree" rev-parse HEAD)" >"$stampfile"
	fi
	record "Debian linux-source ${base##*/linux-} (Linux $(kernelversion "$tree"))"
}

[ -n "$(series_patches)" ] ||
	die "no patches in ${PATCHES#"$ROOT"/}/: run make patches"

if [ "${1:-}" = apply ]; then
	[ -n "${KDIR:-}" ] || die "usage: make apply KDIR=/path/to/linux"
fi
if [ -n "${KDIR:-}" ]; then
	tree=$(tree_dir)
	is_kernel_tree "$tree" ||
		die "KDIR=$KDIR is not a kernel tree (needs Makefile with VERSION, Kconfig, fs/exec.c)"
	if [ "${1:-}" = apply ]; then
		apply_kdir "$tree"
	elif ! is_applied "$tree"; then
		die "the series is not applied to KDIR=$KDIR; run: make apply KDIR=$KDIR"
	fi
	record "KDIR=$tree (Linux $(kernelversion "$tree"))"
else
	prepare_default
fi
