"""Which words of a rendering change its meaning compared with the other articles' renderings.

Marking every word one article uses and another does not buries the differences that
matter under particles and word order ("yang", "pada", "hari"). Only words of the kinds
below are marked, and only when no other article's rendering of the same claim has them.
The word lists are deliberately short and documented on the claim pages' legend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

KINDS: dict[str, frozenset[str]] = {
    "negation": frozenset(
        "tidak tak bukan belum jangan tanpa enggan menolak not no never nor without none refuse refused".split()
    ),
    "modality": frozenset(
        "akan bakal bisa dapat harus mungkin siap perlu ingin mau boleh hendak menjanjikan bersumpah janji "
        "will would could can may might must should shall consider ready need vow vows vowed promise promised".split()
    ),
    "quantifier": frozenset(
        "semua seluruh segala beberapa banyak sedikit lebih kurang hampir sekitar hingga sampai ratusan ribuan "
        "puluhan setiap sejumlah all every some many few more less than about nearly almost hundreds thousands "
        "dozens each any whole".split()
    ),
    "intensifier": frozenset(
        "sangat amat penghabisan total mutlak sepenuhnya terakhir darah mati-matian habis-habisan very "
        "absolutely completely totally entirely last blood utterly".split()
    ),
    "date": frozenset(
        "senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus september "
        "oktober november desember monday tuesday wednesday thursday friday saturday sunday january february march "
        "may june july august october december kemarin today yesterday".split()
    ),
}
"""Kinds of words that change meaning, in Indonesian and English; numbers and names are found by form."""

LEGEND = (
    "Marked words change the meaning and appear only in this article's rendering: numbers, names, dates, "
    "negations, modal verbs (will, can, consider), quantifiers and intensifiers."
)

# Numbers and dates stay whole ("2/11/2020", "1.200"), so a changed day marks the date, not one digit.
_TOKEN = re.compile(r"\d+(?:[./:,]\d+)*|[\w'’-]+|[^\w\s]+|\s+", re.UNICODE)


@dataclass(frozen=True)
class Segment:
    """A run of a quotation's text, marked when it differs in meaning from the other renderings."""

    text: str
    marked: bool = False


def meaningful(word: str, names: frozenset[str]) -> bool:
    """A number, a name, or a word of one of the kinds above."""
    folded = word.casefold()
    return any(c.isdigit() for c in word) or folded in names or any(folded in kind for kind in KINDS.values())


def words_of(texts: Iterable[str], *, capitalised: bool = False) -> set[str]:
    """The words of ``texts``, casefolded; with ``capitalised``, only those written with a capital (names)."""
    return {
        t.casefold()
        for text in texts
        for t in _TOKEN.findall(text)
        if t.strip() and t[0].isalnum() and (not capitalised or t[0].isupper())
    }


def mark(text: str, others: set[str] | None, names: frozenset[str]) -> tuple[Segment, ...]:
    """``text`` in segments, marking meaningful words that no other article's rendering has.

    ``others`` is None when there is nothing to compare with (one article only): nothing is marked.
    """
    text = " ".join(text.split())
    if others is None:
        return (Segment(text),)
    segments: list[Segment] = []
    for token in _TOKEN.findall(text):
        marked = bool(token[0].isalnum() and meaningful(token, names) and token.casefold() not in others)
        if segments and segments[-1].marked == marked:
            segments[-1] = Segment(segments[-1].text + token, marked)
        else:
            segments.append(Segment(token, marked))
    # Keep white space outside the marks: "<mark>a</mark> <mark>b</mark>" reads better than one long mark.
    return tuple(segments)
