"""The review notebook's screen: one question at a time, answered with buttons or keys.

:func:`question_html` renders a question (escaped HTML, testable without a
browser); :class:`ReviewApp` puts it in ipywidgets with the answer buttons,
undo and a running count, and writes each answer at once through
:class:`narrative.review.DecisionStore`.
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

#: Keys of the answers (typed into the key box): decision or action, label.
KEYS = {
    "s": (review.SAME, "Same fact"),
    "d": (review.DIFFERENT, "Not the same"),
    "a": ("not_fact_a", "A is not a fact"),
    "b": ("not_fact_b", "B is not a fact"),
    "n": ("skip", "Skip"),
    "u": ("undo", "Undo"),
}

_BOX = "border:1px solid #ddd;border-radius:4px;padding:8px;margin:4px 0;line-height:1.45"
_FADED = "color:#777"
_WHY = {
    "figures differ": "its passages give different figures (a 'figures differ' finding)",
    "prominence": "it is the evidence of a 'one puts it on top, another buries it' finding",
    "outlet-only": "if it is the same fact, an 'only this outlet reports' claim falls",
    "leaves out": "if it is the same fact, a 'leaves out' claim falls",
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


def question_html(result: Result, question: pd.Series, *, threshold: float) -> str:
    """One question: both passages in their articles, the words that differ, scores and why.

    Args:
        result: The run.
        question: A row of :func:`narrative.review.review_queue`.
        threshold: ``paraphrase_min``, shown beside the score.

    Returns:
        Escaped HTML.
    """
    a = (question["doc_a"], int(question["passage_a"]))
    b = (question["doc_b"], int(question["passage_b"]))
    marked_a, marked_b = _diff_marks(str(question["text_a"]), str(question["text_b"]))
    reasons = [c.strip() for c in str(question["claims"] or "").split(",") if c.strip()]
    why = "; ".join(_WHY.get(c, c) for c in reasons) or "its score is near the threshold"
    verdict = (
        "the same fact" if question["relation"] in ("reuse", "paraphrase") else "a related passage"
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
        f"sentences around each passage.</p></div>"
    )


class ReviewApp:
    """Buttons, a key box, the question and a running count, for one run and one file.

    Args:
        result: The machine's run (no decision applied).
        path: The decisions file; each answer rewrites it at once.
    """

    def __init__(self, result: Result, path: str | Path):
        import ipywidgets as widgets

        self.result = result
        self.store = review.DecisionStore(path)
        self.skipped: set[frozenset] = set()
        self.queue = pd.DataFrame()
        self.current: pd.Series | None = None
        self.question = widgets.HTML()
        self.count = widgets.HTML()
        self.buttons = []
        for key, (action, label) in KEYS.items():
            button = widgets.Button(description=f"{label} [{key}]")
            button.add_class(f"narrative-review-{action.replace('_', '-')}")
            button.on_click(lambda _, act=action: self.answer(act))
            self.buttons.append(button)
        self.keys = widgets.Text(
            placeholder="click here, then type s d a b n u",
            description="Keys:",
            continuous_update=True,
        )
        self.keys.add_class("narrative-review-keys")
        self.keys.observe(self._typed, names="value")
        self.widget = widgets.VBox(
            [widgets.HBox(self.buttons), self.keys, self.count, self.question]
        )
        self.refresh()

    def _typed(self, change: dict) -> None:
        typed = str(change["new"] or "")
        if not typed:
            return
        self.keys.value = ""
        for char in typed.lower():
            if char in KEYS:
                self.answer(KEYS[char][0])

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
        self.queue = review.review_queue(current, self._located())
        keys = [
            frozenset(((r.doc_a, int(r.passage_a)), (r.doc_b, int(r.passage_b))))
            for r in self.queue.itertuples(index=False)
        ]
        open_rows = [i for i, k in enumerate(keys) if k not in self.skipped]
        self.current = self.queue.iloc[open_rows[0]] if open_rows else None
        counts = self.store.counts()
        done = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items() if v)
        self.count.value = (
            f"<b>{len(self.store)} answered</b>{' (' + escape(done) + ')' if done else ''} · "
            f"{len(open_rows)} open · file <code>{escape(str(self.store.path))}</code>"
        )
        if self.current is None:
            self.question.value = (
                "<p><b>No open question.</b> Rebuild the report with this file.</p>"
            )
        else:
            self.question.value = question_html(
                self.result, self.current, threshold=self.result.settings.paraphrase_min
            )

    def answer(self, action: str) -> None:
        """Record an answer (or skip, or undo) and move to the next question.

        Args:
            action: A decision of :data:`KEYS`, ``"skip"`` or ``"undo"``.
        """
        if action == "undo":
            self.store.undo()
        elif self.current is not None:
            q = self.current
            a = (q["doc_a"], int(q["passage_a"]))
            b = (q["doc_b"], int(q["passage_b"]))
            if action == "skip":
                self.skipped.add(frozenset((a, b)))
            elif action in ("not_fact_a", "not_fact_b"):
                self.store.add(
                    review.decision_for(self.result, review.NOT_FACT, a if action[-1] == "a" else b)
                )
            else:
                self.store.add(review.decision_for(self.result, action, a, b))
        self.refresh()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
