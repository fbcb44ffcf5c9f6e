#!/usr/bin/env python3
"""tests/sites/run_sites.py: golden tests of the site presets.

Each folder here is a small site of one generator (our own prose; the
folder is named by its preset, with a -suffix for a second site), with a
.medlint.yaml holding its site: block and expected.txt holding what medlint
prints (findings, then the run's notes) when run in that folder on the
paths in its `paths` file (default: the folder). Every fixture has links
that resolve (never reported) and links that do not (reported).

Then --init is run on a copy of each fixture without its .medlint.yaml:
it must write `generator: <the folder's preset>`.

usage: run_sites.py MEDLINT SITES_DIR [--update]
"""
import os
import shutil
import subprocess
import sys
import tempfile


def run(medlint, site):
    paths_file = os.path.join(site, "paths")
    paths = open(paths_file).read().split() if os.path.exists(paths_file) \
        else ["."]
    p = subprocess.run([medlint, "--format", "text"] + paths, cwd=site,
                       capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, NO_COLOR="1"))
    return "exit %d\n%s%s" % (p.returncode, p.stdout,
                               "" if p.stdout.endswith("\n") else "\n") + \
        p.stderr


def check_init(medlint, site, preset):
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "site")
        shutil.copytree(site, copy)
        os.remove(os.path.join(copy, ".medlint.yaml"))
        p = subprocess.run([medlint, "--init"], cwd=copy,
                           capture_output=True, text=True, timeout=60)
        text = open(os.path.join(copy, ".medlint.yaml")).read() \
            if os.path.exists(os.path.join(copy, ".medlint.yaml")) else ""
        wants = ["generator: %s" % preset]
        # init-expect: more lines --init must write (literals it reads
        # from a generator config that is code)
        extra = os.path.join(site, "init-expect")
        if os.path.exists(extra):
            wants += [l for l in open(extra).read().split("\n") if l]
        for want in wants:
            if p.returncode != 0 or want not in text:
                return "--init in %s: exit %d, wanted %r in:\n%s" % (
                    preset, p.returncode, want, text)
    return None


def main():
    medlint, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    update = "--update" in sys.argv
    failures = 0
    sites = sorted(d for d in os.listdir(root)
                   if os.path.isfile(os.path.join(root, d, ".medlint.yaml")))
    for name in sites:
        site = os.path.join(root, name)
        got = run(medlint, site)
        exp_path = os.path.join(site, "expected.txt")
        if update:
            open(exp_path, "w").write(got)
        want = open(exp_path).read() if os.path.exists(exp_path) else ""
        if got != want:
            failures += 1
            print("FAIL %s\n--- expected\n%s--- got\n%s" % (name, want, got))
        else:
            print("ok   %s" % name)
        if name != "plain":
            # jekyll-plugins: a second jekyll site
            why = check_init(medlint, site, name.split("-")[0])
            if why:
                failures += 1
                print("FAIL " + why)
            else:
                print("ok   %s --init" % name)
    if len(sites) < 7:
        print("FAIL: %d site fixtures, want one per preset (7)" % len(sites))
        failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
