"""--format markdown (issue 15): the job summary for $GITHUB_STEP_SUMMARY.

- golden: two articles in a throwaway git repository, with the workflow's
  GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA, print markdown.golden
  exactly (totals, counts by rule, rows linked to the blob line); without
  them the rows are not links; a bad GITHUB_REPOSITORY gives no links.
- escaping: an article whose front matter keys carry <script>, an <img>
  with a quote-breaking onerror, a javascript: link, a cell pipe, emphasis,
  @mention, $math$, an entity, a backslash and a control byte; the summary rendered by cmark-gfm
  (tables on, raw HTML allowed, as unsafe as a renderer can be) holds no
  element, attribute or link from it and shows the text as written.
- limit: 9000 findings stop under 1 MiB with a count of the rest, and
  shown + that count = the findings the JSON report has.

    test_markdown.py MEDLINT SOURCE_DIR
"""
import ctypes
import ctypes.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from harness import Medlint, check, fail, finish  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
medlint = Medlint(sys.argv[1], today="2026-06-01")
src = sys.argv[2]
GH = {"GITHUB_SERVER_URL": "https://github.com",
      "GITHUB_REPOSITORY": "example-org/health-content",
      "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567"}
NO_GH = {k: None for k in GH}


def run(args, cwd, env):
    e = dict(os.environ)
    for k, v in env.items():
        if v is None:
            e.pop(k, None)
        else:
            e[k] = v
    p = subprocess.run([medlint.binary] + medlint.base + args, cwd=cwd,
                       env=e, capture_output=True, timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


def git_repo(tmp):
    subprocess.run(["git", "init", "-q", tmp], check=True)


def render(md):
    """HTML from cmark-gfm with the table, strikethrough and autolink
    extensions and CMARK_OPT_UNSAFE (raw HTML kept)."""
    lib = ctypes.CDLL(ctypes.util.find_library("cmark-gfm") or
                      "libcmark-gfm.so")
    ext = ctypes.CDLL(ctypes.util.find_library("cmark-gfm-extensions") or
                      "libcmark-gfm-extensions.so")
    vp, cp = ctypes.c_void_p, ctypes.c_char_p
    ext.cmark_gfm_core_extensions_ensure_registered.restype = None
    lib.cmark_find_syntax_extension.restype = vp
    lib.cmark_find_syntax_extension.argtypes = [cp]
    lib.cmark_parser_new.restype = vp
    lib.cmark_parser_new.argtypes = [ctypes.c_int]
    lib.cmark_parser_attach_syntax_extension.argtypes = [vp, vp]
    lib.cmark_parser_feed.argtypes = [vp, cp, ctypes.c_size_t]
    lib.cmark_parser_finish.restype = vp
    lib.cmark_parser_finish.argtypes = [vp]
    lib.cmark_parser_get_syntax_extensions.restype = vp
    lib.cmark_parser_get_syntax_extensions.argtypes = [vp]
    lib.cmark_render_html.restype = ctypes.c_void_p
    lib.cmark_render_html.argtypes = [vp, ctypes.c_int, vp]
    ext.cmark_gfm_core_extensions_ensure_registered()
    unsafe = 1 << 17
    parser = lib.cmark_parser_new(unsafe)
    for name in (b"table", b"strikethrough", b"autolink"):
        lib.cmark_parser_attach_syntax_extension(
            parser, lib.cmark_find_syntax_extension(name))
    data = md.encode("utf-8")
    lib.cmark_parser_feed(parser, data, len(data))
    doc = lib.cmark_parser_finish(parser)
    html = lib.cmark_render_html(
        doc, unsafe, lib.cmark_parser_get_syntax_extensions(parser))
    return ctypes.string_at(html).decode("utf-8")


# ---- golden --------------------------------------------------------------
tmp = tempfile.mkdtemp(prefix="ml-md-")
try:
    git_repo(tmp)
    shutil.copytree(os.path.join(src, "tests/golden/outputs/report"),
                    os.path.join(tmp, "report"))
    args = ["--format", "markdown", "report/tibialis-anterior.md",
            "report/a:b,c/tibialis-anterior.md"]
    code, out, err = run(args, tmp, GH)
    with open(os.path.join(HERE, "markdown.golden"), encoding="utf-8") as f:
        golden = f.read()
    if "--update" in sys.argv:
        with open(os.path.join(HERE, "markdown.golden"), "w") as f:
            f.write(out)
        golden = out
    check("golden: exit 1 (errors)", code == 1, err)
    check("golden: output equals markdown.golden", out == golden,
          "\n--- got\n" + out + "\n--- want\n" + golden)
    blob = ("https://github.com/example-org/health-content/blob/"
            "0123456789abcdef0123456789abcdef01234567/")
    check("golden: a row links the blob line",
          "](%sreport/a%%3Ab%%2Cc/tibialis-anterior.md#L4)" % blob in out,
          out)
    code, out, err = run(args, tmp, NO_GH)
    check("no GITHUB_* variables: no links", code == 1 and
          "](" not in out and "report/tibialis\\-anterior.md:6" not in out
          and "report/tibialis-anterior.md:6 |" in out, out)
    bad = dict(GH, GITHUB_REPOSITORY="x/y)[z](javascript:alert(1)")
    code, out, err = run(args, tmp, bad)
    check("a GITHUB_REPOSITORY that is not owner/name: no links",
          "](" not in out and "javascript" not in out, out)
finally:
    shutil.rmtree(tmp)

# ---- escaping ------------------------------------------------------------
# Each payload is an unknown front matter key, which the schema finding
# quotes in full.
HOSTILE = ['<script>alert(1)</script> | **bold**',
           '[click](javascript:alert(1)) _em_',
           '<img src=x onerror="alert(2)"> @team',
           '"><b x=\' $x^2$ :smile: ~~gone~~',
           'ctl\x01 `code` # &amp; \\ end']
tmp = tempfile.mkdtemp(prefix="ml-md-")
try:
    git_repo(tmp)
    with open(os.path.join(src, "tests/golden/outputs/report/"
                           "tibialis-anterior.md"), encoding="utf-8") as f:
        article = f.read()
    keys = "".join("%s: %d\n" % (json.dumps(k), i)
                   for i, k in enumerate(HOSTILE))
    article = article.replace("type: term\n", "type: term\n" + keys, 1)
    with open(os.path.join(tmp, "evil.md"), "w", encoding="utf-8") as f:
        f.write(article)
    code, out, err = run(["--format", "markdown", "evil.md"], tmp, GH)
    check("hostile: exit 1", code == 1, err)
    code2, js, _ = run(["--format", "json", "evil.md"], tmp, NO_GH)
    msgs = [f["message"] for f in json.loads(js)["findings"]]
    quoted = [m for m in msgs if "unknown key" in m and m[1:4] in
              "".join(HOSTILE)]
    check("hostile: every payload is quoted in a message",
          len(quoted) == len(HOSTILE), msgs)
    check("hostile: no raw < in the summary", "<" not in out, out)
    # A file name is not quoted by the schema layer: a raw control byte
    # and a pipe reach the writer.
    odd = "odd|name\x01<i>.md"
    shutil.copy(os.path.join(tmp, "evil.md"), os.path.join(tmp, odd))
    c3, o3, e3 = run(["--format", "markdown", odd], tmp, NO_GH)
    check("hostile file name: the control byte is shown as \\x01",
          c3 == 1 and "\x01" not in o3 and "\\\\x01" in o3, repr(o3))
    r3 = render(o3)
    check("hostile file name: rendered as text, pipe kept, no <i>",
          "<i>" not in r3 and "odd|name\\x01&lt;i&gt;.md:" in r3, r3)
    rows = [ln for ln in out.splitlines() if ln.startswith("| [evil")]
    check("hostile: one row per finding", len(rows) == len(msgs),
          "%d rows, %d findings" % (len(rows), len(msgs)))
    try:
        html = render(out)
    except OSError as e:
        fail("libcmark-gfm cannot be loaded: %s" % e)
    check("rendered: no <script>", "<script" not in html.lower(), html)
    check("rendered: no <img>/<b> element",
          not re.search(r"<(img|b)[\s>]", html), html)
    check("rendered: no javascript: href",
          not re.search(r'href="\s*javascript', html, re.I), html)
    check("rendered: no emphasis, code or strikethrough from the text",
          not re.search(r"<(strong|em|code|del)>(bold|em|code|gone)", html),
          html)
    base = (GH["GITHUB_SERVER_URL"] + "/" + GH["GITHUB_REPOSITORY"] +
            "/blob/" + GH["GITHUB_SHA"] + "/evil.md#L")
    hrefs = re.findall(r'href="([^"]*)"', html)
    check("rendered: the only links are blob links, one per finding",
          len(hrefs) == len(msgs) and all(h.startswith(base)
                                          for h in hrefs), hrefs)
    cells = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    check("rendered: every findings row has its 4 cells",
          len([c for c in cells if c.count("<td") == 4]) == len(msgs),
          html)
    import html as h
    text = h.unescape(re.sub(r"<[^>]+>", "", html))
    for m in quoted:
        shown = m.replace("\x01", "\\x01")
        check("rendered: the reader sees %r" % shown[:30], shown in text,
              text)
finally:
    shutil.rmtree(tmp)

# ---- 1 MiB ---------------------------------------------------------------
tmp = tempfile.mkdtemp(prefix="ml-md-")
try:
    git_repo(tmp)
    links = "".join("See [part %d](missing-page-number-%05d.md).\n\n" %
                    (i, i) for i in range(9000))
    with open(os.path.join(src, "tests/golden/outputs/report/"
                           "tibialis-anterior.md"), encoding="utf-8") as f:
        article = f.read()
    article = article.replace("## Tibialis Anterior Exercises",
                              links + "## Tibialis Anterior Exercises", 1)
    with open(os.path.join(tmp, "many.md"), "w", encoding="utf-8") as f:
        f.write(article)
    code, js, err = run(["--format", "json", "many.md"], tmp, NO_GH)
    total = len(json.loads(js)["findings"]) if code == 1 else 0
    check("limit: over 9000 findings", total > 9000, "%d %s" % (total, err))
    code, out, err = run(["--format", "markdown", "many.md"], tmp, GH)
    size = len(out.encode("utf-8"))
    check("limit: the summary is under 1 MiB (%d bytes)" % size,
          0 < size < 1024 * 1024, size)
    shown = len([ln for ln in out.splitlines() if ln.startswith("| [many")])
    m = re.search(r"\n(\d+) more findings not shown", out)
    check("limit: a count of the findings left out", m, out[-400:])
    check("limit: shown %d + left out = %d" % (shown, total),
          m and shown + int(m.group(1)) == total and shown > 1000,
          m and m.group(1))
finally:
    shutil.rmtree(tmp)
finish("markdown")
