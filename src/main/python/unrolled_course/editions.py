"""The two editions of the notebooks, one code source.

notebooks/en/ holds the English edition, notebooks/zh/ the Chinese one (lessons NN-name.ipynb, assignments in
assignments/). A Chinese notebook is the English notebook of the same file name with only its text (markdown) cells
in Chinese: the same cells in the same order with the same ids, byte-identical code cells, the same metadata. The
English code is the source:

* ``sync`` rewrites each Chinese notebook's code cells from the English notebook, matched by cell id, and keeps the
  Chinese markdown (where the English cell reads the shared data as ``../data/…``, a Chinese cell's ``data/…`` paths
  become ``../data/…`` too). Cells the English notebook gained are inserted where it has them (a new markdown cell comes in
  English, and ``check`` then asks for its translation); cells it lost are dropped. The notebook metadata is the
  English one (but for EDITION_METADATA, which an edition may set for itself).
* ``check`` lists every way the editions disagree: a missing or extra Chinese notebook (or page: PAGES), a different cell sequence
  (ids, types), a code cell that is not byte-identical, different metadata; a text cell of the Chinese edition that
  is not Chinese (it still reads as English); a path in inline code (`../data/co2.csv`) that the Chinese text does not
  keep; a non-standard term (TERMS; quotations of the articles in ``>``
  blockquotes are exempt, they keep the article's words); a relative link in either edition that leads nowhere.

    python -m unrolled_course editions sync
    python -m unrolled_course editions check [--allow-untranslated]

``--allow-untranslated`` (or env UNROLLED_EDITIONS_ALLOW_UNTRANSLATED=1) skips the Chinese-text and term checks, for
placeholder Chinese notebooks that are still copies of the English ones.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

SOURCE, TARGET = "en", "zh"
# Pages besides the notebooks that each edition has in its own language.
PAGES = ("README.md", "NOTATION.md")
# Notebook-level metadata an edition may set for itself; everything else is the same in both editions.
EDITION_METADATA = ("title", "lang", "authors")

# The standard terms of the Chinese edition (one term per concept across all notebooks, as the notation table
# notebooks/zh/NOTATION.md uses them), each with the variants that must not appear in its text cells. A variant is a
# regular expression. Quotations of the articles (lines starting with ">") are exempt.
TERMS: list[tuple[str, list[str]]] = [
    ("计算图", ["运算图"]),
    ("链式法则", ["链式规则", "连锁法则"]),
    ("反向模式", ["逆向模式", "后向模式"]),
    ("前向模式", ["正向模式"]),
    ("雅可比矩阵", ["雅克比", "雅各比", "雅可比行列式矩阵"]),
    ("梯度检验", ["梯度检查", "梯度校验"]),
    ("循环神经网络", ["递归神经网络", "循环神经元网络"]),
    ("隐状态", ["隐藏状态", "隐层状态", "隐含状态", "隐藏层状态"]),
    ("时间步", ["时间步长"]),
    ("随时间反向传播", ["随时间的反向传播", "沿时间反向传播", "通过时间反向传播", "基于时间的反向传播",
                       "时间上的反向传播", r"(?<![随沿])时间反向传播"]),
    ("截断的随时间反向传播", ["截断式"]),
    ("梯度消失", ["梯度弥散", "消失梯度"]),
    ("梯度爆炸", ["爆炸梯度", "梯度膨胀"]),
    ("梯度裁剪", ["梯度截断", "梯度修剪", "梯度剪裁", "梯度剪切"]),
    ("长短期记忆网络", ["长短时记忆", "长短时间记忆", "长短期记忆神经网络", "长短记忆", "长期短期记忆"]),
    ("门控循环单元", ["门控递归单元", "门循环单元", "门控循环单位", "门控循环网络"]),
    ("遗忘门", ["忘记门", "遗忘闸"]),
    ("输入门", ["输入闸"]),
    ("输出门", ["输出闸"]),
    ("细胞状态", ["单元状态", "元胞状态", "记忆元", "记忆单元状态"]),
    ("重置门", ["复位门"]),
    ("窥视孔连接", ["窥孔", "猫眼连接", "窥视连接"]),
    ("双向循环神经网络", ["双向递归神经网络"]),
    ("深层循环神经网络", ["深度循环神经网络", "深度递归神经网络"]),
    ("困惑度", ["混乱度", "困惑值"]),
    ("学习率", ["学习速率"]),
    ("小批量", ["迷你批", "小批次", "微批"]),
    ("批量大小", ["批大小", "批次大小", "批尺寸"]),
    ("随机种子（种子 1–5 after its first use）", ["随机数种子"]),
    ("偏置", ["偏差项", "偏移项"]),
    ("激活函数", ["激励函数"]),
    ("过拟合", ["过度拟合"]),
    ("暂退法", ["随机失活", "丢弃法"]),
    ("教师强制", ["老师强制", "强制教学"]),
    ("序列到序列", ["序列对序列"]),
    ("单元格（notebook cell）", [r"代码单元(?!格)", r"文本单元(?!格)", "代码块单元"]),
    ("文章（文章一…文章五）", ["种子文章", "原始文章一"]),
]
# Text cells that quote an article's own terms on purpose (notebook file name, cell id): why. Exempt from TERMS.
TERMS_EXEMPT: dict[tuple[str, str], str] = {
    ("12-applications-and-glossary.ipynb", "c12-052"): "article 3's glossary, quoted term by term beside ours",
    ("06-gru.ipynb", "c06-032"): "article 3's summary points, quoted in bold",
}
_TERMS = [(standard, [(v, re.compile(v)) for v in variants]) for standard, variants in TERMS]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z]{2,}")
_STRIP = [re.compile(p, re.DOTALL) for p in (
    r"\$\$.*?\$\$", r"\$[^$\n]+\$",            # LaTeX
    r"```.*?```", r"`[^`\n]*`",                 # code
    r"<[^>\n]+>",                               # HTML tags
    r"\]\([^)\s]*\)", r"https?://\S+",          # link targets, bare URLs
)]
_SPAN = re.compile(r"`([^`\n]+)`")
_PATH = re.compile(r"[\w.~-]*(?:/[\w.-]*)+|.*\bdata/.*")  # a path (`../data/co2.csv`), or code that reads data/
_LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|\bsrc=\"([^\"]+)\"")


def _source(cell) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, nb: dict) -> None:
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def pairs(notebooks: Path) -> list[tuple[Path, Path]]:
    """(English notebook, its Chinese counterpart) for every English notebook and assignment."""
    en = notebooks / SOURCE
    return [(p, notebooks / TARGET / p.relative_to(en))
            for p in sorted(en.glob("*.ipynb")) + sorted((en / "assignments").glob("*.ipynb"))]


def _orphans(notebooks: Path) -> list[Path]:
    """Chinese notebooks without an English one."""
    zh = notebooks / TARGET
    return [p for p in sorted(zh.glob("*.ipynb")) + sorted((zh / "assignments").glob("*.ipynb"))
            if not (notebooks / SOURCE / p.relative_to(zh)).is_file()]


def _show(path: Path, notebooks: Path) -> str:
    try:
        return "notebooks/" + path.relative_to(notebooks).as_posix()
    except ValueError:
        return str(path)


# ---- sync ---------------------------------------------------------------------------------------------------------

def synced(en: dict, zh: dict) -> tuple[dict, list[str]]:
    """The Chinese notebook zh with the English notebook en's code cells, cell sequence and metadata; and what
    changed, in words."""
    out = copy.deepcopy(zh)
    theirs = {c.get("id"): c for c in zh.get("cells", []) if c.get("id")}
    cells, notes = [], []
    for cell in en.get("cells", []):
        cid = cell.get("id")
        mine = theirs.get(cid)
        if cell.get("cell_type") == "code" or mine is None or mine.get("cell_type") != cell.get("cell_type"):
            if mine is None:
                notes.append(f"cell {cid} ({cell.get('cell_type')}) added from the English notebook")
            elif mine != cell:
                notes.append(f"cell {cid} ({cell.get('cell_type')}) rewritten from the English notebook")
            cells.append(copy.deepcopy(cell))
        else:  # a text cell: the Chinese source, the English metadata (nbgrader's, attachments' names stay)
            kept = copy.deepcopy(mine)
            moved = _data_paths(_source(kept)) if "../data/" in _source(cell) else _source(kept)
            if moved != _source(kept):  # the shared data/ folder is ../data/ from either edition
                kept["source"] = moved.splitlines(keepends=True) if isinstance(kept["source"], list) else moved
                notes.append(f"cell {cid}: data/ paths in the text made ../data/ as in the English cell")
            if kept.get("metadata") != cell.get("metadata"):
                kept["metadata"] = copy.deepcopy(cell.get("metadata", {}))
                notes.append(f"cell {cid}: metadata from the English notebook")
            cells.append(kept)
    wanted = {c.get("id") for c in en.get("cells", [])}
    for cell in zh.get("cells", []):
        if cell.get("id") not in wanted:
            notes.append(f"cell {cell.get('id')} ({cell.get('cell_type')}) dropped: the English notebook has no such cell")
    out["cells"] = cells
    meta = copy.deepcopy(en.get("metadata", {}))
    for key in EDITION_METADATA:
        if key in zh.get("metadata", {}):
            meta[key] = zh["metadata"][key]
        else:
            meta.pop(key, None)
    if meta != zh.get("metadata"):
        notes.append("notebook metadata from the English notebook")
    out["metadata"] = meta
    for key in ("nbformat", "nbformat_minor"):
        out[key] = en.get(key)
    return out, notes


def _data_paths(text: str) -> str:
    """data/… → ../data/… (the notebooks sit in notebooks/en/ and notebooks/zh/; the data in notebooks/data/)."""
    return re.sub(r"(?<![\w./])data/", "../data/", text)


def sync(notebooks: Path) -> list[str]:
    """Rewrites every Chinese notebook's code cells from its English notebook. Returns one line per notebook
    rewritten (with what changed); a missing Chinese notebook is not created (check reports it)."""
    changed = []
    for en_path, zh_path in pairs(notebooks):
        if not zh_path.is_file():
            continue
        zh = _read(zh_path)
        new, notes = synced(_read(en_path), zh)
        if new != zh:
            _write(zh_path, new)
            changed.append(f"{_show(zh_path, notebooks)}: " + "; ".join(notes or ["rewritten"]))
    return changed


# ---- check --------------------------------------------------------------------------------------------------------

def prose(text: str) -> str:
    """A text cell's prose: without LaTeX, code, HTML tags, link targets and URLs."""
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    return text


_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|『[^』]*』")
_ASCII_QUOTED = re.compile(r'"[^"\n]*[\u3400-\u9fff][^"\n]*"')  # an English text's "…" quotation of an article


def unquoted(text: str, inline: bool = False) -> str:
    """The text without blockquote lines (quotations of the articles keep their own words); with inline, also
    without “…” and 「…」 quotations inside a line."""
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    return _QUOTED.sub("“”", text) if inline else text


def is_chinese(text: str) -> bool:
    """A text cell reads as Chinese: outside quotations of the articles (blockquotes, “…”, "…"), its prose has at
    least one Chinese character per two English words (English terms in parentheses and names are fine; an English
    paragraph under a Chinese heading, or around a quoted Chinese sentence, is not). A cell without English words
    (a quotation, a picture, a formula) passes."""
    body = prose(_ASCII_QUOTED.sub(" ", unquoted(text, inline=True)))
    chars, words = len(_CJK.findall(body)), len(_WORD.findall(body))
    return words == 0 or 2 * chars >= words


def term_problems(text: str) -> list[str]:
    """Non-standard terms in a Chinese text cell (outside blockquotes, code and formulas)."""
    body = prose(unquoted(text, inline=True))
    found = []
    for standard, variants in _TERMS:
        for shown, pattern in variants:
            m = pattern.search(body)
            if m:
                start = max(0, m.start() - 12)
                context = " ".join(body[start:m.end() + 12].split())
                found.append(f"“{m.group(0)}” (…{context}…): write {standard}")
    return found


def broken_links(path: Path, nb: dict) -> list[str]:
    """Relative links and image sources in a notebook's text cells that lead to no file."""
    problems = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        for m in _LINK.finditer(_source(cell)):
            target = (m.group(1) or m.group(2)).split("#")[0]
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("attachment:"):
                continue
            if not (path.parent / target).exists():
                problems.append(f"cell {cell.get('id')}: the link {target} leads nowhere")
    return problems


def _code_spans(text: str) -> list[str]:
    """The inline code of a text cell (outside formulas and fenced code)."""
    for pattern in _STRIP[:3]:
        text = pattern.sub(" ", text)
    return _SPAN.findall(text)


def _metadata(nb: dict) -> dict:
    return {k: v for k, v in nb.get("metadata", {}).items() if k not in EDITION_METADATA}


def compare(en: dict, zh: dict, untranslated_ok: bool = False, name: str = "") -> list[str]:
    """How the Chinese notebook zh departs from the English notebook en (empty when it does not)."""
    problems = []
    seq_en = [(c.get("id"), c.get("cell_type")) for c in en.get("cells", [])]
    seq_zh = [(c.get("id"), c.get("cell_type")) for c in zh.get("cells", [])]
    if seq_en != seq_zh:
        n = next((i for i, (a, b) in enumerate(zip(seq_en, seq_zh)) if a != b), min(len(seq_en), len(seq_zh)))
        a = seq_en[n] if n < len(seq_en) else "(none)"
        b = seq_zh[n] if n < len(seq_zh) else "(none)"
        problems.append(f"the cells differ from cell {n + 1} on ({len(seq_en)} English, {len(seq_zh)} Chinese): "
                        f"English (id, type) {a}, Chinese {b} — run `python -m unrolled_course editions sync`")
    for key in ("nbformat", "nbformat_minor"):
        if en.get(key) != zh.get(key):
            problems.append(f"{key} is {zh.get(key)}, the English notebook's {en.get(key)}")
    if _metadata(en) != _metadata(zh):
        keys = sorted(k for k in set(_metadata(en)) | set(_metadata(zh)) if _metadata(en).get(k) != _metadata(zh).get(k))
        problems.append(f"notebook metadata differs from the English notebook's in {', '.join(keys)}")
    theirs = {c.get("id"): c for c in zh.get("cells", [])}
    for cell in en.get("cells", []):
        mine = theirs.get(cell.get("id"))
        if mine is None or mine.get("cell_type") != cell.get("cell_type"):
            continue
        cid = cell.get("id")
        if mine.get("metadata", {}) != cell.get("metadata", {}):
            problems.append(f"cell {cid}: metadata differs from the English cell's")
        if cell.get("cell_type") != "markdown":
            if _source(mine) != _source(cell):
                problems.append(f"cell {cid}: code differs from the English cell's (code cells are byte-identical: "
                                "change the English one and run `python -m unrolled_course editions sync`)")
            continue
        text = _source(mine)
        kept = set(_code_spans(text))
        for span in dict.fromkeys(s for s in _code_spans(_source(cell)) if _PATH.fullmatch(s)):
            if span not in kept:
                problems.append(f"cell {cid}: the English text's `{span}` is not in the Chinese text (paths, file "
                                "names and code stay exactly as in English)")
        if untranslated_ok:
            continue
        if _source(cell) == text and _WORD.search(prose(text)) or not is_chinese(text):
            problems.append(f"cell {cid}: the text is not Chinese yet (translate it)")
        for term in ([] if (name, cid) in TERMS_EXEMPT else term_problems(text)):
            problems.append(f"cell {cid}: non-standard term {term}")
    return problems


def check(notebooks: Path, untranslated_ok: bool = False) -> list[str]:
    """Every problem of the editions under notebooks/, one line each, naming the notebook (empty when none)."""
    problems = []
    found = pairs(notebooks)
    if not found:
        return [f"no English notebooks in {_show(notebooks / SOURCE, notebooks)}"]
    for en_path, zh_path in found:
        if not zh_path.is_file():
            problems.append(f"{_show(zh_path, notebooks)}: missing (the Chinese edition of "
                            f"{_show(en_path, notebooks)})")
            continue
        en, zh = _read(en_path), _read(zh_path)
        problems += [f"{_show(zh_path, notebooks)}: {p}" for p in compare(en, zh, untranslated_ok, zh_path.name)]
    if not untranslated_ok:
        for page in PAGES:
            if (notebooks / SOURCE / page).is_file() and not (notebooks / TARGET / page).is_file():
                problems.append(f"{_show(notebooks / TARGET / page, notebooks)}: missing (the Chinese edition of "
                                f"{_show(notebooks / SOURCE / page, notebooks)})")
    for orphan in _orphans(notebooks):
        problems.append(f"{_show(orphan, notebooks)}: no English notebook of this name (one code source: the English "
                        "notebook comes first)")
    for path in [p for pair in found for p in pair if p.is_file()]:
        problems += [f"{_show(path, notebooks)}: {p}" for p in broken_links(path, _read(path))]
    return problems
