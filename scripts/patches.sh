#!/bin/sh
# Regenerate the patch series from series/: one commit per series/NN-*/
# on top of the pristine base tree, then git format-patch with a cover
# letter.  Fixed identity, dates and git settings make the output
# byte-for-byte reproducible.  SIGNOFF=1 signs off with the user's identity.
#
# The commits are built in a bare scratch repository (build/series.git)
# through a private index: no kernel checkout is needed.
set -eu

. "$(dirname "$0")/lib.sh"

srcroot=$(cd "$SERIES/.." && pwd)

# With KDIR, the series is made on that tree's HEAD (or BASE=REV there),
# which its base-commit: then names; the patches go to build/kdir-patches
# unless PATCHES says where.  Without, on the pristine Debian base tree.
if [ -n "${KDIR:-}" ]; then
	git -C "$KDIR" rev-parse -q --verify HEAD >/dev/null 2>&1 ||
		die "KDIR=$KDIR is not a git tree: make patches needs its commits (make apply works on any tree)"
	[ -f "$KDIR/fs/exec.c" ] || die "KDIR=$KDIR is not a kernel tree"
	base=$(cd "$KDIR" && pwd)
	baserev=$(git -C "$base" rev-parse -q --verify "${BASE:-HEAD}^{commit}") ||
		die "BASE=${BASE:-HEAD} is not a commit of $KDIR"
	repo=$BDIR/series-kdir.git
	rm -rf "$repo"
	[ "$PATCHES" != "$ROOT/patches" ] || PATCHES=$BDIR/kdir-patches
else
	base=$("$ROOT/scripts/base-tree.sh")
	baserev=base
	repo=$BDIR/series.git
fi

if [ "${SIGNOFF:-0}" = 1 ]; then
	name=$(git config user.name) && email=$(git config user.email) ||
		die "SIGNOFF=1: set git config user.name and user.email first"
	signoff=--signoff
else
	name=$PROJ_NAME email=$PROJ_EMAIL signoff=
fi

# Neither the user's nor the system's git configuration may change the output.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email"
export GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email"

if [ ! -f "$repo/HEAD" ] || ! git --git-dir="$repo" rev-parse -q --verify "$baserev^{commit}" >/dev/null; then
	rm -rf "$repo"
	mkdir -p "$BDIR"
	git clone -q --bare --shared "$base" "$repo"
fi
export GIT_DIR="$repo" GIT_INDEX_FILE="$repo/series-index"

git read-tree "$baserev"
head=$(git rev-parse "$baserev^{commit}")
n=0
for dir in "$SERIES"/[0-9]*/; do
	dir=${dir%/}
	[ -d "$dir" ] || die "no patches in $SERIES"
	[ -s "$dir/message" ] || die "$dir: no message"
	n=$((n + 1))
	if [ -f "$dir/edit.diff" ]; then
		git apply --cached "$dir/edit.diff" ||
			die "$dir/edit.diff does not apply on top of the previous patches${KDIR:+ on $KDIR}"
	fi
	if [ -f "$dir/files" ]; then
		sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' "$dir/files" |
		while read -r f; do
			[ -f "$srcroot/$f" ] || die "$dir/files: $f: no such file"
			mode=100644
			[ -x "$srcroot/$f" ] && mode=100755
			blob=$(git hash-object -w --no-filters "$srcroot/$f")
			git update-index --add --cacheinfo "$mode,$blob,$f"
		done
	fi
	tree=$(git write-tree)
	[ "$tree" != "$(git rev-parse "$head^{tree}")" ] ||
		die "$dir: the patch changes nothing"
	date=$(printf '2026-01-01T00:%02d:00Z' "$n")
	head=$(git stripspace <"$dir/message" |
		GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date \
		git commit-tree "$tree" -p "$head")
done

git update-ref refs/heads/series "$head"
git symbolic-ref HEAD refs/heads/series
[ -s "$SERIES/cover-letter" ] || die "$SERIES/cover-letter is missing"
git config branch.series.description "$(git stripspace <"$SERIES/cover-letter")"

mkdir -p "$PATCHES"
rm -f "$PATCHES"/*.patch
# The cover letter's date is the committer date.
# shellcheck disable=SC2086
GIT_COMMITTER_DATE=2026-01-01T00:00:00Z git -c core.abbrev=12 format-patch -q -o "$PATCHES" \
	--cover-letter --cover-from-description=subject \
	--base="$baserev" --no-signature $signoff "$baserev..series"
msg "$n patches in ${PATCHES#"$ROOT"/}/"
