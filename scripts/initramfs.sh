#!/bin/sh
# Build build/$ARCH/$V/initramfs.cpio (uncompressed) for the guest:
#   /bin          busybox-static (the host's, or Debian's for $ARCH: lib.sh
#                 guest_busybox) and its applets, guest-exec
#   /init         scripts/init
#   /kselftest    the installed kselftests (build/$ARCH/kselftest/install)
#   /tiny         the sample tiny programs (*.tiny) of the kselftests
#   /lib, /lib64  shared libraries of any dynamic ELF program in there
#   /lib/modules  for V=m and fuzz: binfmt_tiny.ko, also under $(uname -r)/
#                 (modprobe)
# packed by the kernel's own usr/gen_initramfs.sh.
set -eu

. "$(dirname "$0")/lib.sh"

V=${1:-}
case $V in y | m | n | fuzz) ;; *) die "usage: $0 y|m|n|fuzz" ;; esac
tree=$(tree_dir)
O=$ABDIR/$V
ksft=$ABDIR/kselftest/install
stage=$O/initramfs
[ -x "$O/usr/gen_init_cpio" ] || die "build/$HARCH/$V is not built: run make build-$V ARCH=$HARCH"
# The boot test goes on without them: the guest's "kselftests installed"
# check fails.
[ -d "$ksft" ] || msg "no kselftests in ${ksft#"$ROOT"/} (see build/$HARCH/kselftest/build.log): the guest boots without them"

busybox=$(guest_busybox) || exit 1

need_gcc
exe=$ABDIR/guest-exec
if [ ! -x "$exe" ] || [ "$ROOT/scripts/guest-exec.c" -nt "$exe" ]; then
	"${CROSS_COMPILE}gcc" -static -Os -Wall -o "$exe" "$ROOT/scripts/guest-exec.c" ||
		die "cannot build guest-exec (static libc missing? run make deps)"
fi

rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/dev" "$stage/proc" "$stage/sys" "$stage/tmp" \
	"$stage/root" "$stage/etc" "$stage/tiny" "$stage/lib/modules" "$stage/usr/bin"
ln -s bin "$stage/sbin"
cp "$busybox" "$stage/bin/busybox"
# The applets' links; a busybox of another architecture than the host's
# cannot list them here, and /init makes them (busybox --install).
ln -s busybox "$stage/bin/sh"
if [ "$DEB_ARCH" = "$(dpkg --print-architecture)" ]; then
	for applet in $("$busybox" --list); do
		[ -e "$stage/bin/$applet" ] || ln -s busybox "$stage/bin/$applet"
	done
fi
cp "$exe" "$stage/bin/guest-exec"
cp "$ROOT/scripts/init" "$stage/init"
chmod 755 "$stage/init"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' \
	>"$stage/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$stage/etc/group"

# The kselftest runner uses /usr/bin/timeout --foreground when it exists;
# busybox's timeout has no --foreground.
cat >"$stage/usr/bin/timeout" <<'EOF'
#!/bin/sh
[ "$1" != --foreground ] || shift
exec /bin/busybox timeout "$@"
EOF
chmod 755 "$stage/usr/bin/timeout"

if [ -d "$ksft" ]; then
	cp -R "$ksft" "$stage/kselftest"
	find "$stage/kselftest" -name '*.tiny' -type f -exec cp {} "$stage/tiny/" \;
fi

# Shared libraries of dynamically linked programs (the selftests may be).
elf=$(printf '\177ELF')
find "$stage/kselftest" -type f 2>/dev/null | while read -r f; do
	[ "$(head -c 4 "$f")" = "$elf" ] || continue
	ldd "$f" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 }
		$1 ~ /^\// { print $1 }'
done | sort -u | while read -r lib; do
	mkdir -p "$stage${lib%/*}"
	cp -L "$lib" "$stage$lib"
done

if [ "$V" = m ] || [ "$V" = fuzz ]; then
	kbuild "$tree" "$O" "$HARCH" INSTALL_MOD_PATH="$stage" modules_install \
		>"$O/modules_install.log" 2>&1 ||
		die "modules_install failed: see ${O#"$ROOT"/}/modules_install.log"
	cp "$O/fs/binfmt_tiny.ko" "$stage/lib/modules/binfmt_tiny.ko"
fi

printf 'nod /dev/console 0600 0 0 c 5 1\nnod /dev/null 0666 0 0 c 1 3\n' >"$O/initramfs.list"
(cd "$O" && "$tree/usr/gen_initramfs.sh" -o "$O/initramfs.cpio" \
	-u squash -g squash "$stage" "$O/initramfs.list") ||
	die "cannot pack the initramfs"
