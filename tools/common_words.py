"""Regenerate ``namematch/data/common_words.tsv``: the most common words of the languages written
in scripts without case (Arabic, Persian), from the frequency lists of the ``wordfreq`` package.

namematch.link uses the table to tell a lone word of running text from a name: in Arabic, where
no capital letter marks a name, a surname that is also a common word (كامل, complete; صالح,
valid) is not linked alone unless the text names the person more fully.

wordfreq is needed only here, not by namematch: ``pip install wordfreq==3.1.1`` then
``python tools/common_words.py``. Its word lists are CC BY-SA 4.0 (Robyn Speer, wordfreq,
https://github.com/rspeer/wordfreq), which may be used under GPL-3.0-or-later.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

from wordfreq import iter_wordlist, zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from namematch.normalise import fold  # noqa: E402

LANGUAGES = ("ar", "fa")
#: A word at least this common (Zipf scale: 5 is once per 100,000 words of running text).
ZIPF = 5.0
OUT = Path(__file__).resolve().parent.parent / "namematch" / "data" / "common_words.tsv"


def main() -> None:
    lines = [
        "# The most common words of running text in languages written without case, which namematch.link",
        "# does not link alone as a person's name unless the text names the person more fully",
        f"# (كامل, complete, is also a surname). Words of Zipf frequency >= {ZIPF} (once per 100,000",
        "# words), folded. Source: wordfreq " + version("wordfreq") + " (Robyn Speer; word lists CC BY-SA 4.0,",
        "# https://github.com/rspeer/wordfreq). Regenerate with tools/common_words.py.",
        "# columns: lang, word",
    ]
    for lang in LANGUAGES:
        seen: set[str] = set()
        for word in iter_wordlist(lang):
            if zipf_frequency(word, lang) < ZIPF:
                break
            folded = fold(word)
            if folded.isalpha() and folded not in seen:
                seen.add(folded)
                lines.append(f"{lang}\t{folded}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines) - 6} words)")


if __name__ == "__main__":
    main()
