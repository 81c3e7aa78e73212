#!/usr/bin/env python3
"""Writes a JSON Lines dump of N articles made by recombining the paragraphs
of the sample articles (seeded, so the same N gives the same file), with a
few lines that must end in the manifest as errors: a malformed line, an
article with no text, one with no id, and a blank line.

    python3 spark/make_dump.py input/ 200 > dump.jsonl
"""
import json
import pathlib
import random
import sys


def paragraphs(folder):
    found = []
    for path in sorted(pathlib.Path(folder).glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            block = block.strip()
            # Body paragraphs: a few sentences, not the boilerplate lines.
            if len(block) > 200 and block.count(". ") >= 1:
                found.append(block)
    return found


def main():
    folder, count = sys.argv[1], int(sys.argv[2])
    pool = paragraphs(folder)
    rng = random.Random(count)
    lines = []
    for i in range(count):
        text = "\n\n".join(rng.sample(pool, rng.randint(1, 3)))
        lines.append(json.dumps({"id": f"gen-{i:04d}", "title": f"Generated article {i}", "date": f"2020-11-{1 + i % 28:02d}", "text": text}, ensure_ascii=False))
    # Lines that are documents with problems: they must come back in the manifest.
    lines.insert(count // 3, '{"id": "broken", "text": "unterminated')
    lines.insert(count // 2, json.dumps({"id": "no-text", "text": ""}))
    lines.insert(2 * count // 3, json.dumps({"text": rng.choice(pool)}, ensure_ascii=False))
    lines.insert(count // 4, "")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
