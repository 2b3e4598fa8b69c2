#!/bin/sh
# Turn Debian's linux-source tarball into a git repository with a single,
# reproducible base commit (fixed identity and dates, so its hash is the
# same on every machine), kept in the cache.  Prints the repository path.
set -eu

. "$(dirname "$0")/lib.sh"

tarball=$("$(dirname "$0")/fetch-kernel.sh")
version=$(cat "${tarball%.tar.xz}.version")
repo=$CACHE/base/linux-$version

if [ ! -f "$repo/.base-done" ]; then
	msg "unpacking $(basename "$tarball") ($version)"
	rm -rf "$repo" && mkdir -p "$repo"
	tar -xJf "$tarball" -C "$repo" --strip-components=1
	cd "$repo"
	git init -q
	git config core.autocrlf false
	git add -A -f
	GIT_AUTHOR_NAME=binfmt-tiny GIT_AUTHOR_EMAIL=binfmt-tiny@localhost \
	GIT_COMMITTER_NAME=binfmt-tiny GIT_COMMITTER_EMAIL=binfmt-tiny@localhost \
	GIT_AUTHOR_DATE='2000-01-01T00:00:00Z' GIT_COMMITTER_DATE='2000-01-01T00:00:00Z' \
		git commit -q -m "Debian linux-source $version" --no-gpg-sign
	git tag base
	touch .base-done
fi
echo "$repo"
