"""--format html (issue 15): one self-contained page for editors.

- content: the sample articles with faults seeded into one (a credential,
  a javascript: link, a misspelt heading) and hostile text everywhere an
  article can put it: a title with <script> and attribute-breaking quotes
  (which the section messages quote), a heading with <img onerror>, a
  javascript: link, a right-to-left override, an ESC byte, invalid UTF-8,
  and a file name with HTML characters.
- structure (Python's html.parser): only the elements medlint writes, no
  script, no event or style attribute, no link out of the page, a Content
  Security Policy; the hostile text shows as text; every finding of
  --format json is on the page, in its article, beside its line, with
  its rule's help, and a filter checkbox and style rule for its rule.
- Chromium (Debian's chromium, headless): --dump-dom of the rendered page
  has the findings and no script; a screenshot is not blank and shows the
  error colour; the same page with the "errors" filter unchecked (and with
  the error rules unchecked) shows none of it.

    test_html.py MEDLINT SOURCE_DIR
"""
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from harness import Medlint, check, fail, finish  # noqa: E402

medlint = Medlint(sys.argv[1], today="2026-06-01")
src = sys.argv[2]

ALLOWED = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p",
           "strong", "table", "tr", "th", "td", "code", "ul", "li", "a",
           "input", "label", "main", "section", "div", "span", "details",
           "summary"}
HOSTILE_TITLE = 'Soleus <script>alert(1)</script> \\" onmouseover=\\"alert(2)'
ODD_NAME = "a<b>&\"q'.md"


def seed(tmp):
    shutil.copytree(os.path.join(src, "content"),
                    os.path.join(tmp, "content"))
    p = os.path.join(tmp, "content", "soleus.md")
    with open(p, encoding="utf-8") as f:
        s = f.read()
    s = s.replace('title: "Soleus: Definition and What it is"',
                  'title: "%s"' % HOSTILE_TITLE, 1)
    s = s.replace("Aisha Khan, PT, DPT", "Aisha Khan, PT, XYZ", 1)
    s = s.replace("## Soleus Exercises",
                  "## Soleus Exercizes <img src=x onerror=alert(3)>\n\n"
                  "See [this](javascript:alert(4)) and \u202eevil\x1b[2J.",
                  1)
    with open(p, "w", encoding="utf-8") as f:
        f.write(s)
    # Invalid UTF-8 (file-invalid: the other checks stop) in a file whose
    # name has HTML characters.
    with open(os.path.join(tmp, "content", "achilles-tendon.md"), "rb") as f:
        data = f.read()
    with open(os.path.join(tmp, "content", ODD_NAME), "wb") as f:
        f.write(data.replace(b"\n\n", b"\n\nA bad\xff byte.\n\n", 1))


class Page(html.parser.HTMLParser):
    """Every element and attribute, the text, and the findings: for each
    div.f its article (section id), line (row id), classes and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.ids, self.text = set(), [], set(), []
        self.findings, self.style = [], ""
        self.stack = []  # (tag, attrs) of open elements
        self.section = self.row = None
        self.finding = None  # [section, row, classes, text parts]
        self.depth_f = 0
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        self.attrs.extend((tag, k, v or "") for k, v in attrs)
        if "id" in a:
            self.ids.add(a["id"])
        cls = (a.get("class") or "").split()
        if tag == "section":
            self.section = a.get("id")
        if tag == "div" and "row" in cls:
            self.row = a.get("id")
        if tag == "div" and "f" in cls and self.finding is None:
            self.finding = [self.section, self.row, cls, []]
            self.depth_f = 0
        if self.finding is not None and tag == "div":
            self.depth_f += 1
        self.in_style = tag == "style"
        if tag not in ("meta", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.finding is not None and tag == "div":
            self.depth_f -= 1
            if self.depth_f == 0:
                self.findings.append(self.finding)
                self.finding = None
        if tag == "style":
            self.in_style = False
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        if self.in_style:
            self.style += data
            return
        self.text.append(data)
        if self.finding is not None:
            self.finding[3].append(data)


def parse(doc):
    p = Page()
    p.feed(doc)
    p.close()
    return p


def structure(doc, report):
    p = parse(doc)
    check("a whole page", doc.startswith("<!DOCTYPE html>")
          and doc.rstrip().endswith("</html>"), doc[:80])
    check("only medlint's elements", p.tags <= ALLOWED,
          sorted(p.tags - ALLOWED))
    bad = [(t, k, v) for t, k, v in p.attrs
           if k.startswith("on") or k in ("style", "src", "srcset", "action",
                                          "formaction", "background")]
    check("no event, style or source attribute", not bad, bad[:5])
    hrefs = [v for t, k, v in p.attrs if k == "href"]
    check("links only inside the page, to ids that exist",
          hrefs and all(h.startswith("#") and h[1:] in p.ids for h in hrefs),
          hrefs[:5])
    check("no javascript: or http(s) in any attribute",
          not [v for t, k, v in p.attrs
               if re.search(r"javascript:|https?:", v, re.I)])
    csp = [v for t, k, v in p.attrs if t == "meta" and k == "content"
           and "default-src 'none'" in v]
    check("a Content Security Policy forbids scripts and assets", csp)
    check("no url() or @import in the style sheet",
          not re.search(r"url\(|@import", p.style), p.style[:200])
    text = "".join(p.text)
    for needle in ("<script>alert(1)</script>",
                   '" onmouseover="alert(2)',
                   "<img src=x onerror=alert(3)>",
                   "[this](javascript:alert(4))", "\\u{202E}evil",
                   "\\x1B[2J", "A bad\\xFF byte.", ODD_NAME):
        check("hostile text shown as text: %r" % needle, needle in text)
    check("no raw control or override character in the text",
          not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]",
                        text))

    # Every finding of the JSON report, beside its line, with help.
    want = {}
    for f in report["findings"]:
        want.setdefault(f["file"], []).append(f)
    sections = {}
    for sec, row, cls, parts in p.findings:
        sections.setdefault(sec, []).append((row, cls, "".join(parts)))
    titles = {}
    for m in re.finditer(r'<section class="article" id="(file-\d+)"><h2>'
                         r'(.*?) <span', doc):
        titles[html.unescape(m.group(2))] = m.group(1)
    check("one section per file with findings", set(titles) == set(want),
          (sorted(titles), sorted(want)))
    missing = []
    for path, fs in want.items():
        got = sections.get(titles.get(path), [])
        for f in fs:
            ok = any(row == "L%d" % f["line"] and f["severity"] in cls
                     and f["message"] in txt and "[%s]" % f["rule"] in txt
                     for row, cls, txt in got)
            if not ok:
                missing.append((path, f["line"], f["rule"]))
    check("every finding beside its line with its rule and severity",
          not missing and report["findings"], missing[:5])
    rules = {f["rule"] for f in report["findings"]}
    for r in sorted(rules):
        m = re.search(r'<input type="checkbox" id="rule-(\d+)" checked>'
                      r'<label for="rule-\1"><code>%s</code>' % re.escape(r),
                      doc)
        check("a filter for %s" % r, m and (
            "#rule-%s:not(:checked)~main .f.r%s{display:none}"
            % (m.group(1), m.group(1))) in p.style)
    check("severity filters", "#sev-error:not(:checked)~main .f.error"
          in p.style and 'id="sev-warning" checked' in doc)
    for r in sorted(rules):
        code, out, _ = medlint.run(["--explain", r])
        help_text = out.strip().split("\n\n", 1)[-1].strip()
        check("the help of %s beside its findings" % r, code == 0 and any(
            help_text in t and "[%s]" % r in t
            for _, _, t in sum(sections.values(), [])), help_text[:80])


# ---- PNG (stdlib only) --------------------------------------------------

def png_pixels(path):
    """(width, height, rows of (r, g, b)) of an 8-bit RGB/RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, lace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or lace:
                raise ValueError("unexpected PNG kind %d/%d" % (depth, ctype))
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(h):
        ft, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if ft == 1:
                line[x] = (line[x] + a) & 255
            elif ft == 2:
                line[x] = (line[x] + b) & 255
            elif ft == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ft == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pr) & 255
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return w, h, rows


def error_red(px):
    r, g, b = px
    return r > 170 and g < 80 and b < 80  # the error border #c62828


def chromium(doc, tmp):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        fail("Debian's chromium is not installed (ci/install-deps.sh "
             "installs it)")
    page = os.path.join(tmp, "report.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(doc)
    base = [exe, "--headless", "--no-sandbox", "--disable-gpu",
            "--hide-scrollbars", "--user-data-dir=" + os.path.join(tmp, "ud"),
            "--no-first-run", "--window-size=1400,2000"]
    p = subprocess.run(base + ["--dump-dom", "file://" + page],
                       capture_output=True, timeout=120)
    dom = p.stdout.decode("utf-8", "replace")
    check("chromium renders the page", p.returncode == 0 and "<main>" in dom,
          p.stderr[-400:])
    check("the rendered DOM has no script element", "<script" not in dom)
    check("the rendered DOM shows the findings",
          "reviewer-credential" in dom and "javascript: links" in dom
          and "&lt;script&gt;alert(1)" in dom)

    def shot(name, d):
        path = os.path.join(tmp, name + ".html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(d)
        png = os.path.join(tmp, name + ".png")
        q = subprocess.run(base + ["--screenshot=" + png, "file://" + path],
                           capture_output=True, timeout=120)
        if q.returncode != 0 or not os.path.exists(png):
            return None
        return png_pixels(png)

    img = shot("all", doc)
    check("a screenshot", img is not None)
    if img is None:
        return
    w, h, rows = img
    flat = [px for row in rows for px in row]
    ink = sum(1 for px in flat if sum(px) < 600)
    check("the screenshot is not blank (%.1f%% ink)" % (100.0 * ink / len(flat)),
          ink > len(flat) // 100)
    red = sum(1 for px in flat if error_red(px))
    check("the screenshot shows error findings (%d red pixels)" % red,
          red > 200)
    off = shot("no-errors", doc.replace('id="sev-error" checked',
                                        'id="sev-error"', 1))
    red_off = sum(1 for row in off[2] for px in row if error_red(px)) \
        if off else -1
    check("unchecking 'errors' hides them (%d red pixels)" % red_off,
          red_off == 0)
    ids = re.findall(r'id="rule-(\d+)" checked', doc)
    d = doc
    for k in ids:
        d = d.replace('id="rule-%s" checked' % k, 'id="rule-%s"' % k, 1)
    off = shot("no-rules", d)
    red_off = sum(1 for row in off[2] for px in row if error_red(px)) \
        if off else -1
    check("unchecking every rule hides them (%d red pixels)" % red_off,
          red_off == 0)


def main():
    tmp = tempfile.mkdtemp(prefix="medlint-html-")
    try:
        seed(tmp)
        code, out, err = medlint.run(["--format", "html", "content"], cwd=tmp)
        check("exit 1 with errors", code == 1, err)
        jcode, jout, jerr = medlint.run(["--format", "json", "content"],
                                        cwd=tmp)
        try:
            report = json.loads(jout)
        except ValueError:
            fail("--format json: " + jerr)
        structure(out, report)
        code, clean, err = medlint.run(["--format", "html",
                                        os.path.join(src, "content")])
        check("a clean run: a page with no article sections",
              code == 0 and "0 errors, 0 warnings" in clean
              and "<section" not in clean, err)
        chromium(out, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish("report_html")


main()
