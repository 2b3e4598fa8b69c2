#!/bin/sh
# Install what the harness needs from Debian: the tools, the cross
# compilers (with static C libraries) and qemu of every architecture of
# lib.sh's table, and sid's sparse into a private prefix (bookworm's
# sparse 0.6.4 is too old for this kernel); for make deps ARCH=..., also
# the guest's busybox-static of that architecture (otherwise fetched when
# its first initramfs is packed).
#
# 32-bit x86 programs build with gcc-i686-linux-gnu: bookworm's
# gcc-multilib conflicts with every cross compiler (installing one
# removes the other); the kernel's own -m32 (i386, the vDSO) needs neither.
set -eu

. "$(dirname "$0")/lib.sh"

pkgs="gcc make bc bison flex libelf-dev libssl-dev cpio kmod perl git
xz-utils rsync python3 busybox-static coccinelle codespell
python3-sphinx python3-sphinx-rtd-theme python3-yaml python3-ply python3-git ccache
binutils libc6-dev ca-certificates patch ocaml-nox
gcc-i686-linux-gnu libc6-dev-i386-cross
libc6-dev-arm64-cross libc6-dev-riscv64-cross libc6-dev-armhf-cross"
# The compilers and qemu of the table (for x86_64: gcc, qemu-system-x86)
for a in $ARCHS $FOREIGN_ARCHS; do
	pkgs="$pkgs $(arch_vars "$a" && echo "$GCC_PKG $QEMU_PKG")"
done
pkgs=$(echo $pkgs | tr ' ' '\n' | awk '!seen[$0]++')

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
guest_busybox >/dev/null
