#!/usr/bin/python3
"""bench/sites/score.py: score medlint's site presets against the generator.

For one site (a checkout given by path; nothing fetched is committed):
  1. build it with its own generator into a temporary folder, with the
     site's page templates replaced by a bare one that prints the page's
     content and names its source file (<meta name="medlint-src">), so
     that every built page maps back to its Markdown file;
  2. take the links of each source file (inline, image, reference
     definitions, Hugo ref/relref, Jekyll link tags) and align them with the
     links of its built page; a link is broken when what its built href
     points at is missing from the build, or lacks the #id;
  3. run medlint (site: {generator: ...}, only link-file and link-anchor)
     and compare: false-positive rate of its findings, recall of the
     site's own broken links;
  4. with --break N: delete N linked pages, rename N linked headings and
     delete N linked images in a copy, rebuild the truth, and report the
     recall of the links that broke.

usage: score.py MEDLINT SITE_DIR GENERATOR [--root SUBDIR] [--break N]
                [--seed S] [--site-opt KEY=VALUE]
GENERATOR: hugo, jekyll or mkdocs (the generators Debian packages), or
docusaurus (npm: run `npm ci` in SITE_DIR first; its node_modules are
linked into the build copy, and the build's own .docusaurus metadata maps
each built page to its source, see docusaurus_build).
"""
import argparse
import difflib
import html
import html.parser
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
MD_EXT = (".md", ".markdown", ".mdx")


# ---- the truth: build -------------------------------------------------------

BARE = ('<!doctype html><html><head><meta name="medlint-src" content="%s">'
        '</head><body><main id="medlint-content">%s</main></body></html>\n')


def run(cmd, cwd, env=None, timeout=900):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                       timeout=timeout, env=dict(os.environ, **(env or {})))
    return p.returncode, p.stdout + p.stderr


def hugo_build(site, out):
    theme = os.path.join(site, "themes", "medlint-truth", "layouts")
    for sub in ("_default", "partials"):
        os.makedirs(os.path.join(theme, sub), exist_ok=True)
    page = BARE % ("{{ with .File }}{{ .Filename }}{{ end }}",
                   "{{ .Content }}")
    for name in ("single", "list", "taxonomy", "term", "terms", "baseof"):
        if name != "baseof":
            open(os.path.join(theme, "_default", name + ".html"),
                 "w").write(page)
    open(os.path.join(theme, "index.html"), "w").write(page)
    open(os.path.join(theme, "404.html"), "w").write("")
    # the site's own templates need its theme: keep only Markdown hooks
    # and shortcodes
    lay = os.path.join(site, "layouts")
    if os.path.isdir(lay):
        for entry in os.listdir(lay):
            if entry not in ("shortcodes", "_default"):
                p = os.path.join(lay, entry)
                shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
        d = os.path.join(lay, "_default")
        if os.path.isdir(d):
            for entry in os.listdir(d):
                if entry != "_markup":
                    p = os.path.join(d, entry)
                    shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
    # link hooks written for newer Hugo: .PageInner is 0.123's; a hook's
    # own "not found" error becomes a broken link instead of a failed build.
    # GetPage as Hugo >= 0.123 does it (hugolib/pagecollections.go,
    # getContentNode): a trailing slash is trimmed and a last segment with
    # dots is a name, not an extension; 0.111 finds neither "/a/" for
    # content/a.md nor "/p/x.y" for content/p/x.y.md, and those links work
    # on the sites' own (newer) builds
    open(os.path.join(theme, "partials", "medlint-getpage.html"), "w").write(
        '{{- $t := .ref -}}'
        '{{- if and (ne $t "/") (strings.HasSuffix $t "/") -}}'
        '{{- $t = strings.TrimSuffix "/" $t -}}{{- end -}}'
        '{{- $r := .p.GetPage $t -}}'
        '{{- if and (not $r) (ne $t "") (not (strings.HasSuffix $t ".md")) -}}'
        '{{- $r = .p.GetPage (print $t ".md") -}}{{- end -}}'
        '{{- return $r -}}')
    for hook in ("render-link.html", "render-image.html"):
        for d in (os.path.join(lay, "_default", "_markup"),
                  os.path.join(lay, "_markup")):
            p = os.path.join(d, hook)
            if os.path.exists(p):
                text = open(p).read().replace(".PageInner", ".Page")
                text = re.sub(r"([$\w.]+)\.GetPage\s+(\$[\w.]+|\"[^\"]*\")",
                              r'partial "medlint-getpage.html" (dict "p" \1 "ref" \2)',
                              text)
                text = re.sub(r"\{\{-?\s*(?:fmt\.)?Errorf[^}]*\}\}",
                              '{{ $href = "/__medlint_hook_not_found__" }}',
                              text)
                open(p, "w").write(text)
    # a copy without .git: no git info; errors that only warn of old
    # settings are not the truth's business
    for name in ("hugo.toml", "config.toml", "hugo.yaml", "config.yaml",
                 "hugo.yml", "config.yml"):
        p = os.path.join(site, name)
        if not os.path.exists(p):
            continue
        text = open(p).read()
        text = re.sub(r"(?im)^(\s*enableGitInfo\s*[:=]\s*)true", r"\1false",
                      text)
        if name.endswith(".toml"):
            text = 'ignoreErrors = ["error-output-taxonomy"]\n' + text
        elif not re.search(r"(?m)^ignoreErrors", text):
            text += '\nignoreErrors: ["error-output-taxonomy"]\n'
        open(p, "w").write(text)
        break
    env = {"HUGO_THEME": "medlint-truth", "HUGO_REFLINKSERRORLEVEL": "WARNING",
           "HUGO_REFLINKSNOTFOUNDURL": "/__medlint_ref_not_found__",
           "HUGO_ENABLEGITINFO": "false"}
    for attempt in range(60):
        rc, log = run(["hugo", "--quiet", "--destination", out,
                       "--themesDir", os.path.join(site, "themes"),
                       "--theme", "medlint-truth", "--ignoreVendorPaths",
                       "**"], site, env)
        if rc == 0:
            return log
        missing = re.findall(r'template for shortcode "([^"]+)" not found',
                             log)
        broken = re.findall(r'(layouts/shortcodes/[^:"]+\.html)', log)
        # used unclosed with a template that reads .Inner (newer Hugo
        # allows it): the stub reads nothing
        for name in re.findall(r'shortcode "([^"]+)" must be closed', log):
            p = os.path.join(site, "layouts", "shortcodes", name + ".html")
            os.makedirs(os.path.dirname(p), exist_ok=True)
            open(p, "w").write("")
            missing.append(None)
        missing = [m for m in missing if m]
        if not missing and not broken and "must be closed" not in log:
            raise SystemExit("hugo build failed:\n" + log[-3000:])
        for name in missing:
            p = os.path.join(site, "layouts", "shortcodes", name + ".html")
            os.makedirs(os.path.dirname(p), exist_ok=True)
            # a stub: with .Inner only where the site closes it
            closed = subprocess.run(
                ["grep", "-rlE", r"\{\{[<%]\s*/\s*" + re.escape(name) +
                 r"\s*[>%]\}\}", os.path.join(site, "content")],
                capture_output=True).stdout
            open(p, "w").write("{{ .Inner }}" if closed else "")
        for rel in broken:
            p = os.path.join(site, rel)
            if os.path.exists(p):
                open(p, "w").write("{{ .Inner }}")
    raise SystemExit("hugo: too many template repairs")


def mkdocs_build(site, out):
    import yaml  # python3-yaml, a dependency of mkdocs
    cfg_path = os.path.join(site, "mkdocs.yml")
    text = open(cfg_path).read()
    # !!python/name tags need the modules named; drop those values
    text = re.sub(r"!!python/[^\s]+", "", text)
    text = re.sub(r"!ENV\s*\[?[^\]\n]*\]?", "''", text)
    cfg = yaml.safe_load(text) or {}
    tdir = os.path.join(site, "medlint-truth-theme")
    os.makedirs(tdir, exist_ok=True)
    open(os.path.join(tdir, "main.html"), "w").write(
        BARE % ("{{ page.file.src_path }}", "{{ page.content }}"))
    cfg["theme"] = {"name": None, "custom_dir": "medlint-truth-theme"}
    cfg.pop("plugins", None)
    cfg.pop("nav", None)
    exts = []
    for e in cfg.get("markdown_extensions", []) or []:
        name = e if isinstance(e, str) else list(e)[0]
        if name.split(".")[0] in ("toc", "attr_list", "tables", "admonition",
                                  "footnotes", "def_list", "md_in_html",
                                  "abbr", "meta", "sane_lists") or \
                name.startswith("pymdownx."):
            exts.append(e)
    if not any((e if isinstance(e, str) else list(e)[0]) == "toc"
               for e in exts):
        exts.append("toc")
    cfg["markdown_extensions"] = exts
    cfg["site_dir"] = out
    yaml.safe_dump(cfg, open(cfg_path, "w"))
    rc, log = run(["mkdocs", "build", "-q"], site)
    if rc != 0:
        # an extension that is not installed: keep the Python-Markdown ones
        cfg["markdown_extensions"] = [e for e in exts if not (
            (e if isinstance(e, str) else list(e)[0]).startswith("pymdownx"))]
        yaml.safe_dump(cfg, open(cfg_path, "w"))
        rc, log = run(["mkdocs", "build", "-q"], site)
    if rc != 0:
        raise SystemExit("mkdocs build failed:\n" + log[-3000:])
    return log


def jekyll_build(site, out):
    lay = os.path.join(site, "_layouts")
    names = set(["default", "page", "post", "home"])
    if os.path.isdir(lay):
        names |= {os.path.splitext(f)[0] for f in os.listdir(lay)}
        shutil.rmtree(lay)
    os.makedirs(lay)
    for n in names:
        open(os.path.join(lay, n + ".html"), "w").write(
            BARE % ("{{ page.path }}", "{{ content }}"))
    shutil.rmtree(os.path.join(site, "_includes"), ignore_errors=True)
    os.makedirs(os.path.join(site, "_includes"))
    # the plugins that decide where links go, when the site loads them
    # (_config.yml plugins/gems, the Gemfile's :jekyll_plugins group, or
    # github-pages, which has both) and Debian packages them
    # (ruby-jekyll-redirect-from, ruby-jekyll-relative-links); no others
    routing = ("jekyll-redirect-from", "jekyll-relative-links")
    loaded = set()
    gemfile = os.path.join(site, "Gemfile")
    if os.path.exists(gemfile):
        group = False
        for line in open(gemfile, errors="replace"):
            s = line.strip()
            if s.startswith("group"):
                group = ":jekyll_plugins" in s
            elif s == "end":
                group = False
            elif s.startswith("gem "):
                if "github-pages" in s:
                    loaded.update(routing)
                loaded.update(g for g in routing if g in s and (
                    group or ":jekyll_plugins" in s))
    for f in ("Gemfile", "Gemfile.lock"):
        if os.path.exists(os.path.join(site, f)):
            os.remove(os.path.join(site, f))
    import yaml
    cfg_path = os.path.join(site, "_config.yml")
    cfg = yaml.safe_load(open(cfg_path)) if os.path.exists(cfg_path) else {}
    cfg = cfg or {}
    for k in ("plugins", "gems"):
        loaded.update(g for g in (cfg.get(k) or []) if g in routing)
    for k in ("theme", "remote_theme", "plugins", "gems"):
        cfg.pop(k, None)
    cfg["plugins"] = sorted(loaded)
    cfg.setdefault("defaults", []).append(
        {"scope": {"path": ""}, "values": {"layout": "default"}})
    yaml.safe_dump(cfg, open(cfg_path, "w"))
    stubs = []
    for attempt in range(80):
        rc, log = run(["jekyll", "build", "-q", "-d", out], site)
        log = re.sub(r"\x1b\[[0-9;]*m", "", log)
        if rc == 0:
            return log
        tag = re.search(r"Unknown tag '([^']+)'", log)
        if tag and tag.group(1) not in stubs:
            # a tag of the theme's or a gem's plugin: renders nothing
            stubs.append(tag.group(1))
            os.makedirs(os.path.join(site, "_plugins"), exist_ok=True)
            open(os.path.join(site, "_plugins", "medlint_stubs.rb"), "w").write(
                "".join("Liquid::Template.register_tag(%r, Class.new("
                        "Liquid::Tag) { def render(c) '' end })\n" % t
                        for t in stubs))
            continue
        inc = re.search(r"Could not locate the included file '([^']+)'", log)
        if inc:
            # the theme's includes (a remote theme is not fetched): empty
            p = os.path.join(site, "_includes", inc.group(1))
            os.makedirs(os.path.dirname(p), exist_ok=True)
            open(p, "w").write("")
            continue
        m = re.search(r"Liquid syntax error \(([^ ]+) line", log) or \
            re.search(r"Liquid Exception: .* in ([^ \n]+)", log)
        if not m:
            raise SystemExit("jekyll build failed:\n" + log[-3000:])
        bad = m.group(1)
        bad = bad if os.path.isabs(bad) else os.path.join(site, bad)
        if not os.path.exists(bad):
            raise SystemExit("jekyll build failed:\n" + log[-3000:])
        # a tag that fails the build (a missing {% link %} or post_url):
        # that link is broken; the build goes on without it
        text = open(bad).read()
        post = re.search(r'Could not find post "([^"]+)"', log)
        doc = re.search(r"Could not find document '([^']+)'", log)
        if post:
            pat = r"\{%\s*post_url\s+" + re.escape(post.group(1)) + r"\s*%\}"
        elif doc:
            pat = r"\{%\s*link\s+" + re.escape(doc.group(1)) + r"\s*%\}"
        else:
            pat = r"\{%[^%]*%\}"
        open(bad, "w").write(re.sub(pat, "/__medlint_liquid__", text))
    raise SystemExit("jekyll: too many repairs")


ORIG_SITE = None  # the checkout given: its node_modules serve the build


def docusaurus_build(site, out):
    """npx docusaurus build with the site's own theme (classic): the
    content is the element of class "markdown" on each page, and every
    built page maps back to its source through the metadata the content
    plugins write to .docusaurus/ (each doc's, blog post's and page's
    "source" and "permalink"), written to medlint-src.json in out."""
    nm = os.path.join(ORIG_SITE, "node_modules")
    if not os.path.isdir(nm):
        raise SystemExit("docusaurus: run npm ci in %s first" % ORIG_SITE)
    if not os.path.exists(os.path.join(site, "node_modules")):
        os.symlink(nm, os.path.join(site, "node_modules"))
    # a Markdown image whose file is missing fails the whole build (the
    # MDX loader's transformImage throws): such an image is broken, and
    # is pointed at a marker the truth reads as broken before building
    img = re.compile(r"(!\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?)([^)\s>]+)")
    for dp, dn, fn in os.walk(site):
        dn[:] = [d for d in dn if d not in ("node_modules", ".docusaurus",
                                            ".git", "static")]
        for f in fn:
            if not f.endswith((".md", ".mdx")):
                continue
            p = os.path.join(dp, f)
            text = open(p, errors="replace").read()

            def fix(m):
                url = m.group(2)
                if SCHEME.match(url) or url.startswith(("data:", "//")):
                    return m.group(0)
                path = urllib.parse.unquote(url.split("#")[0].split("?")[0])
                if path.startswith("@site/"):
                    full = os.path.join(site, path[6:])
                elif path.startswith("/"):
                    full = os.path.join(site, "static", path.lstrip("/"))
                else:
                    full = os.path.join(dp, path)
                if os.path.exists(full):
                    return m.group(0)
                return m.group(1) + ("https://medlint.invalid/__medlint_"
                                     "missing__/" + os.path.basename(path))
            new = img.sub(fix, text)
            if new != text:
                open(p, "w").write(new)
    for name in os.listdir(site):
        if name.startswith("docusaurus.config."):
            p = os.path.join(site, name)
            text = open(p).read()
            # the site's own checks would stop the build at its first
            # broken link; the truth is read from the build instead
            text = re.sub(r"""(onBroken\w+\s*:\s*)['"]throw['"]""",
                          r"\1'warn'", text)
            open(p, "w").write(text)
    for attempt in range(5):
        rc, log = run(["npx", "docusaurus", "build", "--out-dir", out], site,
                      {"NODE_OPTIONS": "--max-old-space-size=3072"},
                      timeout=1800)
        gone = re.search(r"sidebar document ids do not exist:\s*\n(.*?)\n\s*\n",
                         log, re.S)
        if rc == 0 or not gone:
            break
        # a doc deleted (--break) that the sidebar names fails the build
        # in loadContent: the sidebar stops naming it
        ids = re.findall(r"^\s*-\s*(\S+)\s*$", gone.group(1), re.M)
        for name in os.listdir(site):
            if not name.startswith("sidebars."):
                continue
            p = os.path.join(site, name)
            text = open(p).read()
            for i in ids:
                q = r"""(['"])""" + re.escape(i) + r"\1"
                text = re.sub(r"\{[^{}]*\bid\s*:\s*" + q + r"[^{}]*\}\s*,?",
                              "", text)
                text = re.sub(q + r"\s*,?", "", text)
            open(p, "w").write(text)
    if rc != 0:
        raise SystemExit("docusaurus build failed:\n" + log[-3000:])
    srcs = {}
    meta = os.path.join(site, ".docusaurus")
    for dp, dn, fn in os.walk(meta):
        for f in fn:
            if not f.endswith(".json") or f.startswith("__"):
                continue
            try:
                d = json.load(open(os.path.join(dp, f)))
            except (ValueError, OSError):
                continue
            if not isinstance(d, dict):
                continue
            d = d.get("metadata", d) if isinstance(d.get("metadata"), dict) else d
            src, perm = d.get("source"), d.get("permalink")
            if not (isinstance(src, str) and isinstance(perm, str)
                    and src.startswith("@site/")):
                continue
            rel = urllib.parse.unquote(perm).lstrip("/")
            for c in (rel + ".html", os.path.join(rel, "index.html"),
                      rel.rstrip("/") + ".html"):
                if os.path.isfile(os.path.join(out, c)):
                    srcs[os.path.normpath(os.path.join(out, c))] = \
                        src[len("@site/"):]
                    break
    json.dump(srcs, open(os.path.join(out, "medlint-src.json"), "w"))
    return log


BUILD = {"hugo": hugo_build, "mkdocs": mkdocs_build, "jekyll": jekyll_build,
         "docusaurus": docusaurus_build}


# ---- the truth: read the build ----------------------------------------------

class Page(html.parser.HTMLParser):
    VOID = ("area", "base", "br", "col", "embed", "hr", "img", "input",
            "link", "meta", "source", "track", "wbr")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.src, self.links, self.ids, self.inside = None, [], set(), 0
        self.depth, self.region = 0, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in self.VOID:
            self.depth += 1
        if tag == "meta" and a.get("name") == "medlint-src":
            self.src = a.get("content")
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "main" and a.get("id") == "medlint-content":
            self.inside = 1
        # Docusaurus (classic theme): the first element of class markdown
        if self.region is None and not self.inside and \
                "markdown" in (a.get("class") or "").split():
            self.region, self.inside = self.depth, 1
        if self.inside and tag in ("a", "img"):
            url = a.get("href") if tag == "a" else a.get("src")
            if url is not None:
                self.links.append(url)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.region is not None and self.depth == self.region:
            self.inside, self.region = 0, -1
        self.depth -= 1


def read_build(out):
    srcmap = os.path.join(out, "medlint-src.json")
    srcs = json.load(open(srcmap)) if os.path.exists(srcmap) else {}
    pages = {}
    for dp, dn, fn in os.walk(out):
        for f in fn:
            if f.endswith(".html"):
                p = os.path.join(dp, f)
                pg = Page()
                try:
                    pg.feed(open(p, encoding="utf-8", errors="replace").read())
                except Exception:
                    continue
                if srcs:
                    pg.src = srcs.get(os.path.normpath(p))
                pages[p] = pg
    return pages


def target(out, page_path, href, base_path):
    """(exists, ids or None) of what href on page_path points at."""
    u = urllib.parse.urlsplit(href)
    path = urllib.parse.unquote(u.path)
    if path.startswith("/"):
        # as a browser resolves it: ".." at the root stays there
        segs = []
        for seg in path.split("/")[1:]:
            if seg == "..":
                segs = segs[:-1]
            elif seg != ".":
                segs.append(seg)
        path = "/" + "/".join(segs)
        if base_path and (path == base_path or path.startswith(base_path + "/")):
            path = path[len(base_path):] or "/"
        full = os.path.normpath(os.path.join(out, path.lstrip("/")))
    elif path:
        full = os.path.normpath(os.path.join(os.path.dirname(page_path), path))
    else:
        full = page_path
    cands = [full]
    if os.path.isdir(full):
        # /a is a folder and a.html beside it (Docusaurus trailingSlash
        # false, Jekyll permalinks without a slash): hosts serve either
        cands = [os.path.join(full, "index.html")]
        if not path.endswith("/"):
            cands.append(full + ".html")
    elif not os.path.exists(full):
        cands = [full + ".html", os.path.join(full, "index.html")]
    for c in cands:
        if os.path.isfile(c):
            return True, c
    return False, None


# ---- source links -----------------------------------------------------------

LINK = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?"
                  r"(\{[{%][^}]*[}%]\}[^)\s>]*|[^)\s>]+)>?"
                  r"(?:\s+\"[^\"]*\")?\s*\)")
REFDEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)")
HUGOREF = re.compile(r"\{\{[<%]\s*(?:rel)?ref\s+\"([^\"]+)\"\s*[>%]\}\}")


def source_links(text):
    """[(line, col, url)] in order, outside code fences and code spans."""
    out, fence = [], None
    for ln, line in enumerate(text.split("\n"), 1):
        s = line.lstrip()
        if s.startswith("```") or s.startswith("~~~"):
            mark = s[:3]
            fence = None if fence == mark else (fence or mark)
            continue
        if fence:
            continue
        clean = re.sub(r"`[^`]*`", lambda m: " " * len(m.group(0)), line)
        m = REFDEF.match(clean)
        if m:
            out.append((ln, (m.start(2) + 1,), m.group(2)))
            continue
        for m in HUGOREF.finditer(clean):
            out.append((ln, (m.start() + 1,), "ref:" + m.group(1)))
        for m in LINK.finditer(clean):
            url = m.group(2)
            out.append((ln, (m.start() + 1, m.start(2) + 1), url))
    return out


def key(url):
    u = urllib.parse.urlsplit(url.replace("ref:", ""))
    segs = [s for s in u.path.split("/") if s and s not in (".", "..")]
    stem = os.path.splitext(segs[-1])[0] if segs else ""
    if "/assets/" in u.path:
        # Docusaurus's copy of an image or file: name-<hash>.ext
        stem = re.sub(r"-[0-9a-f]{8,32}$", "", stem)
    if stem in ("index", "_index", "README") and len(segs) > 1:
        stem = os.path.splitext(segs[-2])[0]
    return stem.lower() + "#" + u.fragment


def internal(url, base_host):
    if url.startswith("ref:") or "__medlint_" in url:
        return True
    if url.startswith("//") or url.startswith("mailto:"):
        return False
    if SCHEME.match(url):
        return bool(base_host) and url.startswith(base_host)
    return True


def truth(site, out, content_dir, base_url, orig):
    """{(relpath, line, col): (url, broken)} for every internal link that
    could be aligned with its built page."""
    base_host = ""
    base_path = ""
    if base_url:
        u = urllib.parse.urlsplit(base_url)
        base_host = "%s://%s" % (u.scheme, u.netloc)
        base_path = u.path.rstrip("/")
    pages = read_build(out)
    by_src = {}
    for p, pg in pages.items():
        if pg.src and pg.src not in by_src:
            by_src[pg.src] = (p, pg)
    result, unaligned = {}, 0
    templated = 0
    for src, (ppath, pg) in by_src.items():
        spath = src if os.path.isabs(src) else os.path.join(site, content_dir, src)
        if not os.path.isfile(spath):
            spath = os.path.join(site, src)
        if not os.path.isfile(spath) or not spath.endswith(MD_EXT):
            continue
        rel = os.path.relpath(spath, site)
        # the links as the writer wrote them (the build's copy may have
        # had a failing tag taken out)
        opath = os.path.join(orig, rel)
        links = [l for l in source_links(open(opath if os.path.isfile(opath) else spath,
                                              errors="replace").read())
                 if internal(l[2], base_host)]
        built = [h for h in pg.links if internal(h, base_host)]
        sm = difflib.SequenceMatcher(None, [key(l[2]) for l in links],
                                     [key(h) for h in built], autojunk=False)
        pair = {}
        # equal runs pair up; so do replaced runs of the same length (a
        # ref rendered as its permalink, a .md link rewritten by MkDocs)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
                for k in range(i2 - i1):
                    pair[i1 + k] = built[j1 + k]
        for i, (ln, col, url) in enumerate(links):
            if i not in pair:
                unaligned += 1
                continue
            href = html.unescape(pair[i])
            if base_host and href.startswith(base_host):
                href = href[len(base_host):] or "/"
            ok, tgt = target(out, ppath, href, base_path)
            frag = urllib.parse.unquote(urllib.parse.urlsplit(href).fragment)
            if ok and frag and tgt and tgt.endswith(".html") and frag != "top":
                tp = pages.get(tgt)
                ok = tp is not None and frag in tp.ids
            if "__medlint_" in href:
                ok = False
            if ("{{" in url or "{%" in url) and "{{" in href:
                templated += 1  # left unexpanded by the bare build
                continue
            result[(rel, ln, col)] = (url, not ok)
    return result, unaligned + templated


# ---- medlint ------------------------------------------------------------------

SITE_OPTS = []  # --site-opt KEY=VALUE: what the site: block says besides


def medlint(binary, site, gen, paths):
    cfg = os.path.join(site, ".medlint.yaml")
    opts = "".join("  %s: %s\n" % (k, json.dumps(v)) for k, v in SITE_OPTS)
    open(cfg, "w").write("site:\n  generator: %s\n%srules:\n  \"*\": off\n"
                         "  link-file: error\n  link-anchor: error\n" %
                         (gen, opts))
    p = subprocess.run([binary, "--format", "json", "--links", "internal"] +
                       paths, cwd=site, capture_output=True, text=True,
                       timeout=900)
    if p.returncode not in (0, 1):
        raise SystemExit("medlint failed: " + p.stderr[-2000:])
    data = json.loads(p.stdout)
    found = []
    for x in data.get("findings", []):
        if x.get("rule") in ("link-file", "link-anchor"):
            found.append((os.path.normpath(x["file"]), x["line"],
                          x["column"], x["rule"], x["message"]))
    return found, p.stderr.strip()


def score(found, t):
    """Findings against the truth: (fp, judged, caught, broken)."""
    by_line = {}
    for (rel, ln, col), v in t.items():
        by_line.setdefault((rel, ln), []).append((col, v))
    fp, judged, hit = 0, 0, set()
    fps = []
    for rel, ln, col, rule, msg in found:
        cands = by_line.get((rel, ln))
        if not cands:
            continue
        # the link starting at or nearest before the finding's column
        # the link whose '[', '![' or '{{' is where the finding is
        best = [c for c in cands if any(abs(x - col) <= 1 for x in c[0])]
        if not best:
            continue
        c, (url, broken) = best[0]
        judged += 1
        if broken:
            hit.add((rel, ln, c))
        else:
            fp += 1
            fps.append("false: %s:%d:%d %s %s" % (rel, ln, col, url, msg))
    broken = {k for k, v in t.items() if v[1]}
    for k in sorted(broken - hit):
        fps.append("missed: %s:%d %s" % (k[0], k[1], t[k][0]))
    return fp, judged, len(broken & hit), broken, fps


def build_truth(gen, work, root, base_url, content_dir):
    out = os.path.join(os.path.dirname(work), "out-" + os.path.basename(work))
    shutil.rmtree(out, ignore_errors=True)
    tmp = work + "-build"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(work, tmp, symlinks=True)
    BUILD[gen](os.path.join(tmp, root), out)
    t, unaligned = truth(os.path.join(tmp, root), out, content_dir, base_url,
                         os.path.join(work, root))
    shutil.rmtree(tmp, ignore_errors=True)
    return t, unaligned


def site_facts(gen, site):
    """(content_dir relative to site, base_url) the truth mapping needs."""
    import yaml
    if gen == "mkdocs":
        c = yaml.safe_load(re.sub(r"!!python/[^\s]+|!ENV[^\n]*", "",
                                  open(os.path.join(site, "mkdocs.yml")).read())) or {}
        return c.get("docs_dir", "docs"), c.get("site_url")
    if gen == "jekyll":
        p = os.path.join(site, "_config.yml")
        c = yaml.safe_load(open(p)) if os.path.exists(p) else {}
        c = c or {}
        return "", (c.get("url") or "https://site.invalid") + (c.get("baseurl") or "")
    if gen == "docusaurus":
        url, base = None, "/"
        for name in sorted(os.listdir(site)):
            if name.startswith("docusaurus.config."):
                text = open(os.path.join(site, name)).read()
                m = re.search(r"""^\s*url\s*:\s*['"]([^'"]+)['"]""", text, re.M)
                url = m.group(1) if m else None
                m = re.search(r"""^\s*baseUrl\s*:\s*['"]([^'"]+)['"]""", text,
                              re.M)
                base = m.group(1) if m else "/"
        return "", (url.rstrip("/") + base) if url else None
    for name in ("hugo.toml", "config.toml"):
        p = os.path.join(site, name)
        if os.path.exists(p):
            import tomllib
            c = tomllib.load(open(p, "rb"))
            return c.get("contentDir", "content"), c.get("baseURL")
    for name in ("hugo.yaml", "config.yaml", "hugo.yml", "config.yml"):
        p = os.path.join(site, name)
        if os.path.exists(p):
            c = yaml.safe_load(open(p)) or {}
            return c.get("contentDir", "content"), c.get("baseURL") or c.get("baseurl")
    return "content", None


# ---- breaking on purpose ------------------------------------------------------

def break_site(site, t, content_dir, n, rng):
    """Delete n linked pages, rename n linked headings, delete n linked
    images (as a writer would); returns what was done."""
    done = []
    md = [os.path.join(dp, f) for dp, dn, fn in os.walk(os.path.join(site, content_dir))
          for f in fn if f.endswith(MD_EXT)]
    linked_pages = sorted({u for (_, _, _), (u, b) in t.items()
                           if not b and u.split("#")[0].endswith(MD_EXT) is False})
    rng.shuffle(md)
    # pages: delete files whose name some working link names
    names = {}
    for (rel, ln, col), (url, broken) in t.items():
        if broken:
            continue
        k = key(url).split("#")[0]
        if k:
            names.setdefault(k, []).append(url)
    victims = [p for p in md if os.path.splitext(os.path.basename(p))[0].lower()
               in names and os.path.basename(p) not in ("index.md", "_index.md")]
    for p in victims[:n]:
        os.remove(p)
        done.append("deleted page " + os.path.relpath(p, site))
    # headings: rename the text of a heading some link's fragment names
    frags = {}
    for (rel, ln, col), (url, broken) in t.items():
        if not broken and "#" in url:
            frags.setdefault(url.split("#", 1)[1], url)
    renamed = 0
    for p in md:
        if renamed >= n or not os.path.exists(p):
            continue
        lines = open(p, errors="replace").read().split("\n")
        for i, line in enumerate(lines):
            m = re.match(r"^(#{1,6})\s+(.+?)\s*$", line)
            if not m or "{#" in line:
                continue
            slug = re.sub(r"[^\w\- ]", "", m.group(2).lower()).replace(" ", "-")
            if slug in frags or slug.replace("--", "-") in frags:
                lines[i] = "%s Renamed %s" % (m.group(1), m.group(2))
                open(p, "w").write("\n".join(lines))
                done.append("renamed heading %r in %s" % (m.group(2),
                                                          os.path.relpath(p, site)))
                renamed += 1
                break
    # images and other files linked that are not pages
    files = {}
    for (rel, ln, col), (url, broken) in t.items():
        path = urllib.parse.urlsplit(url).path
        if broken or not re.search(r"\.(png|jpe?g|gif|svg|pdf|webp)$", path, re.I):
            continue
        files.setdefault(os.path.basename(path), url)
    allfiles = [os.path.join(dp, f) for dp, dn, fn in os.walk(site)
                for f in fn if f in files and "/.git" not in dp]
    rng.shuffle(allfiles)
    for p in allfiles[:n]:
        os.remove(p)
        done.append("deleted file " + os.path.relpath(p, site))
    return done


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("medlint")
    ap.add_argument("site")
    ap.add_argument("generator", choices=sorted(BUILD))
    ap.add_argument("--root", default=".", help="the site's folder in SITE")
    ap.add_argument("--break", dest="nbreak", type=int, default=0)
    ap.add_argument("--seed", type=int, default=25)
    ap.add_argument("--show", type=int, default=10, help="false positives shown")
    ap.add_argument("--site-opt", action="append", default=[],
                    metavar="KEY=VALUE", help="a key of the site: block "
                    "(docs_route=/ where docusaurus.config.js says so)")
    a = ap.parse_args()
    SITE_OPTS.extend(tuple(o.split("=", 1)) for o in a.site_opt)
    medlint_bin = os.path.abspath(a.medlint)
    tmpd = tempfile.mkdtemp(prefix="medlint-sites-")
    try:
        work = os.path.join(tmpd, "site")
        global ORIG_SITE
        ORIG_SITE = os.path.abspath(os.path.join(a.site, a.root))
        def ignore(d, names):
            # a Docusaurus site's own build output and caches, at its root
            top = os.path.abspath(d) == ORIG_SITE
            return [n for n in names if n in (".git", "node_modules") or
                    (top and a.generator == "docusaurus" and
                     n in (".docusaurus", "build"))]
        shutil.copytree(a.site, work, symlinks=True, ignore=ignore)
        root = os.path.join(work, a.root)
        content_dir, base_url = site_facts(a.generator, root)
        t, unaligned = build_truth(a.generator, work, a.root, base_url, content_dir)
        paths = [content_dir or "."]
        if a.generator == "docusaurus":
            # what the content plugins read (docs, blog, src/pages)
            paths = [p for p in ("docs", "blog", "src/pages")
                     if os.path.isdir(os.path.join(root, p))] or ["."]
        found, notes = medlint(medlint_bin, root, a.generator, paths)
        fp, judged, caught, broken, fps = score(found, t)
        print("site %s (%s): %d internal links judged (%d not aligned with "
              "the build), %d broken" % (os.path.basename(os.path.abspath(a.site)),
                                        a.generator, len(t), unaligned, len(broken)))
        print("  medlint: %d link-file/link-anchor findings, %d judged, %d false "
              "(%.1f%%)" % (len(found), judged, fp, 100.0 * fp / judged if judged else 0))
        print("  recall of the site's own broken links: %d/%d (%.1f%%)" % (
            caught, len(broken), 100.0 * caught / len(broken) if broken else 100))
        for line in fps[:a.show]:
            print("    " + line)
        if notes:
            print("  " + notes.replace("\n", "\n  "))
        if a.nbreak:
            rng = random.Random(a.seed)
            done = break_site(root, t, content_dir, a.nbreak, rng)
            t2, _ = build_truth(a.generator, work, a.root, base_url, content_dir)
            found2, _ = medlint(medlint_bin, root, a.generator, paths)
            fp2, judged2, caught2, broken2, fps2 = score(found2, t2)
            new = broken2 - broken
            caught_new = {k for k in new if any(
                f[0] == k[0] and f[1] == k[1] for f in found2)}
            hit = len(caught_new)
            for k in sorted(new - caught_new)[:a.show]:
                print("    missed after breaking: %s:%d %s" % (k[0], k[1],
                                                            t2[k][0]))
            for line in [x for x in fps2 if x.startswith("false")][:a.show]:
                print("    after breaking, " + line)
            print("  broken on purpose (%s): %d links broke, medlint found "
                  "%d (%.1f%%); false after: %d/%d" % (
                      "; ".join(done), len(new), hit,
                      100.0 * hit / len(new) if new else 100, fp2, judged2))
    finally:
        shutil.rmtree(tmpd, ignore_errors=True)


if __name__ == "__main__":
    main()
