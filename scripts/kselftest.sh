#!/bin/sh
# Build and install the binfmt_tiny kselftests for $ARCH (lib.sh:
# arch_vars; default x86_64) into build/$ARCH/kselftest/install (user
# space: built once for all variants, with ${CROSS_COMPILE}gcc, against the
# tree's UAPI headers of that architecture, installed in
# build/$ARCH/kselftest/usr/include).
set -eu

. "$(dirname "$0")/lib.sh"

tree=$(tree_dir)
out=$ABDIR/kselftest
log=$out/build.log
mkdir -p "$out"
: >"$log"
need_gcc

run() {
	"$@" >>"$log" 2>&1 || {
		tail -n 40 "$log" >&2
		die "kselftests for $HARCH: '$*' failed; full log: ${log#"$ROOT"/}"
	}
}

[ -d "$tree/tools/testing/selftests/binfmt_tiny" ] ||
	die "no tools/testing/selftests/binfmt_tiny in $tree"
msg "building the kselftests for $HARCH (log: ${log#"$ROOT"/})"
run make -C "$tree" O="$out" ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE" headers
rm -rf "$out/install"
run make -C "$tree/tools/testing/selftests" O="$out" ARCH="$KARCH" \
	CROSS_COMPILE="$CROSS_COMPILE" TARGETS=binfmt_tiny \
	INSTALL_PATH="$out/install" -j"${JOBS:-$(nproc)}" install
[ -x "$out/install/run_kselftest.sh" ] || die "kselftests for $HARCH: nothing installed"
