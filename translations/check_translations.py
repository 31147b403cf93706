#!/usr/bin/env python3
"""Checks that every translation of the interface is complete and current (and updates them).

Runs lupdate on the interface sources (the same files and options as the update_translations
target in app/CMakeLists.txt) into a temporary copy of each committed .ts file, then fails on:
  - a message that is unfinished (new or changed in the sources, or never translated),
  - a message of the committed file that the sources no longer have (vanished/obsolete),
  - an empty translation, or one whose %1..%9 placeholders differ from the source's.

  check_translations.py --lupdate PATH [--source-dir DIR]           check (the CTest test)
  check_translations.py --lupdate PATH [--source-dir DIR] --update  rewrite the committed .ts
                                                                  (the update_translations target)
A new language: create an empty translations/reviewdesk_LANG.ts, run the update, translate it in Qt Linguist.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

LUPDATE_OPTIONS = ["-locations", "none", "-no-obsolete", "-silent"]
PLACEHOLDER = re.compile(r"%(\d)")


def sources(root):
    files = []
    for pattern in ("ui/**/*.cpp", "ui/**/*.h", "app/desktop/*.cpp"):
        files += glob.glob(os.path.join(root, pattern), recursive=True)
    return sorted(files)


def run_lupdate(lupdate, root, ts):
    # The source language's file holds only the plural forms ("%n case(s)" -> "1 case", "2 cases").
    options = LUPDATE_OPTIONS + (["-pluralonly"] if ts.endswith("_en.ts") else [])
    language = os.path.basename(ts)[len("reviewdesk_"):-len(".ts")]
    includes = ["-I", root]
    cmd = [lupdate, *options, "-target-language", language, *includes, *sources(root), "-ts", ts]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"lupdate failed ({result.returncode}): {result.stderr.strip()}")


def messages(ts):
    """{(context, source, comment): (translation type, [translation texts])}"""
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            key = (name, message.findtext("source", ""), message.findtext("comment", ""))
            translation = message.find("translation")
            forms = translation.findall("numerusform")
            texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
            out[key] = (translation.get("type", ""), texts)
    return out


def check(committed_path, fresh_path):
    name = os.path.basename(committed_path)
    committed = messages(committed_path)
    fresh = messages(fresh_path)
    problems = []
    for key, (kind, texts) in sorted(fresh.items()):
        context, source, _ = key
        where = f"{name}: [{context}] \"{source[:70]}\""
        if key not in committed:
            problems.append(f"{where}: missing (new in the sources)")
        elif kind == "unfinished":
            problems.append(f"{where}: unfinished")
        elif kind in ("vanished", "obsolete"):
            problems.append(f"{where}: {kind}")
        elif any(not t.strip() for t in texts):
            problems.append(f"{where}: empty translation")
        else:
            wanted = set(PLACEHOLDER.findall(source))
            for t in texts:
                if set(PLACEHOLDER.findall(t)) != wanted:
                    problems.append(f"{where}: placeholders {sorted(wanted)} but the translation has "
                                    f"{sorted(set(PLACEHOLDER.findall(t)))}")
    for key, (kind, _) in sorted(committed.items()):
        if key not in fresh or kind in ("vanished", "obsolete"):
            problems.append(f"{name}: [{key[0]}] \"{key[1][:70]}\": no longer in the sources "
                            f"({kind or 'stale'}); run the update_translations target")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lupdate", required=True)
    parser.add_argument("--source-dir", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    ts_files = sorted(glob.glob(os.path.join(args.source_dir, "translations", "*.ts")))
    if not ts_files:
        sys.exit("no translations/*.ts")
    if args.update:
        for ts in ts_files:
            if os.path.getsize(ts) == 0:
                os.remove(ts)  # a new language: lupdate makes the file
            run_lupdate(args.lupdate, args.source_dir, ts)
        return 0
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for ts in ts_files:
            fresh = os.path.join(tmp, os.path.basename(ts))
            shutil.copyfile(ts, fresh)
            run_lupdate(args.lupdate, args.source_dir, fresh)
            problems += check(ts, fresh)
    for problem in problems:
        print(problem)
    total = sum(len(messages(ts)) for ts in ts_files)
    print(f"{len(ts_files)} translation file(s), {total} messages, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
