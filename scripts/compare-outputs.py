#!/usr/bin/env python3
"""Runs every read-only command with two builds of handoff on one repository and compares what
they print: stdout, stderr and exit status, byte for byte. A JSON document that differs only by
a top-level "version" member the older build lacked (or audit's list that became
{"version", "accounts"}) is counted apart, as the one intended difference of the workspace
refactor. Exit 1 when anything else differs.

usage: compare-outputs.py OLD_BINARY NEW_BINARY REPOSITORY [OUT_DIR]
"""
import collections
import json
import os
import subprocess
import sys
import tempfile


def commands(repository):
    accounts = sorted(os.listdir(os.path.join(repository, "accounts")))
    first, other = accounts[min(16, len(accounts) - 1)], accounts[len(accounts) * 2 // 5]
    history = subprocess.run(
        ["git", "-C", repository, "rev-list", "--first-parent", "-n", "41", "HEAD"],
        capture_output=True, text=True, check=True).stdout.split()
    base = history[-1]
    formats = {
        "validate": ["text", "json", "github", "sarif", "junit"],
        "at-close": ["text", "json"], "drift": ["text", "markdown", "json"],
        "report": ["markdown", "json", "html"], "audit": ["text", "markdown", "json"],
    }
    for command, names in formats.items():
        for name in names:
            yield [command, "--format", name]
    for name in ["text", "json"]:
        yield ["validate", "--range", f"{base}..HEAD", "--format", name]
        yield ["log", first, "--format", name]
        yield ["show", first, "--at", "close", "--format", name]
        yield ["blame", first, "--format", name]
        yield ["reviewers", f"{base}..HEAD", "--format", name]
    for name in ["text", "markdown", "json"]:
        yield ["diff", base, "HEAD", "--format", name]
    for name in ["text", "markdown", "json", "ics"]:
        yield ["due", "--as-of", "2026-12-01", "--format", name]
    for name in ["markdown", "json"]:
        yield ["summary", f"{base}..HEAD", "--format", name]
    yield ["log", other]
    yield ["show", other, "--at", "2026-06-01"]
    yield ["codeowners"]
    yield ["doctor"]
    yield ["show", "no-such-account"]
    yield ["at-close", "--format", "yaml"]


def versioned_alike(old, new):
    """Whether two JSON texts differ only by the new one's top-level "version"."""
    try:
        load = lambda text: json.loads(text, object_pairs_hook=collections.OrderedDict)
        old, new = load(old), load(new)
    except ValueError:
        return False
    if not isinstance(new, dict) or "version" not in new:
        return False
    if isinstance(old, dict) and "version" in old:
        return False
    rest = collections.OrderedDict((k, v) for k, v in new.items() if k != "version")
    if isinstance(old, list) and list(rest) == ["accounts"]:
        rest = rest["accounts"]
    return rest == old


def main():
    if len(sys.argv) < 4:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    old, new, repository = (os.path.abspath(path) for path in sys.argv[1:4])
    out = sys.argv[4] if len(sys.argv) > 4 else tempfile.mkdtemp(prefix="handoff-compare-")
    identical = versioned = 0
    differing = []
    for arguments in commands(repository):
        runs = [subprocess.run([binary] + arguments, cwd=repository, capture_output=True)
                for binary in (old, new)]
        label = " ".join(arguments)
        for side, run in zip(("old", "new"), runs):
            name = label.replace("/", "_").replace(" ", "_")[:80]
            os.makedirs(os.path.join(out, side), exist_ok=True)
            with open(os.path.join(out, side, name + ".out"), "wb") as file:
                file.write(run.stdout)
        a, b = runs
        if (a.stdout, a.stderr, a.returncode) == (b.stdout, b.stderr, b.returncode):
            identical += 1
        elif (a.stderr, a.returncode) == (b.stderr, b.returncode) and versioned_alike(
                a.stdout, b.stdout):
            versioned += 1
            print(f"version only: handoff {label}")
        else:
            differing.append(label)
            print(f"DIFFERS: handoff {label}")
    print(f"{identical} identical, {versioned} differing only by \"version\", "
          f"{len(differing)} differing; outputs in {out}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
