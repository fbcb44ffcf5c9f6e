#!/bin/bash
# The pre-commit hook for real: Debian's pre-commit, a throwaway content
# repository whose .pre-commit-config.yaml names a copy of this checkout
# (with a commit, as pre-commit needs a rev) as its hook repository. A
# commit with a bad article is refused with file:line in the output; a
# clean one goes through. Offline: language: script needs no downloads.
#
# usage: test_precommit.sh MEDLINT_BINARY SOURCE_DIR [--build]
#   --build also proves the route without any medlint installed: the hook
#   builds medlint with cmake inside pre-commit's clone (about a minute).
set -euo pipefail

bin=$(realpath "$1")
src=$(realpath "$2")
mode=${3:-}

if ! command -v pre-commit >/dev/null 2>&1; then
	echo "SKIP: pre-commit is not installed (ci/install-deps.sh installs" \
		"Debian's pre-commit)"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/medlint-precommit.XXXXXX")
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
export HOME="$tmp/home" PRE_COMMIT_HOME="$tmp/pre-commit-cache"
export XDG_CACHE_HOME="$tmp/cache" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=medlint GIT_AUTHOR_EMAIL=medlint@example.org
export GIT_COMMITTER_NAME=medlint GIT_COMMITTER_EMAIL=medlint@example.org
unset MEDLINT GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global advice.detachedHead false

passed=0
failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }

# The hook repository: this checkout's files (working tree, without builds
# and node_modules) committed in a fresh repository.
hookrepo="$tmp/medlint"
mkdir "$hookrepo"
tar -C "$src" --exclude='./build*' --exclude='./.git' \
	--exclude='node_modules' --exclude='./bench/out' -cf - . |
	tar -C "$hookrepo" -xf -
git -C "$hookrepo" init -q
git -C "$hookrepo" add -A
git -C "$hookrepo" commit -qm "medlint under test"
rev=$(git -C "$hookrepo" rev-parse HEAD)

# A content repository.
content="$tmp/content"
mkdir -p "$content/content" "$content/schemas"
cp "$src/schemas/article.schema.yaml" "$content/schemas/"
printf 'schema: schemas/article.schema.yaml\ninclude: ["content/**/*.md"]\n' \
	>"$content/.medlint.yaml"
cat >"$content/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $hookrepo
    rev: $rev
    hooks:
      - id: medlint
        files: ^content/
        args: [--today, "2026-06-01"]
EOF
cp "$src/content/soleus.md" "$src/content/achilles-tendon.md" \
	"$src/content/gastrocnemius.md" "$content/content/"
echo "# Notes: not an article, outside files: ^content/" >"$content/README.md"
git -C "$content" init -q
git -C "$content" add -A
git -C "$content" commit -qm "articles" --no-verify
(cd "$content" && pre-commit install >/dev/null)

# A bad article: the front matter slug breaks its pattern (line 3) and the
# disclaimer lost its required phrase.
try_commits() {
	local label=$1 out
	sed -e 's/^slug: soleus$/slug: Soleus_Bad/' \
		-e 's/for educational and informational purposes only/for reading/' \
		"$src/content/soleus.md" >"$content/content/soleus.md"
	git -C "$content" add content/soleus.md
	if out=$(cd "$content" && git commit -m "bad article" 2>&1); then
		bad "$label: a commit with a bad article was accepted"
		echo "$out"
	elif grep -Eq '(^|[[:space:]])content/soleus\.md:3:[0-9]+: error: ' <<<"$out"; then
		ok "$label: bad article refused with file:line"
		grep -E 'content/soleus\.md:[0-9]+:' <<<"$out" | sed 's/^/       /'
		grep -q 'building medlint' <<<"$out" && echo "       (the hook built medlint)"
	else
		bad "$label: refused, but without content/soleus.md:3:"
		echo "$out"
	fi
	if [ "$(git -C "$content" rev-list --count HEAD)" != 1 ]; then
		bad "$label: the refused commit exists"
	fi

	cp "$src/content/soleus.md" "$content/content/soleus.md"
	sed -i 's/^last_reviewed: .*/last_reviewed: 2026-05-30/' \
		"$content/content/soleus.md"
	git -C "$content" add content/soleus.md
	if out=$(cd "$content" && git commit -m "review date" 2>&1); then
		ok "$label: clean commit accepted"
	else
		bad "$label: clean commit refused"
		echo "$out"
	fi
	git -C "$content" reset -q --hard HEAD~1 2>/dev/null || true
}

# 1. medlint of this version on PATH (as after cmake --install).
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/medlint"
PATH="$tmp/bin:$PATH" try_commits "medlint on PATH"

# An .mdx article is selected by the hook (types_or: [markdown, mdx]) and
# linted: a bad one is refused with file:line.
mdx_commit() {
	local out
	sed -e 's/^slug: soleus$/slug: Soleus_Bad/' "$src/content/soleus.md" \
		>"$content/content/soleus-post.mdx"
	printf 'schema: schemas/article.schema.yaml\ninclude: ["content/**/*.md", "content/**/*.mdx"]\n' \
		>"$content/.medlint.yaml"
	git -C "$content" add content/soleus-post.mdx .medlint.yaml
	if out=$(cd "$content" && git commit -m "mdx post" 2>&1); then
		bad "mdx: a commit with a bad .mdx article was accepted"
		echo "$out"
	elif grep -Eq 'content/soleus-post\.mdx:3:[0-9]+: error: ' <<<"$out"; then
		ok "mdx: bad .mdx article refused with file:line"
	else
		bad "mdx: refused, but without content/soleus-post.mdx:3:"
		echo "$out"
	fi
	git -C "$content" reset -q HEAD -- content .medlint.yaml
	git -C "$content" checkout -q -- .medlint.yaml
	rm -f "$content/content/soleus-post.mdx"
}
PATH="$tmp/bin:$PATH" mdx_commit

# A 200-file commit: one medlint process, one result line for the whole
# commit (require_serial: true), and every error in it. Three of the 200
# articles break their slug pattern (frontmatter-schema and slug-filename:
# six errors).
two_hundred() {
	local i out n summary
	for i in $(seq 1 200); do
		sed -e "s/^slug: soleus$/slug: soleus-$i/" \
			"$src/content/soleus.md" >"$content/content/soleus-$i.md"
	done
	for i in 7 77 177; do
		sed -i "s/^slug: soleus-$i$/slug: Soleus_$i/" \
			"$content/content/soleus-$i.md"
	done
	git -C "$content" add content
	out=$(cd "$content" && git commit -m "200 articles" 2>&1) && {
		bad "200 files: a commit with 3 bad articles was accepted"
		return
	}
	n=$(grep -Eo '^content/soleus-[0-9]+\.md:3:[0-9]+: error: ' <<<"$out" |
		sort -u | wc -l)
	summary=$(grep -E 'files? checked' <<<"$out" || true)
	if [ "$n" = 3 ]; then
		ok "200 files: the 3 bad articles refused with file:line"
	else
		bad "200 files: $n of 3 bad articles reported"
		echo "$out" | tail -20
	fi
	if [ "$(grep -c . <<<"$summary")" = 1 ] &&
		grep -Eq '^6 errors, [0-9]+ warnings? in 200 files checked$' <<<"$summary"; then
		ok "200 files: one result for the whole commit: $summary"
	else
		bad "200 files: results were not one line for 200 files:"
		echo "$summary"
	fi
	git -C "$content" reset -q HEAD -- content
	rm -f "$content"/content/soleus-*.md
}
PATH="$tmp/bin:$PATH" two_hundred

# 2. No medlint at all: the hook builds it inside pre-commit's clone.
# PATH without any medlint, wherever one is installed (/usr/bin after the
# .deb, /usr/local/bin after cmake --install): a folder holding one is
# replaced by a folder of links to everything else in it, so git, cmake,
# cc and pre-commit stay found.
path_without_medlint() {
	local d n=0 out="" shadow
	local IFS=:
	for d in $PATH; do
		[ -n "$d" ] || continue
		if [ -e "$d/medlint" ] || [ -L "$d/medlint" ]; then
			n=$((n + 1))
			shadow="$tmp/path-without-medlint/$n"
			mkdir -p "$shadow"
			find "$d/" -mindepth 1 -maxdepth 1 ! -name medlint \
				-exec ln -s -t "$shadow" {} +
			d=$shadow
		fi
		out="$out${out:+:}$d"
	done
	printf '%s' "$out"
}
if [ "$mode" = "--build" ]; then
	nomedlint=$(path_without_medlint)
	if found=$(PATH=$nomedlint command -v medlint); then
		bad "hook-built medlint: $found is still on PATH"
	fi
	PATH=$nomedlint try_commits "hook-built medlint"
	if ls "$PRE_COMMIT_HOME"/repo*/build-hook/prefix/bin/medlint >/dev/null 2>&1; then
		ok "hook-built medlint: built once inside pre-commit's clone"
	else
		bad "hook-built medlint: no build inside pre-commit's clone"
	fi
fi

echo "precommit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
