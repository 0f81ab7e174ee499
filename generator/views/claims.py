"""The claim page: what was said, whether the sources agree, then how each outlet rendered it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..model import Claim, Rendering, Source
from ..text import ASSESSMENT_LABELS
from .core import Context, Day, Link, Notes, Page, Quoted
from .differences import LEGEND, mark, words_of

ASSESSMENT_STYLE = {
    "faithful": "success",
    "paraphrased": "info",
    "stronger": "warning",
    "weaker": "warning",
    "unverified": "note",
}
"""Material admonition type for each assessment of a rendering."""


@dataclass(frozen=True)
class VerdictRule:
    """One row of the published verdict scale: when it applies, the label, and the sentence of why."""

    key: str
    label: str
    applies: str
    why: str


VERDICT_RULES: tuple[VerdictRule, ...] = (
    VerdictRule(
        "stronger",
        "Rendered stronger than said",
        "The original statement is stored, and at least one outlet's rendering is assessed as stronger than it.",
        "{outlets} put it more strongly than the original words.",
    ),
    VerdictRule(
        "weaker",
        "Rendered weaker than said",
        "The original statement is stored, and at least one outlet's rendering is assessed as weaker than it.",
        "{outlets} put it more weakly than the original words.",
    ),
    VerdictRule(
        "disagree",
        "Outlets disagree",
        "An entry of the discrepancy register (differing values, dates, wording or headlines) involves the claim.",
        "The sources differ on it; the register entry sets their versions side by side.",
    ),
    VerdictRule(
        "faithful",
        "Rendered faithfully",
        "The original statement is stored, and every rendering is assessed as faithful to it or as a fair "
        "paraphrase.",
        "Every outlet's version matches the original words or paraphrases them fairly.",
    ),
    VerdictRule(
        "unassessed",
        "Original found, not every rendering assessed",
        "The original statement is stored, but some renderings have not been compared with it yet.",
        "The original is on record; the renderings marked unverified still await comparison.",
    ),
    VerdictRule(
        "consistent",
        "Consistent across {n} outlets, original not found",
        "No original is stored; two or more outlets carry the claim and no register entry involves it.",
        "{outlets} report it alike; without the original, none of them can be checked against the speaker's words.",
    ),
    VerdictRule(
        "single",
        "Reported by one outlet only, original not found",
        "No original is stored and one outlet carries the claim.",
        "Only {outlets} reports it, and the original words are not on record, so it cannot be cross-checked.",
    ),
)
"""The verdict scale, in order of precedence: the first rule that applies labels the claim."""

SCALE_PAGE = "verdicts/index.md"


@dataclass(frozen=True)
class Verdict:
    key: str
    label: str
    why: str
    scale: Link
    """The row of the published scale that explains the label."""
    entry: Link | None = None
    """The register entry, when the outlets disagree."""


@dataclass(frozen=True)
class RenderingView:
    excerpt: Quoted
    translation: str
    form: str
    assessment: str
    assessment_label: str
    style: str
    rationale: str | None


@dataclass(frozen=True)
class ArticleRenderings:
    """One article's renderings of the claim: a tab on the page."""

    tab: str
    source: Link
    published: str
    renderings: tuple[RenderingView, ...]


@dataclass(frozen=True, kw_only=True)
class ClaimPage(Page):
    summary: str
    claimant: Link
    when: Day
    setting: str
    place: Link | None
    with_: tuple[Link, ...]
    reported_via: tuple[Link, ...]
    verdict: Verdict
    original: Quoted | None
    original_from: str | None
    articles: tuple[ArticleRenderings, ...]
    legend: str | None
    inferences: tuple[tuple[str, str], ...]
    related: tuple[tuple[str, Link], ...]


def verdict(context: Context, claim: Claim) -> Verdict:
    """The first rule of the scale that the claim's facts meet."""
    outlets = context.base.outlets_of(claim)
    names = _names([o.name for o in outlets])
    assessed = {r.assessment for r in claim.renderings}
    entries = [e for e in context.entries.get(claim.id, []) if e.type != "names"]

    def by(assessment: str) -> str:
        return _names([o.name for o in _outlets_assessed(context, claim, assessment)])

    tests: dict[str, Callable[[], str | None]] = {
        "stronger": lambda: by("stronger") if claim.original and "stronger" in assessed else None,
        "weaker": lambda: by("weaker") if claim.original and "weaker" in assessed else None,
        "disagree": lambda: names if entries else None,
        "faithful": lambda: names if claim.original and assessed <= {"faithful", "paraphrased"} else None,
        "unassessed": lambda: names if claim.original else None,
        "consistent": lambda: names if len(outlets) > 1 else None,
        "single": lambda: names,
    }
    for rule in VERDICT_RULES:
        who = tests[rule.key]()
        if who is not None:
            entry = context.entry_links[entries[0].anchor] if rule.key == "disagree" else None
            return Verdict(
                rule.key,
                rule.label.format(n=len(outlets)),
                rule.why.format(outlets=who),
                Link(rule.label.format(n="N"), f"{SCALE_PAGE}#{rule.key}"),
                entry,
            )
    raise AssertionError("the last rule always applies")


def _outlets_assessed(context: Context, claim: Claim, assessment: str) -> list:
    found = {
        context.base.outlet_of(r.source).id: context.base.outlet_of(r.source)
        for r in claim.renderings
        if r.assessment == assessment
    }
    return list(found.values())


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def claim_page(context: Context, claim: Claim) -> ClaimPage:
    base = context.base
    notes = Notes(context)
    original = None
    if claim.original is not None:
        original = Quoted(context.quotation(claim.original, "text"), notes.cite(claim.original.citation))
    articles = _articles(context, claim, notes)
    said = _said(context, claim)
    chosen = verdict(context, claim)
    related = [
        _related(context, r)
        for r in dict.fromkeys(claim.related + [f.id for f in base.referring(claim.id, "claim", "related")])
    ]
    same_day = [
        ("Same day, same speaker", context.link(c))
        for c in base.referring(claim.claimant, "claim", "claimant")
        if c.date.date == claim.date.date and c.id != claim.id  # type: ignore[attr-defined]
    ]
    return ClaimPage(
        path=f"claims/{claim.id}.md",
        template="claim.md.j2",
        title=claim.heading,
        description=f"{said} Verdict: {chosen.label}. {chosen.why}",
        kind="claim",
        label=chosen.label,
        summary=claim.summary,
        claimant=context.link(claim.claimant),
        when=context.day(claim.date),
        setting=f"{claim.setting.description} ({claim.setting.type.replace('-', ' ')})",
        place=context.link(claim.setting.place) if claim.setting.place else None,
        with_=tuple(context.link(w) for w in claim.setting.with_),
        reported_via=tuple(context.link(r) for r in claim.reported_via),
        verdict=chosen,
        original=original,
        original_from=base.outlet_of(claim.original.citation.source).name if claim.original else None,
        articles=articles,
        legend=LEGEND if len(articles) > 1 else None,
        inferences=tuple(claim.inferences.items()),
        related=tuple(related + same_day),
        notes=notes.freeze(),
        record=context.record(claim),
    )


def _said(context: Context, claim: Claim) -> str:
    """Who said what and when, in one sentence (the summary is already in our words)."""
    when = context.day(claim.date)
    bound = "no later than " if claim.date.no_later_than else "on "
    return f"{context.fact(claim.claimant).heading}, {bound}{when.text}: {claim.summary}"


def _articles(context: Context, claim: Claim, notes: Notes) -> tuple[ArticleRenderings, ...]:
    base = context.base
    grouped: dict[str, list[Rendering]] = {}
    for rendering in claim.renderings:
        grouped.setdefault(rendering.source, []).append(rendering)
    names = context.name_words
    words = {sid: words_of(r.excerpt for r in rs) for sid, rs in grouped.items()}
    outlets = [base.outlet_of(sid).id for sid in grouped]
    articles = []
    for sid, renderings in grouped.items():
        source = base.facts[sid]
        assert isinstance(source, Source)
        others = set().union(*(w for k, w in words.items() if k != sid)) if len(grouped) > 1 else None
        tab = base.outlet_of(sid).name
        if outlets.count(source.outlet) > 1:
            tab += f", {context.day(source.published).text}"
        views = []
        for r in renderings:
            quoted = notes.quote(r)
            views.append(
                RenderingView(
                    excerpt=Quoted(quoted.words, quoted.refs, mark(r.excerpt, others, names)),  # type: ignore[arg-type]
                    translation=r.translation,
                    form=r.form.replace("-", " "),
                    assessment=r.assessment,
                    assessment_label=ASSESSMENT_LABELS[r.assessment],
                    style=ASSESSMENT_STYLE[r.assessment],
                    rationale=r.rationale,
                )
            )
        articles.append(ArticleRenderings(tab, context.link(source), context.day(source.published).text, tuple(views)))
    return tuple(articles)


def _related(context: Context, fact_id: str) -> tuple[str, Link]:
    fact = context.fact(fact_id)
    return fact.kind.capitalize(), context.link(fact)
