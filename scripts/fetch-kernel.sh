#!/bin/sh
# Download Debian's linux-source-$KVER binary package (once, into the cache)
# and print the path of the source tarball it holds.
set -eu

. "$(dirname "$0")/lib.sh"

kver=${KVER:-7.3}
pkg=linux-source-$kver
dl=$CACHE/dl
mkdir -p "$dl"

deb=$(ls "$dl"/"${pkg}"_*.deb 2>/dev/null | tail -n 1 || true)
if [ -z "$deb" ]; then
	msg "downloading $pkg (sid/experimental)"
	private_apt_update
	(cd "$dl" && private_apt download "$pkg" >/dev/null) ||
		die "cannot download $pkg from the Debian archive: check the network"
	deb=$(ls "$dl"/"${pkg}"_*.deb | tail -n 1)
fi

tarball=$dl/$pkg.tar.xz
version=$(dpkg-deb -f "$deb" Version)
if [ ! -s "$tarball" ] || [ "$(cat "$dl/$pkg.version" 2>/dev/null)" != "$version" ]; then
	rm -rf "$dl/x"
	dpkg-deb -x "$deb" "$dl/x"
	mv "$dl/x/usr/src/$pkg.tar.xz" "$tarball"
	rm -rf "$dl/x"
	echo "$version" >"$dl/$pkg.version"
fi
echo "$tarball"
