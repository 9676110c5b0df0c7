"""The two editions share one code source (unrolled_course/editions.py): every English notebook and assignment
(notebooks/en/) has a Chinese one (notebooks/zh/) with the same cells in the same order (ids, types), byte-identical
code cells and the same metadata; its text cells are Chinese and use the standard terms (editions.TERMS); relative
links in both editions resolve. The English edition is the one the notebook tests execute; this checks the other.

UNROLLED_EDITIONS_ALLOW_UNTRANSLATED=1 skips the Chinese-text and term checks (while notebooks/zh/ holds placeholder
copies of the English notebooks); the structure and code checks always run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NOTEBOOKS_DIR, REPO_ROOT
from unrolled_course import editions as E

UNTRANSLATED_OK = os.environ.get("UNROLLED_EDITIONS_ALLOW_UNTRANSLATED") == "1"
PAIRS = E.pairs(NOTEBOOKS_DIR)


def test_every_notebook_and_assignment_has_both_editions():
    assert len([p for p, _ in PAIRS if p.parent.name == "en"]) >= 13, PAIRS
    assert len([p for p, _ in PAIRS if p.parent.name == "assignments"]) >= 4, PAIRS
    missing = [str(zh.relative_to(REPO_ROOT)) for _, zh in PAIRS if not zh.is_file()]
    assert not missing, f"Chinese edition missing: {missing}"


@pytest.mark.parametrize("pair", PAIRS, ids=[en.relative_to(NOTEBOOKS_DIR / "en").as_posix() for en, _ in PAIRS])
def test_chinese_edition_matches_the_english_one(pair):
    en, zh = pair
    if not zh.is_file():
        pytest.fail(f"{zh.relative_to(REPO_ROOT)} is missing", pytrace=False)
    problems = E.compare(json.loads(en.read_text(encoding="utf-8")), json.loads(zh.read_text(encoding="utf-8")),
                         untranslated_ok=UNTRANSLATED_OK, name=zh.name)
    problems += E.broken_links(zh, json.loads(zh.read_text(encoding="utf-8")))
    problems += [f"(English) {p}" for p in E.broken_links(en, json.loads(en.read_text(encoding="utf-8")))]
    if problems:
        pytest.fail(f"{zh.relative_to(REPO_ROOT)}:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.mark.skipif(UNTRANSLATED_OK, reason="UNROLLED_EDITIONS_ALLOW_UNTRANSLATED=1")
@pytest.mark.parametrize("page", E.PAGES)
def test_the_chinese_edition_has_its_pages(page):
    assert (NOTEBOOKS_DIR / "zh" / page).is_file(), f"notebooks/zh/{page} is missing (README.md links it)"


def test_check_command_agrees(tmp_path):
    """`python -m unrolled_course editions check` runs the same checks and exits 0 exactly when they pass."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT / "src" / "main" / "python"))
    done = subprocess.run([sys.executable, "-m", "unrolled_course", "editions", "check"], capture_output=True,
                          text=True, env=env, timeout=120, cwd=tmp_path)
    expected = E.check(NOTEBOOKS_DIR, untranslated_ok=UNTRANSLATED_OK)
    assert (done.returncode == 0) == (not expected), done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[:len(expected)] == expected


def _nb(cells, **meta):
    return {"cells": cells, "metadata": {"kernelspec": {"name": "java", "language": "java"}, **meta},
            "nbformat": 4, "nbformat_minor": 5}


def _md(cid, text, **meta):
    return {"cell_type": "markdown", "id": cid, "metadata": meta, "source": text}


def _code(cid, text):
    return {"cell_type": "code", "id": cid, "metadata": {}, "execution_count": None, "outputs": [], "source": text}


def test_sync_takes_the_code_from_english_and_keeps_the_chinese_text(tmp_path):
    en = _nb([_md("m1", "## 1. Gradients\n\nThe gradient of the loss."), _code("c1", "int a = 2;"),
              _md("m2", "A new paragraph."), _code("c2", "System.out.println(a);")])
    zh = _nb([_md("m1", "## 1. 梯度\n\n损失的梯度。"), _code("c1", "int a = 1;"), _code("gone", "old();")], title="中文")
    for edition, nb in (("en", en), ("zh", zh)):
        (tmp_path / edition / "assignments").mkdir(parents=True)
        (tmp_path / edition / "01-x.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    changed = E.sync(tmp_path)
    assert len(changed) == 1 and "c1" in changed[0] and "gone" in changed[0], changed
    synced = json.loads((tmp_path / "zh" / "01-x.ipynb").read_text(encoding="utf-8"))
    assert [(c["id"], c["source"]) for c in synced["cells"]] == [
        ("m1", "## 1. 梯度\n\n损失的梯度。"), ("c1", "int a = 2;"), ("m2", "A new paragraph."),
        ("c2", "System.out.println(a);")]
    assert synced["metadata"]["title"] == "中文"
    problems = E.check(tmp_path)
    assert problems == ["notebooks/zh/01-x.ipynb: cell m2: the text is not Chinese yet (translate it)"], problems
    assert E.check(tmp_path, untranslated_ok=True) == []
    assert E.sync(tmp_path) == []


def test_check_finds_code_structure_text_and_term_problems():
    en = _nb([_md("m1", "## LSTM\n\nThe hidden state and the cell state."), _code("c1", "x();")])
    assert E.compare(en, _nb([_md("m1", "## 长短期记忆网络\n\n隐状态与细胞状态。"), _code("c1", "x();")])) == []
    bad = E.compare(en, _nb([_md("m1", "## 长短时记忆网络\n\n隐藏状态与细胞状态。"), _code("c1", "x(); ")]))
    assert any("code differs" in p for p in bad) and any("长短时记忆" in p for p in bad) \
        and any("隐藏状态" in p for p in bad), bad
    assert any("cells differ" in p for p in E.compare(en, _nb([_code("c1", "x();"), _md("m1", "中文。")])))
    assert any("not Chinese" in p for p in E.compare(en, _nb([_md("m1", "## 长短期记忆网络\n\nThe hidden state "
                                                                      "and the cell state carry the memory from one "
                                                                      "step to the next."),
                                                              _code("c1", "x();")])))
    # quotations keep the article's words: a blockquote, or “…” inside a sentence
    quoted = "文章二写道：\n\n> 长短时记忆网络的隐藏状态\n\n正如“隐藏状态之间也存在依赖关系”所说，隐状态……"
    assert E.compare(en, _nb([_md("m1", quoted), _code("c1", "x();")])) == []
    assert any("metadata" in p for p in E.compare(en, _nb([_md("m1", "中文。", tags=["x"]), _code("c1", "x();")])))


@pytest.mark.parametrize("env, edition", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LANG": "en_US.UTF-8"}, "en"), ({"LANG": "C"}, "en"), ({}, "en"),
    ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"), ({"LC_MESSAGES": "en_GB", "LANG": "zh_CN"}, "en"),
    ({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
])
def test_lab_opens_the_edition_of_the_locale(env, edition):
    """./lab.sh without an edition opens the locale's: zh when LC_ALL, else LC_MESSAGES, else LANG starts with zh."""
    script = (f'set -euo pipefail; source "{REPO_ROOT}/src/main/sh/lab-functions.sh"; '
              'edition_start "$(default_edition)"; edition_start zh; edition_start en')
    clean = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    done = subprocess.run(["bash", "-c", script], env={**clean, **env}, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [f"{edition}/01-computation-graph.ipynb", "zh/01-computation-graph.ipynb",
                                   "en/01-computation-graph.ipynb"]


def test_readme_has_a_binder_badge_and_a_hub_link_per_edition():
    """README.md's Binder badges and binder/README.md's nbgitpuller links open an existing notebook of each edition;
    README.md links the Chinese README (中文说明)."""
    import re
    from urllib.parse import unquote

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    badges = re.findall(r"mybinder\.org/v2/gh/[^)\s]*urlpath=lab/tree/([^)\s]+\.ipynb)", readme)
    assert sorted(Path(b).parts[1] for b in badges) == ["en", "zh"], badges
    assert all((REPO_ROOT / b).is_file() for b in badges), badges
    assert "[中文说明](notebooks/zh/README.md)" in readme.split("\n\n")[1], "中文说明 belongs at the top"
    hub = unquote((REPO_ROOT / "binder" / "README.md").read_text(encoding="utf-8"))
    pulled = re.findall(r"git-pull\?\S*urlpath=lab/tree/[^/\s]+/(notebooks/\S+\.ipynb)", hub)
    assert sorted(Path(p).parts[1] for p in pulled) == ["en", "zh"], pulled
    assert all((REPO_ROOT / p).is_file() for p in pulled), pulled


def test_sync_moves_data_paths_in_the_text_and_check_wants_them(tmp_path):
    """The shared data/ folder is ../data/ from both editions: sync makes a Chinese cell's data/… paths ../data/…
    where the English cell has them so, and check reports a path of the English text the Chinese text lacks."""
    en = _nb([_md("m1", "The series (`../data/sunspots.csv`, see `../data/README.md`)."), _code("c1", "x();")])
    zh = _nb([_md("m1", ["太阳黑子序列（`data/sunspots.csv`，\n", "见 `data/README.md`）。"]), _code("c1", "x();")])
    assert any("../data/sunspots.csv" in p for p in E.compare(en, zh)), E.compare(en, zh)
    for edition, nb in (("en", en), ("zh", zh)):
        (tmp_path / edition).mkdir()
        (tmp_path / edition / "01-x.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    assert E.sync(tmp_path)
    synced = json.loads((tmp_path / "zh" / "01-x.ipynb").read_text(encoding="utf-8"))
    assert synced["cells"][0]["source"] == ["太阳黑子序列（`../data/sunspots.csv`，\n", "见 `../data/README.md`）。"]
    assert E.check(tmp_path, untranslated_ok=True) == [] and E.sync(tmp_path) == []
