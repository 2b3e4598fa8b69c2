#!/bin/sh
# Build and install the binfmt_tiny kselftests into build/kselftest/install
# (user space: built once for all variants, against the tree's UAPI
# headers installed in build/kselftest/usr/include).
set -eu

. "$(dirname "$0")/lib.sh"

tree=$(tree_dir)
out=$BDIR/kselftest
log=$out/build.log
mkdir -p "$out"
: >"$log"

run() {
	"$@" >>"$log" 2>&1 || {
		tail -n 40 "$log" >&2
		die "kselftests: '$*' failed; full log: ${log#"$ROOT"/}"
	}
}

[ -d "$tree/tools/testing/selftests/binfmt_tiny" ] ||
	die "no tools/testing/selftests/binfmt_tiny in $tree"
msg "building the kselftests (log: ${log#"$ROOT"/})"
run make -C "$tree" O="$out" headers
rm -rf "$out/install"
run make -C "$tree/tools/testing/selftests" O="$out" TARGETS=binfmt_tiny \
	INSTALL_PATH="$out/install" -j"${JOBS:-$(nproc)}" install
[ -x "$out/install/run_kselftest.sh" ] || die "kselftests: nothing installed"
