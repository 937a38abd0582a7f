"""The review notebook's screen: one question at a time, answered with buttons or keys.

:func:`question_html` renders a question (escaped HTML, testable without a
browser): a pair of passages, an absence claim with the passages that may report
its fact (:func:`absence_html`) or a story unit (:func:`unit_html`);
:class:`ReviewApp` puts it in ipywidgets with the answer buttons (they follow the
question's kind), undo and a running count, and writes each answer at once
through :class:`narrative.review.DecisionStore`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from narrative import review
from narrative.views._html import escape, mark_spans
from narrative.wording import word_diff

if TYPE_CHECKING:
    from narrative.pipeline import Result

#: Keys of a pair question's answers (typed into the key box): decision or action, label.
KEYS = {
    "s": (review.SAME, "Same fact"),
    "d": (review.DIFFERENT, "Not the same"),
    "m": (review.MERGE, "Merge their units"),
    "x": (review.SPLIT, "Split: two facts"),
    "a": ("not_fact_a", "A is not a fact"),
    "b": ("not_fact_b", "B is not a fact"),
    "n": ("skip", "Skip"),
    "u": ("undo", "Undo"),
}
#: Keys of a story unit's answers; the digits 1-9 pick the passage that is another fact.
UNIT_KEYS = {
    "s": ("all_one", "All one fact"),
    "n": ("skip", "Skip"),
    "u": ("undo", "Undo"),
}
#: Keys of an absence question's answers; the digits 1-9 pick the candidate that reports it.
ABSENCE_KEYS = {
    "d": ("none", "None of these reports it"),
    "m": ("more", "Show more passages"),
    "a": ("not_fact_a", "The fact is no fact"),
    "n": ("skip", "Skip"),
    "u": ("undo", "Undo"),
}

_BOX = "border:1px solid #ddd;border-radius:4px;padding:8px;margin:4px 0;line-height:1.45"
_FADED = "color:#777"
_WHY = {
    "figures differ": "its passages give different figures (a 'figures differ' finding)",
    "prominence": "it is the evidence of a 'one puts it on top, another buries it' finding",
    "outlet-only": "the report says only this outlet reports it",
    "leaves out": "the report says this outlet leaves it out",
    "story unit": "it holds a story unit together",
}


def _diff_marks(text_a: str, text_b: str) -> tuple[str, str]:
    """Both texts as HTML with the words that differ marked."""
    spans_a, spans_b = [], []
    for op in word_diff(text_a, text_b):
        if op.tag in ("replace", "delete"):
            spans_a.append(op.span_a)
        if op.tag in ("replace", "insert"):
            spans_b.append(op.span_b)
    return mark_spans(text_a, spans_a), mark_spans(text_b, spans_b)


def _side(result: Result, key: tuple[str, int], marked: str, outlet: str, name: str) -> str:
    head = f"<b>{name} · {escape(outlet)}</b> <small>({escape(key[0])})</small>"
    parts = [f"<div style='{_BOX}'>{head}<br>"]
    for _, text, own in review.context(result, key):
        if own:
            parts.append(f"<p style='margin:4px 0'><b>{marked}</b></p>")
        else:
            parts.append(f"<p style='margin:4px 0;{_FADED}'>{escape(text)}</p>")
    parts.append("</div>")
    return "".join(parts)


def _units_of(result: Result) -> dict[tuple[str, int], str]:
    units = result.units
    return dict(
        zip(
            zip(units["doc_id"], units["passage_id"].astype(int), strict=True),
            units["unit_id"],
            strict=True,
        )
    )


def same_unit(result: Result, question: pd.Series) -> bool:
    """Whether both passages of a pair question are in one story unit (split, not merge)."""
    unit_of = _units_of(result)
    a = unit_of.get((question["doc_a"], int(question["passage_a"])))
    return a is not None and a == unit_of.get((question["doc_b"], int(question["passage_b"])))


def question_html(result: Result, question: pd.Series, *, threshold: float) -> str:
    """One question: both passages in their articles, the words that differ, scores and why.

    An absence question (``question`` = ``absence``) shows the fact and its
    candidates instead (:func:`absence_html`).

    Args:
        result: The run.
        question: A row of :func:`narrative.review.review_queue`.
        threshold: ``paraphrase_min``, shown beside the score.

    Returns:
        Escaped HTML.
    """
    if question.get("question") == review.ABSENCE:
        return absence_html(result, question, threshold=threshold)
    if question.get("question") == review.UNIT:
        return unit_html(result, question, threshold=threshold)
    a = (question["doc_a"], int(question["passage_a"]))
    b = (question["doc_b"], int(question["passage_b"]))
    marked_a, marked_b = _diff_marks(str(question["text_a"]), str(question["text_b"]))
    reasons = [c.strip() for c in str(question["claims"] or "").split(",") if c.strip()]
    why = "; ".join(_WHY.get(c, c) for c in reasons) or "its score is near the threshold"
    verdict = (
        "the same fact" if question["relation"] in ("reuse", "paraphrase") else "a related passage"
    )
    units = (
        "Both are in one story unit: <i>Split</i> says they are two facts."
        if same_unit(result, question)
        else "They are in different story units: <i>Merge</i> says their units are one fact."
    )
    return (
        f"<div style='font-size:14px'>"
        f"<p>Do these two passages report <b>the same fact</b>? The machine says "
        f"<b>{escape(str(question['relation']))}</b> ({verdict}), score "
        f"<b>{float(question['score']):.2f}</b> against a threshold of {threshold:.2f}. "
        f"Asked now because {escape(why)}.</p>"
        f"{_side(result, a, marked_a, str(question['outlet_a']), 'A')}"
        f"{_side(result, b, marked_b, str(question['outlet_b']), 'B')}"
        f"<p style='{_FADED}'>Marked: the words that differ between A and B. Greyed: the "
        f"sentences around each passage. {units}</p></div>"
    )


def absence_html(result: Result, question: pd.Series, *, threshold: float) -> str:
    """An absence claim: the fact in its article, then each candidate that may report it.

    Args:
        result: The run.
        question: A queue row with ``question`` = ``absence``.
        threshold: ``paraphrase_min``, shown beside the cosines.

    Returns:
        Escaped HTML; candidates are numbered from 1, as their keys.
    """
    fact = (question["doc_a"], int(question["passage_a"]))
    if question["claims"] == "leaves out":
        claim = (
            f"The report says <b>{escape(str(question['outlet_b']))}</b> leaves out this fact, "
            f"which most other outlets report."
        )
        where = f"{escape(str(question['outlet_b']))}'s passages"
    else:
        claim = (
            f"The report says only <b>{escape(str(question['outlet_a']))}</b> reports this fact."
        )
        where = "the other outlets' passages"
    parts = [
        "<div style='font-size:14px'>",
        f"<p>{claim} Does one of {where} below report it (the same event, claim or "
        f"background, in other words or with other figures)? Shown: the nearest by embedding "
        f"cosine (a pair is one fact from a score of {threshold:.2f}).</p>",
        _side(result, fact, f"{escape(str(question['text_a']))}", str(question["outlet_a"]), "F"),
    ]
    page = int(question.get("page", 1) or 1)
    if page > 1:
        parts.append(
            f"<p><b>Page {page}</b>: the next {len(question['candidates'])} passages "
            f"({len(question['seen'])} shown before). <i>None of these</i> rejects them all.</p>"
        )
    for n, c in enumerate(question["candidates"], start=1):
        head = (
            f"<b>[{n}] {escape(c.outlet)}</b> <small>({escape(c.passage[0])}, cosine "
            f"{c.cosine:.2f})</small>"
        )
        parts.append(f"<div style='{_BOX}'>{head}<br>{escape(c.text)}</div>")
    parts.append(
        f"<p style='{_FADED}'>Press the number of the passage that reports it, or "
        f"<i>None of these</i>: one answer settles the claim."
        + (
            " Not here but you think another passage reports it? <i>Show more</i> brings "
            "the next ones."
            if question.get("more")
            else ""
        )
        + "</p></div>"
    )
    return "".join(parts)


def unit_html(result: Result, question: pd.Series, *, threshold: float) -> str:
    """A story unit: its passages, numbered, with the question whether they are one fact.

    Args:
        result: The run.
        question: A queue row with ``question`` = ``unit``.
        threshold: ``paraphrase_min``, shown beside the weakest link.

    Returns:
        Escaped HTML; passages are numbered from 1, as their keys.
    """
    says = (
        "shows them as a <b>candidate</b>: it does not say they report one fact until "
        "you confirm it"
        if question.get("claims") == review.UNIT_CANDIDATE
        else "it says they report <b>one fact</b>"
    )
    parts = [
        "<div style='font-size:14px'>",
        f"<p>The report puts these passages in one story unit "
        f"({escape(str(question['fact_id']))}) and {says}. "
        f"Do they? Its weakest link scores "
        f"{float(question['score']):.2f} against a threshold of {threshold:.2f}.</p>",
    ]
    for n, c in enumerate(question["candidates"], start=1):
        head = f"<b>[{n}] {escape(c.outlet)}</b> <small>({escape(c.passage[0])})</small>"
        parts.append(f"<div style='{_BOX}'>{head}<br>{escape(c.text)}</div>")
    parts.append(
        f"<p style='{_FADED}'><i>All one fact</i> confirms the unit (a candidate is then "
        f"stated); the number of a passage "
        f"that reports another fact splits it off. One answer settles the unit.</p></div>"
    )
    return "".join(parts)


class ReviewApp:
    """Buttons, a key box, the question and a running count, for one run and one file.

    Args:
        result: The machine's run (no decision applied).
        path: The decisions file; each answer rewrites it at once.
    """

    def __init__(self, result: Result, path: str | Path):
        import ipywidgets as widgets

        self._widgets = widgets
        self.result = result
        self.store = review.DecisionStore(path)
        self.skipped: set[frozenset] = set()
        # The page of candidates each absence question is at, and what undo takes back
        # first: "more" (a page) or an answer in the file.
        self.pages: dict[frozenset, int] = {}
        self.history: list[tuple[str, frozenset | None]] = []
        self.queue = pd.DataFrame()
        self.current: pd.Series | None = None
        self.reviewed = result
        self.question = widgets.HTML()
        self.count = widgets.HTML()
        self.bar = widgets.HBox()
        self.keys = widgets.Text(
            placeholder="click here, then type the keys in [ ]",
            description="Keys:",
            continuous_update=True,
        )
        self.keys.add_class("narrative-review-keys")
        self.keys.observe(self._typed, names="value")
        self.widget = widgets.VBox([self.bar, self.keys, self.count, self.question])
        self.refresh()

    def _button(self, action: str, label: str, key: str):
        button = self._widgets.Button(description=f"{label} [{key}]")
        button.add_class(f"narrative-review-{action.replace('_', '-')}")
        button.on_click(lambda _, act=action: self.answer(act))
        return button

    def actions(self) -> dict[str, tuple[str, str]]:
        """``{key: (action, label)}`` for the current question."""
        q = self.current
        if q is None:
            return {"u": KEYS["u"]}
        if q["question"] == review.ABSENCE:
            picks = {
                str(n): (f"candidate_{n}", f"{n} reports it")
                for n in range(1, min(9, len(q["candidates"])) + 1)
            }
            keys = {k: v for k, v in ABSENCE_KEYS.items() if k != "m" or bool(q["more"])}
            return {**picks, **keys}
        if q["question"] == review.UNIT:
            picks = {
                str(n): (f"odd_{n}", f"{n} is another fact")
                for n in range(1, min(9, len(q["candidates"])) + 1)
            }
            return {**picks, **UNIT_KEYS}
        drop = "m" if same_unit(self.reviewed, q) else "x"
        return {k: v for k, v in KEYS.items() if k != drop}

    def _typed(self, change: dict) -> None:
        typed = str(change["new"] or "")
        if not typed:
            return
        self.keys.value = ""
        for char in typed.lower():
            action = self.actions().get(char)
            if action is not None:
                self.answer(action[0])

    def _located(self) -> review.LocatedDecisions:
        return review.locate_decisions(
            self.store.decisions, self.result.cleaned, self.result.passages
        )

    def refresh(self) -> None:
        """Recompute the open questions on the report as answered so far; show the first one.

        The questions are ranked on the machine's result with the answers so far
        applied (:func:`narrative.review.apply_review`), so the next question is
        the one that changes the most claims of the report as it now stands.
        """
        current = review.apply_review(self.result, self.store.decisions)
        self.reviewed = current
        self.queue = review.review_queue(current, self._located(), pages=self.pages)
        open_rows = [
            i
            for i, row in enumerate(self.queue.itertuples(index=False))
            if review.queue_key(row) not in self.skipped
        ]
        self.current = self.queue.iloc[open_rows[0]] if open_rows else None
        counts = self.store.counts()
        done = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items() if v)
        self.count.value = (
            f"<b>{self.store.answers()} answered</b>"
            f"{' (' + escape(done) + ')' if done else ''} · "
            f"{len(open_rows)} open · file <code>{escape(str(self.store.path))}</code>"
        )
        self.bar.children = [
            self._button(action, label, key) for key, (action, label) in self.actions().items()
        ]
        if self.current is None:
            self.question.value = (
                "<p><b>No open question.</b> Rebuild the report with this file.</p>"
            )
        else:
            self.question.value = question_html(
                current, self.current, threshold=self.result.settings.paraphrase_min
            )

    def answer(self, action: str) -> None:
        """Record an answer (or skip, or undo) and move to the next question.

        Args:
            action: An action of :meth:`actions`: a decision, ``not_fact_a`` /
                ``not_fact_b``, ``candidate_<n>`` or ``none`` (absence questions),
                ``more`` (the next page of candidates: nothing is written), ``all_one``
                or ``odd_<n>`` (story units), ``skip`` or ``undo`` (the last page shown
                or the last answer, all its rows).
        """
        if action == "undo":
            # The last step of this session: a page shown ("more") or an answer (its rows).
            kind, key = self.history.pop() if self.history else ("answer", None)
            if kind == "more" and key is not None:
                self.pages[key] = max(1, self.pages.get(key, 1) - 1)
            else:
                self.store.undo()
        elif self.current is not None:
            q = self.current
            a = (q["doc_a"], int(q["passage_a"]))
            b = (q["doc_b"], int(q["passage_b"]))
            if action != "skip":
                self.history.append(("more" if action == "more" else "answer", review.queue_key(q)))
            if action == "skip":
                self.skipped.add(review.queue_key(q))
            elif action == "more":
                # Nothing is written: the next candidates are shown; "none of these" then
                # rejects every passage shown on every page.
                self.pages[review.queue_key(q)] = int(q["page"]) + 1
            elif action in ("not_fact_a", "not_fact_b"):
                self.store.add(
                    review.decision_for(self.result, review.NOT_FACT, a if action[-1] == "a" else b)
                )
            elif action == "none":
                self.store.add(review.absence_decisions(self.result, q, None))
            elif action.startswith("candidate_"):
                chosen = int(action.rpartition("_")[2]) - 1
                self.store.add(review.absence_decisions(self.result, q, chosen))
            elif action == "all_one":
                self.store.add(review.unit_decisions(self.result, q, None))
            elif action.startswith("odd_"):
                odd = int(action.rpartition("_")[2]) - 1
                self.store.add(review.unit_decisions(self.result, q, odd))
            else:
                self.store.add(review.decision_for(self.result, action, a, b))
        self.refresh()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
