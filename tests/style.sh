#!/bin/sh
# The machine-checked style: clang-format (.clang-format) and clang-tidy
# (.clang-tidy) over medlint's C. Any finding fails, naming file:line.
# usage: style.sh format SOURCE_DIR
#        style.sh tidy SOURCE_DIR BUILD_DIR   (BUILD_DIR has compile_commands.json)
set -eu
what=$1
src=$2
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "style.sh: $1 is not installed: apt-get install $2 (ci/install-deps.sh does)" >&2
	exit 1
}
cd "$src"
case $what in
format)
	need clang-format clang-format
	find src tests -name '*.[ch]' -not -path '*/node_modules/*' |
		sort | xargs clang-format --style=file --dry-run --Werror
	echo "clang-format: $(find src tests -name '*.[ch]' -not -path '*/node_modules/*' | wc -l) files clean"
	;;
tidy)
	need clang-tidy clang-tidy
	db=$3/compile_commands.json
	[ -f "$db" ] || { echo "style.sh: no $db (configure with CMake)" >&2; exit 1; }
	files=$(find src -name '*.c' | sort)
	# -P2: two cores; --quiet leaves only findings on stderr/stdout.
	printf '%s\n' $files | xargs -P2 -n4 clang-tidy -p "$3" --quiet
	echo "clang-tidy: $(printf '%s\n' $files | wc -l) files clean"
	;;
*)
	echo "usage: style.sh format SRC | tidy SRC BUILD" >&2
	exit 2
	;;
esac
