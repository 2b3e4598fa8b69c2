#!/bin/sh
# Install what the harness needs from Debian, and sid's sparse into a
# private prefix (bookworm's sparse 0.6.4 is too old for this kernel).
set -eu

. "$(dirname "$0")/lib.sh"

pkgs="gcc make bc bison flex libelf-dev libssl-dev cpio kmod perl git
xz-utils rsync python3 qemu-system-x86 busybox-static coccinelle codespell
python3-sphinx python3-sphinx-rtd-theme python3-yaml python3-ply python3-git ccache
binutils gcc-multilib libc6-dev libc6-dev-i386 ca-certificates patch
ocaml-nox"

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$' || missing="$missing $p"
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		die "missing packages:$missing
run as root: apt-get update && apt-get install -y$missing"
	fi
	msg "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null ||
		die "apt-get update failed: is the package archive reachable?"
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing >/dev/null ||
		die "apt-get install$missing failed"
fi

"$(dirname "$0")/sparse.sh"
