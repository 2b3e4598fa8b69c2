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
		-o APT::Architectures="$(deb_archs)" \
		-o Debug::NoLocking=1 \
		-q "$@"
}

# Update the private lists at most once a day.
private_apt_update() {
	stamp=$CACHE/apt/updated
	# (and when a guest architecture's list is missing)
	pu_lists=yes
	for da in $(deb_archs | tr , ' '); do
		ls "$CACHE"/apt/lists/*binary-"${da}"_Packages* >/dev/null 2>&1 || pu_lists=
	done
	if [ -z "$pu_lists" ] || [ -z "$(find "$stamp" -mtime -1 2>/dev/null)" ]; then
		# apt-get update succeeds even when nothing could be fetched.
		rm -f "$CACHE"/apt/lists/*_*
		private_apt update >/dev/null 2>&1 &&
			ls "$CACHE"/apt/lists/*Packages* >/dev/null 2>&1 ||
			die "cannot reach the Debian archive ($(debian_mirror)): check the network"
		touch "$stamp"
	fi
}

# The architectures the harness builds, boots and tests (make ARCH=...,
# default x86_64), and those that make check only configures (and builds,
# should Kconfig offer BINFMT_TINY there: the foreign gate; FOREIGN_ARCHS
# in the environment replaces them, e.g. FOREIGN_ARCHS=arm64 to see the
# gate build where the loader is offered).
ARCHS="x86_64 arm64 riscv64"
FOREIGN_ARCHS=${FOREIGN_ARCHS:-"arm powerpc s390 i386"}

# arch_vars ARCH: one table per architecture (as the kernel's
# tools/testing/selftests/nolibc/Makefile has), setting
#   HARCH          the harness's name: build/$HARCH/..., make ARCH=$HARCH
#   KARCH          the kernel's ARCH=
#   CROSS_COMPILE  the kernel's CROSS_COMPILE= (empty: the host's gcc)
#   GCC_PKG        the Debian package of ${CROSS_COMPILE}gcc
#   IMAGE          what qemu boots, relative to the build directory
#   QEMU, QEMU_PKG qemu-system-*, and its Debian package
#   QEMU_ARGS      machine, CPU, firmware
#   QEMU_SMP2      -smp for two vCPUs
#   CONSOLE        the serial console (console=)
#   BOOT_ARGS      more of the kernel command line
#   DEB_ARCH       the Debian architecture of the guest's busybox-static
#   ARCH_CONFIG    config lines of a build-only architecture (the harness
#                  architectures have theirs in kconfig-fragment)
# Aliases (the kernel's and Debian's names) are accepted.  Dies, listing the
# supported architectures, on any other name.
# shellcheck disable=SC2034
arch_vars() {
	HARCH=$1 CROSS_COMPILE='' GCC_PKG=gcc IMAGE='' QEMU='' QEMU_PKG=''
	QEMU_ARGS='' QEMU_SMP2=2 CONSOLE=ttyS0 BOOT_ARGS='' DEB_ARCH='' ARCH_CONFIG=''
	case $1 in
	x86_64 | x86 | amd64)
		HARCH=x86_64 KARCH=x86_64
		IMAGE=arch/x86/boot/bzImage
		QEMU=qemu-system-x86_64 QEMU_PKG=qemu-system-x86
		QEMU_ARGS="-cpu max"
		# two sockets: SeaBIOS's MP table (tinyconfig has no ACPI)
		# lists one CPU per socket
		QEMU_SMP2=2,sockets=2
		DEB_ARCH=amd64
		;;
	arm64 | aarch64)
		HARCH=arm64 KARCH=arm64
		CROSS_COMPILE=aarch64-linux-gnu- GCC_PKG=gcc-aarch64-linux-gnu
		IMAGE=arch/arm64/boot/Image
		QEMU=qemu-system-aarch64 QEMU_PKG=qemu-system-arm
		# pointer authentication with QEMU's cheap algorithm: TCG's
		# architected one is slow
		QEMU_ARGS="-M virt -cpu max,pauth-impdef=on"
		# the boot console of the device tree's stdout-path, so that
		# a kernel that stops early still says why
		CONSOLE=ttyAMA0 BOOT_ARGS=earlycon DEB_ARCH=arm64
		;;
	riscv64 | riscv)
		HARCH=riscv64 KARCH=riscv
		CROSS_COMPILE=riscv64-linux-gnu- GCC_PKG=gcc-riscv64-linux-gnu
		IMAGE=arch/riscv/boot/Image
		QEMU=qemu-system-riscv64 QEMU_PKG="qemu-system-misc qemu-system-data"
		QEMU_ARGS="-M virt -bios /usr/share/qemu/opensbi-riscv64-generic-fw_dynamic.bin"
		BOOT_ARGS=earlycon DEB_ARCH=riscv64
		;;
	arm)
		KARCH=arm CROSS_COMPILE=arm-linux-gnueabihf- GCC_PKG=gcc-arm-linux-gnueabihf
		;;
	powerpc | ppc64le)
		# tinyconfig is 32-bit book3s: a 64-bit little-endian kernel
		HARCH=powerpc KARCH=powerpc
		CROSS_COMPILE=powerpc64le-linux-gnu- GCC_PKG=gcc-powerpc64le-linux-gnu
		ARCH_CONFIG="CONFIG_PPC64=y CONFIG_CPU_LITTLE_ENDIAN=y"
		;;
	s390 | s390x)
		HARCH=s390 KARCH=s390 CROSS_COMPILE=s390x-linux-gnu- GCC_PKG=gcc-s390x-linux-gnu
		;;
	i386)
		# the host's gcc (-m32); the kernel needs no 32-bit libraries
		KARCH=i386
		;;
	*)
		die "ARCH=$1 is not supported: make ARCH=$(echo "$ARCHS" | sed 's/ /|/g') (build gate only: $FOREIGN_ARCHS)"
		;;
	esac
}

# harness_arch ARCH: arch_vars, for an architecture the harness boots.
harness_arch() {
	arch_vars "$1"
	[ -n "$IMAGE" ] ||
		die "ARCH=$1 is only built by make check's foreign gate; make ARCH=$(echo "$ARCHS" | sed 's/ /|/g')"
}

# need_gcc: ${CROSS_COMPILE}gcc of the current architecture is there.
need_gcc() {
	command -v "${CROSS_COMPILE}gcc" >/dev/null ||
		die "${CROSS_COMPILE}gcc not found: run make deps (Debian package $GCC_PKG)"
}

# need_qemu: qemu (and its firmware) for the current architecture.
need_qemu() {
	command -v "$QEMU" >/dev/null ||
		die "$QEMU not found: run make deps (Debian package $QEMU_PKG)"
	for qa in $QEMU_ARGS; do
		case $qa in
		/*) [ -f "$qa" ] || die "$qa not found: run make deps (Debian package $QEMU_PKG)" ;;
		esac
	done
}

# arch_fragment ARCH FILE: the lines of a kconfig fragment that apply to
# ARCH.  kconfig-fragment is one file: what all architectures share, then
# sections, each starting with a "# arch: NAME..." line (harness names, or
# "all") and applying to those architectures up to the next such line.
# One file rather than one per architecture, so that what differs reads
# next to what is shared; the extracted lines are what build.sh merges,
# and what kconfigure then checks in the .config.
arch_fragment() {
	awk -v arch="$1" '/^# arch:/ { on = 0
			for (i = 3; i <= NF; i++) if ($i == arch || $i == "all") on = 1
			next }
		BEGIN { on = 1 } on' "$2"
}

# The busybox-static of the guest: the host's for its own architecture
# (make deps), else Debian sid's busybox-static:$DEB_ARCH, downloaded
# through the private apt configuration and unpacked into the cache with
# dpkg-deb -x (the system's dpkg is not touched).  Prints its path.
guest_busybox() {
	if [ "$DEB_ARCH" = "$(dpkg --print-architecture)" ]; then
		command -v busybox || die "busybox not found: run make deps (Debian package busybox-static)"
		return
	fi
	bb_dir=$CACHE/busybox/$DEB_ARCH
	for bb in "$bb_dir/root/bin/busybox" "$bb_dir/root/usr/bin/busybox"; do
		[ -f "$bb" ] && { echo "$bb"; return; }
	done
	msg "downloading busybox-static:$DEB_ARCH (sid) into ${bb_dir#"$HOME"/}"
	private_apt_update
	rm -rf "$bb_dir" && mkdir -p "$bb_dir/root"
	(cd "$bb_dir" && private_apt download "busybox-static:$DEB_ARCH" >download.log 2>&1) || {
		cat "$bb_dir/download.log" >&2
		die "cannot download busybox-static:$DEB_ARCH from the Debian archive: check the network"
	}
	dpkg-deb -x "$bb_dir"/busybox-static_*.deb "$bb_dir/root" ||
		die "cannot unpack $(ls "$bb_dir"/*.deb)"
	for bb in "$bb_dir/root/bin/busybox" "$bb_dir/root/usr/bin/busybox"; do
		[ -f "$bb" ] && { echo "$bb"; return; }
	done
	die "busybox-static:$DEB_ARCH has no busybox binary"
}

# The Debian architectures of the private apt configuration: the host's and
# the guests'.
deb_archs() {
	{
		dpkg --print-architecture
		for da in $ARCHS; do (arch_vars "$da" && echo "$DEB_ARCH"); done
	} | awk '!seen[$0]++' | paste -s -d, -
}

# The checkout, the scratch/build directory, and the project's identity
# (used for the generated series; never a person's name).
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BDIR=$ROOT/build

# The architecture of this run: make ARCH=... (or ARCH in the environment),
# default x86_64; its build directories are in $ABDIR.  Every kernel make
# gets its own ARCH= from the table: the Makefile keeps this ARCH out of
# MAKEFLAGS, and it leaves the environment here, passed on to the scripts
# this one runs as BINFMT_TINY_ARCH (an ARCH given to them comes first).
harness_arch "${ARCH:-${BINFMT_TINY_ARCH:-x86_64}}"
unset ARCH
BINFMT_TINY_ARCH=$HARCH
export BINFMT_TINY_ARCH
ABDIR=$BDIR/$HARCH
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

# kbuild TREE O ARCH ARGS...: make in kernel tree TREE, output in O, for
# ARCH (a name of the arch_vars table: its KARCH and CROSS_COMPILE).  Every
# caller compiles for the target and the host through ccache: with another
# HOSTCC, kbuild would rebuild the host tools, objtool included, and then
# every object of O.
kbuild() {
	kb_tree=$1 kb_o=$2
	kb_vars=$(arch_vars "$3" && need_gcc && echo "$KARCH $CROSS_COMPILE") || return 1
	shift 3
	kb_cross=${kb_vars#* }
	make -C "$kb_tree" O="$kb_o" ARCH="${kb_vars%% *}" \
		CROSS_COMPILE="$kb_cross" CC="ccache ${kb_cross}gcc" \
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
