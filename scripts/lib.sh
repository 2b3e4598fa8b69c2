# shellcheck shell=sh
# Shared helpers for the harness scripts (POSIX sh).

msg() { printf '  %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

CACHE=${BINFMT_TINY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/binfmt-tiny}

# The first Debian archive URI of the machine's own apt configuration,
# so that nothing in this repository names a mirror.
debian_mirror() {
	{
		cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
			awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }'
		cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
			awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; break } }'
	} | grep -v -e security -e '^$' | head -n 1
}

# Run apt-get against a private configuration (sid + experimental) kept in
# $CACHE/apt, leaving the system's apt setup untouched.
private_apt() {
	papt=$CACHE/apt
	mkdir -p "$papt/lists/partial" "$papt/archives/partial" "$papt/etc/preferences.d"
	if [ ! -s "$papt/etc/sources.list" ]; then
		mirror=$(debian_mirror)
		[ -n "$mirror" ] || die "no Debian mirror found in /etc/apt sources"
		keyring=/usr/share/keyrings/debian-archive-keyring.gpg
		printf 'deb [signed-by=%s] %s sid main\ndeb [signed-by=%s] %s experimental main\n' \
			"$keyring" "$mirror" "$keyring" "$mirror" >"$papt/etc/sources.list"
	fi
	apt-get \
		-o Dir::Etc::SourceList="$papt/etc/sources.list" \
		-o Dir::Etc::SourceParts=/nonexistent \
		-o Dir::Etc::Preferences="$papt/etc/preferences" \
		-o Dir::Etc::PreferencesParts="$papt/etc/preferences.d" \
		-o Dir::State::Lists="$papt/lists" \
		-o Dir::State::Status=/var/lib/dpkg/status \
		-o Dir::Cache="$papt" \
		-o Dir::Cache::Archives="$papt/archives" \
		-o APT::Get::List-Cleanup=0 \
		-o Debug::NoLocking=1 \
		-q "$@"
}

# Update the private lists at most once a day.
private_apt_update() {
	stamp=$CACHE/apt/updated
	if [ -z "$(find "$stamp" -mtime -1 2>/dev/null)" ]; then
		# apt-get update succeeds even when nothing could be fetched.
		rm -f "$CACHE"/apt/lists/*_*
		private_apt update >/dev/null 2>&1 &&
			ls "$CACHE"/apt/lists/*Packages* >/dev/null 2>&1 ||
			die "cannot reach the Debian archive ($(debian_mirror)): check the network"
		touch "$stamp"
	fi
}

# The checkout, the scratch/build directory, and the project's identity
# (used for the generated series; never a person's name).
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BDIR=$ROOT/build
PROJ_NAME=binfmt_tiny
PROJ_EMAIL=binfmt-tiny@localhost

# The series to generate and the patches to apply (overridable for testing).
SERIES=${SERIES:-$ROOT/series}
PATCHES=${PATCHES:-$ROOT/patches}

# The patches of the series, cover letter excluded, in order.
series_patches() {
	for p in "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch; do
		case $p in */0000-cover-letter.patch) continue ;; esac
		[ -f "$p" ] && echo "$p"
	done
}

# The kernel tree in use: KDIR, or the one scripts/kernel.sh prepares.
tree_dir() {
	if [ -n "${KDIR:-}" ]; then
		(cd "$KDIR" 2>/dev/null && pwd) || die "KDIR=$KDIR: no such directory"
	else
		echo "$BDIR/linux"
	fi
}

# gate NAME COMMAND...: run one counted check of make check, its output
# in build/check/NAME.log; print "ok NAME" or "FAIL NAME: reason" (the
# last line the command printed).
gate() {
	gname=$1
	shift
	glog=$BDIR/check/$gname.log
	mkdir -p "$BDIR/check"
	gstart=$(date +%s)
	if "$@" >"$glog" 2>&1; then
		echo "ok $gname ($(($(date +%s) - gstart))s)"
	else
		greason=$(grep -v '^[[:space:]]*$' "$glog" | tail -n 1)
		echo "FAIL $gname: ${greason:-failed} (log: ${glog#"$ROOT"/})"
		return 1
	fi
}

# kbuild TREE O ARCH ARGS...: make in kernel tree TREE, output in O.  Every
# caller compiles for the target and the host through ccache: with another
# HOSTCC, kbuild would rebuild the host tools, objtool included, and then
# every object of O.
kbuild() {
	kb_tree=$1 kb_o=$2 kb_arch=$3
	shift 3
	make -C "$kb_tree" O="$kb_o" ARCH="$kb_arch" CC="ccache gcc" \
		HOSTCC="ccache gcc" "$@"
}

# config_dropped FRAGMENT CONFIG: the lines of FRAGMENT that CONFIG lacks
# (an unknown symbol or an unmet dependency), indented.
config_dropped() {
	sed -n -e 's/^\(CONFIG_[A-Za-z0-9_]*=.*\)/\1/p' \
		-e 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1 unset/p' "$1" |
	while read -r want unset; do
		if [ -n "$unset" ]; then
			! grep -q "^$want=" "$2" || echo "  # $want is not set"
		else
			grep -qxF "$want" "$2" || echo "  $want"
		fi
	done
}

# config_inputs TREE ARCH BASE FRAGMENT...: a hash of what the configuration
# of a build directory is made of: the base target, the fragments, the tree
# (its path and, in a git tree, its Kconfig files) and this file.
config_inputs() {
	ci_tree=$1
	shift
	{
		echo "$ci_tree $1 $2"
		shift 2
		cat "$@" "$ROOT/scripts/lib.sh"
		git -C "$ci_tree" ls-files -s -- '*Kconfig*' 2>/dev/null
	} | sha256sum | cut -d' ' -f1
}

# kconfigure TREE O ARCH BASE FRAGMENT...: configure O from BASE (tinyconfig,
# allnoconfig, ...) and the fragments, merged in order with merge_config.sh,
# then olddefconfig; redone only when config_inputs changes.  Fails, listing
# them, when requested lines are not in the resulting .config.
kconfigure() {
	kc_tree=$1 kc_o=$2 kc_arch=$3 kc_base=$4
	shift 4
	kc_inputs=$(config_inputs "$kc_tree" "$kc_arch" "$kc_base" "$@")
	kc_bad=
	if [ -f "$kc_o/.config" ]; then
		for kc_f in "$@"; do
			kc_bad=$kc_bad$(config_dropped "$kc_f" "$kc_o/.config")
		done
	fi
	if [ "$(cat "$kc_o/.config-inputs" 2>/dev/null)" = "$kc_inputs" ] &&
	   [ -f "$kc_o/.config" ] && [ -z "$kc_bad" ]; then
		return 0
	fi
	echo "configuring $kc_o: $kc_base $*"
	mkdir -p "$kc_o"
	rm -f "$kc_o/.config-inputs"
	kbuild "$kc_tree" "$kc_o" "$kc_arch" "$kc_base" || return 1
	if [ $# -gt 0 ]; then
		"$kc_tree/scripts/kconfig/merge_config.sh" -m -O "$kc_o" \
			"$kc_o/.config" "$@" || return 1
	fi
	kbuild "$kc_tree" "$kc_o" "$kc_arch" olddefconfig || return 1
	kc_bad=
	for kc_f in "$@"; do
		kc_bad=$kc_bad$(config_dropped "$kc_f" "$kc_o/.config" | sed "1s|^|$kc_f:\n|")
	done
	if [ -n "$kc_bad" ]; then
		printf 'requested but not in %s/.config (unknown symbol or missing dependency):\n%s\n' \
			"$kc_o" "$kc_bad"
		return 1
	fi
	echo "$kc_inputs" >"$kc_o/.config-inputs"
}
