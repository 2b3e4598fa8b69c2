#!/bin/sh
# Install sid's sparse, with sid's libc6, into $CACHE/sparse and write a
# wrapper $CACHE/sparse/sparse that runs it through that libc's loader.
set -eu

. "$(dirname "$0")/lib.sh"

dir=$CACHE/sparse
wrapper=$dir/sparse

if [ -x "$wrapper" ] && "$wrapper" --version >/dev/null 2>&1; then
	exit 0
fi

msg "installing sid's sparse into $dir"
private_apt_update
rm -rf "$dir" && mkdir -p "$dir/debs" "$dir/root"
(cd "$dir/debs" && private_apt download sparse libc6 >/dev/null 2>&1) ||
	die "cannot download sparse and libc6 from sid"
for deb in "$dir"/debs/*.deb; do
	dpkg-deb -x "$deb" "$dir/root"
done

root=$dir/root
ld=$(ls "$root"/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 \
	"$root"/lib64/ld-linux-x86-64.so.2 2>/dev/null | head -n 1)
[ -n "$ld" ] || die "sid's libc6 has no ld-linux-x86-64.so.2"

cat >"$wrapper" <<WRAP
#!/bin/sh
exec "$ld" --library-path "$root/usr/lib/x86_64-linux-gnu:$root/lib/x86_64-linux-gnu" "$root/usr/bin/sparse" "\$@"
WRAP
chmod +x "$wrapper"
"$wrapper" --version >/dev/null 2>&1 || die "sid's sparse does not start"
msg "sparse $("$wrapper" --version)"
