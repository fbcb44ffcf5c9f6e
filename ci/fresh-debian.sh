#!/bin/bash
# Run `bash .ci/run` (the README's two Quick start lines) from a clean clone
# on a fresh minimal Debian 12, as root in a chroot (see doc/fresh-debian.md).
#
# usage: ci/fresh-debian.sh [REF [AFTER]]
#   REF: a commit of this repository (default HEAD), cloned inside.
#   AFTER: a bash command run in the clone when .ci/run passed (e.g. the
#   README's .deb install, then a ctest -R), in the same fresh system.
#
# The pristine system is $FRESH_DEBIAN_ROOT (default /work/chroot-deb12):
# `debootstrap --variant=minbase bookworm` from the Debian mirror of this
# machine's apt sources ($FRESH_DEBIAN_MIRROR overrides), with the apt
# sources of a Debian 12 installation (bookworm, -updates, -security). It
# is made once, if absent, and never changed afterwards: each run mounts
# an overlay over it at $FRESH_DEBIAN_ROOT.run/merged, so every run starts
# from the same fresh system. The run's changes (installed packages,
# /root/medlint with its builds) stay in $FRESH_DEBIAN_ROOT.run/upper for
# inspection until the next run; everything is unmounted on exit. The log
# is $FRESH_DEBIAN_ROOT.run/log ($FRESH_DEBIAN_RUN sets another folder, for
# two runs at once). FRESH_DEBIAN_APT_CACHE=DIR keeps apt's downloads
# between runs in DIR, mounted on the chroot's /var/cache/apt/archives (a
# download cache only; every package is still installed afresh; one run at
# a time per DIR). Needs root, debootstrap and overlayfs.
#
# The tests that read ../shared beside the checkout (the JSON-Schema-Test-
# Suite, linkserver.py, gen_corpus.py, the seed article) skip, saying so,
# in a bare clone; FRESH_DEBIAN_SHARED=DIR copies DIR's testdata, tools and
# seed to /root/shared beside the clone, as in the project's own tree.
set -euo pipefail
{ # read whole before running: editing this file mid-run must not change the run

src=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
ref=${1:-HEAD}
after=${2:-}
sha=$(git -C "$src" rev-parse --verify "$ref^{commit}")
root=${FRESH_DEBIAN_ROOT:-/work/chroot-deb12}
run=${FRESH_DEBIAN_RUN:-$root.run}
cache=${FRESH_DEBIAN_APT_CACHE:-}

if [ "$(id -u)" != 0 ]; then
	echo "fresh-debian: needs root (debootstrap, chroot, mount)" >&2
	exit 2
fi

mirror() {
	if [ -n "${FRESH_DEBIAN_MIRROR:-}" ]; then
		echo "$FRESH_DEBIAN_MIRROR"
		return
	fi
	# The first Debian (not -security) archive of this machine's sources,
	# one-line (deb URI SUITE) or deb822 (URIs: URI) format.
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		/etc/apt/sources.list.d/*.sources 2>/dev/null |
		awk '/^deb /{print $2} /^URIs:/{print $2}' |
		grep -E '/debian/?$' | head -n 1 | grep . ||
		echo http://deb.debian.org/debian
}

if [ ! -x "$root/usr/bin/apt-get" ]; then
	command -v debootstrap >/dev/null 2>&1 || apt-get install -y debootstrap
	m=$(mirror)
	m=${m%/}
	echo "fresh-debian: debootstrap --variant=minbase bookworm $root $m"
	rm -rf "$root.tmp"
	debootstrap --variant=minbase bookworm "$root.tmp" "$m"
	cat >"$root.tmp/etc/apt/sources.list" <<-EOF
		deb $m bookworm main
		deb $m bookworm-updates main
		deb ${m%/debian}/debian-security bookworm-security main
	EOF
	rm -rf "$root"
	mv "$root.tmp" "$root"
fi

mounted=()
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	local i
	for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
		umount -R "${mounted[i]}" 2>/dev/null ||
			umount -lR "${mounted[i]}" || true
	done
	if findmnt -rn -o TARGET | grep -q "^$run/"; then
		echo "fresh-debian: still mounted under $run:" >&2
		findmnt -rn -o TARGET | grep "^$run/" >&2
	fi
}
trap cleanup EXIT
mnt() { # mnt TARGET MOUNT-ARGS...
	local target=$1
	shift
	mount "$@" "$target"
	mounted+=("$target")
}

# A fresh overlay over the pristine system.
if findmnt -rn -o TARGET | grep -q "^$run/"; then
	echo "fresh-debian: $run is mounted (another run?); unmount it first" >&2
	exit 2
fi
rm -rf --one-file-system "$run"
mkdir -p "$run/upper" "$run/work" "$run/merged"
new=$run/merged
mnt "$new" -t overlay overlay \
	-o "lowerdir=$root,upperdir=$run/upper,workdir=$run/work"
mnt "$new/proc" -t proc proc
mnt "$new/sys" --rbind /sys
mnt "$new/dev" --rbind /dev
mount --make-rslave "$new/sys"
mount --make-rslave "$new/dev"
if [ -n "$cache" ]; then
	mkdir -p "$cache/partial"
	mnt "$new/var/cache/apt/archives" --bind "$cache"
fi
cp /etc/resolv.conf "$new/etc/resolv.conf"
# This machine's network: CA certificates its administrator added (an
# HTTPS-inspecting egress proxy's) are added the same way inside, where
# Debian's ca-certificates (installed by ci/install-deps.sh) puts them in
# the system store that curl and Debian's Node.js use. Nothing else of
# this machine's configuration goes in.
for crt in /usr/local/share/ca-certificates/*.crt; do
	if [ -f "$crt" ]; then
		mkdir -p "$new/usr/local/share/ca-certificates"
		cp "$crt" "$new/usr/local/share/ca-certificates/"
	fi
done

git clone -q --no-hardlinks "$src" "$new/root/medlint"
git -C "$new/root/medlint" checkout -q --detach "$sha"
if [ -n "${FRESH_DEBIAN_SHARED:-}" ]; then
	mkdir "$new/root/shared"
	for d in testdata tools seed; do
		cp -r "$FRESH_DEBIAN_SHARED/$d" "$new/root/shared/"
	done
fi
echo "fresh-debian: $(git -C "$new/root/medlint" log -1 --format='%h %s' |
	cut -c1-72)"

# A root login's environment on Debian; nothing from this machine's.
code=0
# shellcheck disable=SC2016 # expanded by the shell inside the chroot
chroot "$new" /usr/bin/env -i HOME=/root TERM=dumb SHELL=/bin/bash \
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	AFTER="$after" /bin/bash -c 'cd /root/medlint && time bash .ci/run &&
		if [ -n "$AFTER" ]; then echo "+ $AFTER"; bash -euo pipefail -c "$AFTER"; fi' \
	2>&1 | tee "$run/log" || code=$?
echo "fresh-debian: exit $code; log: $run/log"
exit "$code"
}
