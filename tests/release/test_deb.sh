#!/bin/bash
# The Debian package (issue 15): cpack -G DEB from a fresh Release build
# with the /usr prefix, its contents (binary, man page, default schema,
# copyright), then dpkg -i on this machine, medlint run from an empty
# folder on a content folder (clean: exit 0; a seeded fault: exit 1 with
# file:line), --init there, and dpkg -r leaving no file behind.
#
# usage: test_deb.sh SOURCE_DIR
# Installing needs root (as in CI); without root, or when a medlint
# package is already installed here, the install half is skipped, saying so.
set -euo pipefail

src=$(realpath "$1")
# cpack -G DEB needs file(1) and dpkg-shlibdeps; ci/install-deps.sh
# installs them, so a missing one is a failure, not a skip.
for t in cpack:cmake dpkg-deb:dpkg dpkg-shlibdeps:dpkg-dev file:file; do
	if ! command -v "${t%%:*}" >/dev/null 2>&1; then
		echo "FAIL: ${t%%:*} not found (Debian's ${t#*:}; ci/install-deps.sh installs it)"
		exit 1
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/medlint-deb.XXXXXX")
installed=0
cleanup() {
	if [ "$installed" = 1 ]; then dpkg -r medlint >/dev/null 2>&1 || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

passed=0
failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }

if ! { cmake -S "$src" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release \
	-DCMAKE_INSTALL_PREFIX=/usr -DMEDLINT_TESTS=OFF &&
	cmake --build "$tmp/build" -j2 &&
	(cd "$tmp/build" && cpack -G DEB); } >"$tmp/build.log" 2>&1; then
	tail -n 30 "$tmp/build.log"
	echo "FAIL: the package did not build"
	exit 1
fi
deb=$(ls "$tmp"/build/medlint_*_*.deb)
version=$(sed -n 's/^project(medlint VERSION \([0-9.]*\).*/\1/p' \
	"$src/CMakeLists.txt")
ok "cpack -G DEB built $(basename "$deb")"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/medlint ./usr/share/man/man1/medlint.1.gz \
	./usr/share/medlint/article.schema.yaml \
	./usr/share/doc/medlint/copyright; do
	if grep -qx "$f" <<<"$contents"; then ok "holds $f"; else bad "no $f"; fi
done
if [ "$(dpkg-deb -f "$deb" Version)" = "$version" ]; then
	ok "version $version, from CMakeLists.txt"
else
	bad "version is not $version"
fi
deps=$(dpkg-deb -f "$deb" Depends)
if grep -q libcurl4 <<<"$deps"; then ok "depends on libcurl4"; else bad "no libcurl4 in: $deps"; fi
# toml++ is compiled in (header-only) with the C++ runtime, and libyaml,
# cmark-gfm, PCRE2 and jansson are linked in (MEDLINT_STATIC_DEPS, the
# default; issue 29): the package needs none of them
for d in libtomlplusplus3 libstdc++6 libgcc-s1 libcmark-gfm0 libyaml-0-2 \
	libpcre2-8-0 libjansson4; do
	if grep -q "$d" <<<"$deps"; then bad "depends on $d: $deps"; else ok "no $d"; fi
done

if [ "$(id -u)" != 0 ]; then
	echo "SKIP (install half): dpkg -i needs root; CI runs as root"
	echo "deb: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi
if dpkg-query -W -f='${Status}' medlint 2>/dev/null | grep "ok installed" >/dev/null; then
	echo "SKIP (install half): a medlint package is installed on this" \
		"machine already; not replacing it"
	echo "deb: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

if dpkg -i "$deb" >"$tmp/dpkg.log" 2>&1; then
	installed=1
	ok "dpkg -i"
else
	cat "$tmp/dpkg.log"
	bad "dpkg -i failed"
fi
if [ "$installed" = 1 ]; then
	if [ "$(/usr/bin/medlint --version)" = "medlint $version" ]; then
		ok "/usr/bin/medlint --version"
	else
		bad "medlint --version"
	fi
	# grep reads it all: with pipefail, grep -q stopping at the first
	# line leaves zcat killed by SIGPIPE once the page outgrows a pipe's
	# buffer (64 KiB), and the check fails with the page in place
	if zcat /usr/share/man/man1/medlint.1.gz | grep '^\.TH MEDLINT' >/dev/null; then
		ok "man page installed"
	else
		bad "man page"
	fi

	# From an empty folder: no config, no schema there; the compiled-in
	# default schema is used.
	mkdir -p "$tmp/empty" "$tmp/site"
	cp -r "$src/content" "$tmp/site/"
	if out=$(cd "$tmp/empty" && /usr/bin/medlint --today 2026-06-01 \
		"$tmp/site/content" 2>&1); then
		ok "clean content from an empty folder: $out"
	else
		bad "clean content: $out"
	fi
	sed -i 's/^slug: soleus$/slug: Soleus_Bad/' "$tmp/site/content/soleus.md"
	code=0
	out=$(cd "$tmp/empty" && /usr/bin/medlint --today 2026-06-01 \
		"$tmp/site/content" 2>&1) || code=$?
	if [ "$code" = 1 ] && grep -q 'content/soleus\.md:3:[0-9]*: error: ' <<<"$out"; then
		ok "a seeded fault found, exit 1"
	else
		bad "seeded fault: exit $code: $out"
	fi
	if (cd "$tmp/empty" && /usr/bin/medlint --init >/dev/null 2>&1) &&
		[ -f "$tmp/empty/.medlint.yaml" ] &&
		[ -f "$tmp/empty/schemas/article.schema.yaml" ]; then
		ok "--init in an empty folder"
	else
		bad "--init"
	fi

	dpkg -r medlint >/dev/null 2>&1 && installed=0
	if [ "$installed" = 0 ] && [ ! -e /usr/bin/medlint ] &&
		[ ! -e /usr/share/medlint ]; then
		ok "dpkg -r removes it all"
	else
		bad "dpkg -r left files"
	fi
fi
echo "deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
