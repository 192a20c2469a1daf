#!/usr/bin/env python3
"""The reference for `handoff at-close --no-cache` in `make bench --cold`: the same answer
(each account's close commit and its commitment ids then) from git's own plumbing, the way a
script would get it: one `git log --raw` over the first-parent history, then every version of
`account.yaml` (and the `commitments.yaml` at close) through one `git cat-file --batch`.

Usage: ref-at-close.py REPOSITORY [ACCOUNTS_DIR]   (prints JSON: account -> [commit, ids])
"""
import json
import re
import subprocess
import sys

CLOSED = {"closed-won", "handed-off", "onboarding", "live", "churned"}
STAGE = re.compile(rb"^stage:\s*['\"]?([A-Za-z-]+)", re.M)
ID = re.compile(rb"^\s*-\s*id:\s*['\"]?([^'\"\s#]+)", re.M)


def main():
    repo = sys.argv[1]
    accounts_dir = sys.argv[2] if len(sys.argv) > 2 else "accounts"
    log = subprocess.run(
        ["git", "-C", repo, "log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--raw",
         "--no-abbrev", "--format=commit %H", "--", accounts_dir + "/"],
        check=True, capture_output=True).stdout
    # Per account, in commit order: the account.yaml blob of each change, and the latest
    # commitments.yaml blob at that point.
    versions = {}
    commitments = {}
    changes = []

    def finish(commit):
        # A commit's commitments.yaml counts at its own account.yaml change.
        for account, name, blob in changes:
            if name == "commitments.yaml":
                commitments[account] = blob
        for account, name, blob in changes:
            if name == "account.yaml" and not blob.startswith("0000000"):
                versions.setdefault(account, []).append((commit, blob, commitments.get(account)))
        changes.clear()

    commit = None
    for line in log.split(b"\n"):
        if line.startswith(b"commit "):
            if commit:
                finish(commit)
            commit = line[7:].decode()
            continue
        if not line.startswith(b":"):
            continue
        meta, path = line.split(b"\t", 1)
        parts = path.decode().split("/")
        if len(parts) == 3:
            changes.append((parts[1], parts[2], meta.split()[3].decode()))
    if commit:
        finish(commit)
    batch = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def read(blob):
        batch.stdin.write(blob.encode() + b"\n")
        batch.stdin.flush()
        header = batch.stdout.readline().split()
        size = int(header[2])
        data = batch.stdout.read(size)
        batch.stdout.read(1)
        return data

    closes = {}
    for account, list_ in versions.items():
        closes[account] = None
        for commit, blob, commitments_blob in list_:
            match = STAGE.search(read(blob))
            if match and match.group(1).decode() in CLOSED:
                ids = [m.decode() for m in ID.findall(read(commitments_blob))] if commitments_blob else []
                closes[account] = [commit, ids]
                break
    batch.stdin.close()
    batch.wait()
    json.dump(closes, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
