#!/usr/bin/env python3
"""Derive notebooks/data/tang-quatrains5.txt: every five-character quatrain (五言绝句 form) of the Quan Tangshi.

A developer tool, run once; notebooks and tests never run it (they read the committed file).

Source: the npm package chinese-poetry 2.0.1 (MIT licence), files dist/quantangshi/poet.tang.*.json, in
traditional characters. Conversion to simplified characters: the npm package opencc-js (OpenCC's dictionaries,
converter from 't' to 'cn').

    cd /tmp && npm pack chinese-poetry@2.0.1 && tar xzf chinese-poetry-2.0.1.tgz   # makes /tmp/package
    mkdir -p /tmp/opencc && (cd /tmp/opencc && npm init -y && npm install opencc-js@1.4.2)
    python3 src/main/python/derive_poems.py /tmp/package /tmp/opencc/node_modules notebooks/data/tang-quatrains5.txt

Kept: poems whose paragraphs, joined, are exactly two couplets of the form 五字，五字。 (20 CJK ideographs of the basic block or extension A, the
punctuation ，。，。), nothing else (no notes, no missing-character marks). Written one poem per line, in the
order of the source files (poet.tang.0.json, poet.tang.1000.json, ...) and of the poems in them; a poem whose
simplified text repeats an earlier one is written once, and a poem whose simplified text has a character outside
those two blocks (the converter writes a few rare simplified forms from the supplementary planes) is dropped.
"""
import json
import pathlib
import re
import subprocess
import sys

QUATRAIN = re.compile(r"^(?:[\u3400-\u4dbf\u4e00-\u9fff]{5}，[\u3400-\u4dbf\u4e00-\u9fff]{5}。){2}$")


def quatrains(package: pathlib.Path):
    files = sorted((package / "dist" / "quantangshi").glob("poet.tang.*.json"),
                   key=lambda p: int(p.name.split(".")[2]))
    for f in files:
        for poem in json.loads(f.read_text(encoding="utf-8")):
            text = "".join(poem.get("paragraphs", [])).replace(" ", "")
            if QUATRAIN.match(text):
                yield text


def simplify(lines, node_modules: pathlib.Path):
    script = ("const OpenCC = require('opencc-js');"
              "const c = OpenCC.Converter({from: 't', to: 'cn'});"
              "let s = ''; process.stdin.on('data', d => s += d);"
              "process.stdin.on('end', () => process.stdout.write(c(s)));")
    out = subprocess.run(["node", "-e", script], input="\n".join(lines), capture_output=True, text=True,
                         check=True, env={"NODE_PATH": str(node_modules), "PATH": "/usr/bin:/usr/local/bin:/bin"})
    return out.stdout.split("\n")


def main(package, node_modules, target):
    traditional = list(quatrains(pathlib.Path(package)))
    simplified = simplify(traditional, pathlib.Path(node_modules))
    assert len(simplified) == len(traditional)
    seen, kept = set(), []
    for poem in simplified:
        if QUATRAIN.match(poem) and poem not in seen:     # a few simplify to characters outside these blocks
            seen.add(poem)
            kept.append(poem)
    pathlib.Path(target).write_text("".join(p + "\n" for p in kept), encoding="utf-8")
    print(f"{len(traditional)} quatrains, {len(kept)} kept (repeats and characters outside the blocks dropped) -> {target}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
