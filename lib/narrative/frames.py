"""Frame profiles per outlet: which aspects of a story each outlet puts forward (indicative).

**Frame set.** The frames come from the Media Frames Corpus (Card et al., 2015),
whose 15 dimensions are defined in the Policy Frames Codebook (Boydstun et al.,
2014). The codebook was written for domestic policy issues (immigration,
smoking, same-sex marriage); :data:`FRAMES` adapts it to news about
international conflict and diplomacy:

* every codebook dimension is kept, under its number (``mfc``), with a
  description and examples rewritten for conflict and diplomacy news;
* several are renamed for what they cover there: *Legality,
  constitutionality and jurisprudence* becomes **Legality & international
  law** (sovereignty, treaties, UN resolutions); *Crime and punishment*
  becomes **Crime & accountability** (war crimes, prosecutions); *Health and
  safety* becomes **Humanitarian (health & safety)** (casualties, medical
  care, aid); *Quality of life* becomes **Quality of life & displacement**
  (refugees, homes, services); *Fairness and equality* becomes **Fairness &
  rights** (human rights, exclusion of a party); *Security and defense*
  becomes **Security & military**; *Policy prescription and evaluation* is
  shortened to **Policy & evaluation**;
* *External regulation and reputation* (14) is split in two, because in
  diplomacy news it would hold most passages: **Diplomacy & negotiation** (the
  process: talks, envoys, agreements reached or not) and **External relations
  & reputation** (alliances, rivalries, influence, foreign backing, sanctions,
  standing abroad);
* *Other* (15) is the residual: a passage that no frame fits is "Other".

Each frame has a description, a seed lexicon (words and phrases that signal
it) and a few short prototype sentences written from the codebook's
definition. The prototypes are generic, about no particular country or
conflict, so the frame set applies to any English news corpus.

**Method.** No frame-annotated training data exists for this domain, and no
model may be downloaded, so frames are assigned by similarity to the
prototypes with the suite's sentence-embedding model, checked by the seed
lexicon. For each standfirst or body passage ``p`` and frame ``f``:

1. ``similarity`` = the mean cosine between ``p`` and the two prototypes of
   ``f`` closest to it (one prototype alone matches by accident too often);
2. ``contrast`` = ``similarity`` minus the median similarity of ``p`` over
   all frames. A small model rates any sentence about a war as fairly close to
   every war-related prototype; what marks a frame is how much it stands out
   against the passage's other frames (the margin idea used in
   :mod:`narrative.alignment`);
3. ``seeds`` = the distinct seed words or phrases of ``f`` found in ``p``
   (whole words, with plural and verb endings);
4. ``p`` is in frame ``f`` when ``similarity >= floor`` and
   ``score = contrast + seed_weight * min(len(seeds), seed_cap) >= margin``.

With the defaults (:class:`FrameSettings`) the embedding alone assigns a
frame only when it clearly stands out (``contrast >= 0.16``, 2 to 5% of
(passage, frame) pairs); one seed lowers that to 0.09 and two to 0.02, so
seeds never carry a frame the embedding rates at or below the passage's
median. A passage may have several frames, or none (then it is "Other"). The
thresholds were set by reading the assignments on the default corpus and on
six external development corpora (four US politics stories from BASIL, two
attacks in Syria from FA-KES), not fitted to any of them.

The method is **indicative**: there is no gold frame annotation to measure it
against, the prototypes and seeds are one reading of the codebook, and a small
embedding model mostly follows topic words. The examples from
:func:`frame_examples` are there so a reader can judge each frame.

The core, :func:`score_frames`, works on arrays; :func:`assign_frames` applies
it to a passage table; :func:`frame_assignments` embeds the prototypes with the
model.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from narrative.config import DEFAULT_MODEL
from narrative.embeddings import EmbeddingCache, embed
from narrative.vocab import TEXT_KINDS

OTHER = "Other"
ASSIGNMENT_COLUMNS = [
    "doc_id",
    "passage_id",
    "outlet",
    "kind",
    "frame",
    "score",
    "similarity",
    "contrast",
    "seeds",
    "prototype",
    "words",
    "text",
]
PROFILE_COLUMNS = ["outlet", "frame", "passages", "passage_share", "words", "word_share"]


def _terms(text: str) -> tuple[str, ...]:
    """Seeds written as one ``"; "``-separated string (keeps the table readable)."""
    return tuple(t.strip() for t in text.split(";") if t.strip())


@dataclass(frozen=True)
class Frame:
    """One frame of the frame set.

    Attributes:
        name: Short display name.
        mfc: The Media Frames Corpus dimension it comes from (number and name).
        description: What the frame covers, adapted from the codebook.
        seeds: Lower-case words or phrases that signal the frame.
        prototypes: Short generic sentences that state the frame.
    """

    name: str
    mfc: str
    description: str
    seeds: tuple[str, ...]
    prototypes: tuple[str, ...]


FRAMES: tuple[Frame, ...] = (
    Frame(
        name="Economic",
        mfc="1 Economic",
        description=(
            "Costs, benefits and financial consequences of the conflict or of a policy: money, "
            "trade, prices, jobs, oil, reconstruction costs."
        ),
        seeds=_terms(
            "economy; economic; cost; costly; billion; budget; trade; investment; investor; oil; "
            "gas; market; prices; inflation; currency; funding; reconstruction; jobs; unemployment;"
            " revenue; tariff; gdp; debt; financial; spending; taxpayer"
        ),
        prototypes=(
            "The economy has shrunk and prices have soared.",
            "Rebuilding will cost billions of dollars.",
            "Trade, investment and oil revenue have collapsed.",
            "Businesses have closed and jobs have been lost.",
            "The budget cannot cover the cost of the programme.",
        ),
    ),
    Frame(
        name="Capacity & resources",
        mfc="2 Capacity and resources",
        description=(
            "Whether there are enough people, forces, money, equipment, time or infrastructure to "
            "carry out a plan: shortages, logistics, who has the means to implement it."
        ),
        seeds=_terms(
            "capacity; resources; shortage; shortfall; overstretched; stretched; understaffed; "
            "insufficient; logistics; logistical; manpower; equipment; supplies; personnel; "
            "overwhelmed; scarce"
        ),
        prototypes=(
            "There are not enough personnel or equipment to carry out the task.",
            "They lack the resources and logistics to cover such a large area.",
            "Services are overwhelmed and running short of supplies.",
            "It is unclear whether anyone has the means to implement the plan.",
            "A funding shortfall has left the programme unable to operate.",
        ),
    ),
    Frame(
        name="Morality",
        mfc="3 Morality",
        description=(
            "Ethics, duty, honour, religious or moral obligation: actions judged right or wrong, "
            "shameful or evil; a moral responsibility to act."
        ),
        seeds=_terms(
            "moral; morally; immoral; ethical; shame; shameful; evil; conscience; duty; righteous; "
            "sin; outrage; outrageous; barbaric; disgrace; betrayal; hypocrisy; hypocritical; "
            "condemn; condemnation"
        ),
        prototypes=(
            "It is our moral duty to do what is right.",
            "This is a shameful act that shocks the conscience of humanity.",
            "Such cruelty is evil and can never be justified.",
            "The world has a moral responsibility and cannot look away.",
            "Religious leaders called it a betrayal of shared values.",
        ),
    ),
    Frame(
        name="Fairness & rights",
        mfc="4 Fairness and equality",
        description=(
            "Whether rights, burdens and representation are fairly shared among groups: "
            "discrimination, human rights, exclusion of a party, double standards."
        ),
        seeds=_terms(
            "fair; unfair; fairness; equal; equality; inequality; discrimination; discriminate; "
            "human rights; civil rights; injustice; unjust; exclusion; excluded; double standard; "
            "marginalised; marginalized; persecution; persecuted; minority; minorities"
        ),
        prototypes=(
            "The minority community says it is treated unfairly and denied equal rights.",
            "Critics accuse the government of discriminating against one group.",
            "The group complained it was excluded while its rivals were given a voice.",
            "Human rights groups said the measures deny people their basic rights.",
            "They denounced a double standard in how the two sides are treated.",
        ),
    ),
    Frame(
        name="Legality & international law",
        mfc="5 Legality, constitutionality and jurisprudence",
        description=(
            "Law, legality, legitimacy and jurisdiction: international law, treaties and their "
            "legal force, UN resolutions, sovereignty and territorial integrity, courts, "
            "constitutions, mandates."
        ),
        seeds=_terms(
            "legal; illegal; legally; lawful; unlawful; legality; legitimacy; legitimate; "
            "illegitimate; international law; constitution; constitutional; unconstitutional; "
            "court; judge; ruling; treaty; sovereignty; sovereign; territorial integrity; "
            "jurisdiction; mandate; violation; violate; binding"
        ),
        prototypes=(
            "The move violates international law and the country's sovereignty.",
            "The court ruled that the decision was unconstitutional.",
            "The treaty is legally binding on all signatories.",
            "A Security Council resolution gives the mission its legal mandate.",
            "They questioned the legitimacy of the government.",
        ),
    ),
    Frame(
        name="Policy & evaluation",
        mfc="6 Policy prescription and evaluation",
        description=(
            "What a proposed or agreed plan provides and how it is to be implemented, and "
            "judgements of whether a policy works, makes progress or has failed."
        ),
        seeds=_terms(
            "plan; proposal; policy; measure; implement; implementation; mechanism; provision; "
            "provides for; memorandum; roadmap; framework; initiative; progress; effective; "
            "ineffective; failure; deadline; working group"
        ),
        prototypes=(
            "The plan provides for a phased withdrawal and a monitoring mechanism.",
            "Under the proposal, the measures would take effect next month for an initial period.",
            "Critics say the policy has failed to achieve its goals.",
            "Officials are still working out the details of how the scheme will be implemented.",
            "The initiative has made little progress since it was announced.",
        ),
    ),
    Frame(
        name="Crime & accountability",
        mfc="7 Crime and punishment",
        description=(
            "Crime, law enforcement and punishment: arrests, charges, trials, sentences, war crimes"
            " and accountability for them, impunity."
        ),
        seeds=_terms(
            "crime; criminal; arrest; prosecute; prosecution; prosecutor; trial; convicted; "
            "conviction; sentenced; prison; jail; charged; indicted; indictment; guilty; war "
            "crimes; accountability; accountable; impunity; punish; punishment; investigation; "
            "investigator; smuggling; murder; fraud"
        ),
        prototypes=(
            "Police arrested the suspects and charged them with murder.",
            "The court sentenced him to ten years in prison.",
            "Investigators are gathering evidence of war crimes to hold those responsible "
            "accountable.",
            "Prosecutors say the network laundered money and bribed officials.",
            "Victims demand that the perpetrators be punished.",
        ),
    ),
    Frame(
        name="Security & military",
        mfc="8 Security and defense",
        description=(
            "Threats to security and the use of force against them: fighting, military operations, "
            "troops and weapons, attacks, terrorism, ceasefires, deployments, patrols and "
            "protection."
        ),
        seeds=_terms(
            "military; army; troops; soldier; fighting; fighter; attack; air strike; airstrike; "
            "strike; bombing; bomber; bomb; missile; weapon; offensive; ceasefire; truce; "
            "hostilities; terrorism; terrorist; jihadist; militant; militia; security; defence; "
            "defense; deploy; deployment; patrol; combat; warplane; shelling; battle; insurgency; "
            "checkpoint"
        ),
        prototypes=(
            "Troops launched an offensive backed by air strikes against militant positions.",
            "The army deployed additional forces to secure the border.",
            "Fighters attacked a military checkpoint with rockets and mortars.",
            "The ceasefire requires all sides to halt hostilities and withdraw heavy weapons.",
            "Officials warned of the threat of terrorist attacks and stepped up security.",
        ),
    ),
    Frame(
        name="Humanitarian (health & safety)",
        mfc="9 Health and safety",
        description=(
            "Physical harm to people and its care: deaths, injuries, civilian casualties, disease, "
            "hospitals and medical care, humanitarian aid and access."
        ),
        seeds=_terms(
            "killed; kill; dead; death; died; wounded; injured; injuries; casualties; civilian; "
            "victim; death toll; hospital; medical; doctor; health; disease; humanitarian; aid "
            "agency; relief; starvation; famine; hunger; cholera"
        ),
        prototypes=(
            "Dozens of civilians were killed and many more wounded.",
            "Hospitals are struggling to treat the injured amid shortages of medicine.",
            "Aid agencies are calling for safe access to deliver humanitarian assistance.",
            "The death toll has risen to more than a hundred people.",
            "An outbreak of disease threatens people without clean water.",
        ),
    ),
    Frame(
        name="Quality of life & displacement",
        mfc="10 Quality of life",
        description=(
            "Effects on everyday life: homes, displacement and refugees, return home, food, water, "
            "electricity, schools and services, living conditions."
        ),
        seeds=_terms(
            "displaced; displacement; refugee; homes; homeless; return home; living conditions; "
            "daily life; electricity; water supply; school; shelter; camp; flee; fled; evacuate; "
            "evacuation; livelihood; infrastructure; families; residents"
        ),
        prototypes=(
            "Thousands of families have fled their homes and live in crowded camps.",
            "Residents have gone weeks without electricity, running water or schools.",
            "Displaced people hope to return to their homes once peace returns.",
            "Daily life has become a struggle as prices rise and services collapse.",
            "Rebuilding roads and infrastructure would let communities recover.",
        ),
    ),
    Frame(
        name="Cultural identity",
        mfc="11 Cultural identity",
        description=(
            "Identity, culture, religion, ethnicity, language, history and national character as "
            "they bear on the story; sectarian or ethnic divides; heritage."
        ),
        seeds=_terms(
            "culture; cultural; identity; religion; religious; ethnic; sectarian; sect; shiite; "
            "shia; sunni; alawite; kurdish; christian; muslim; heritage; tradition; traditional; "
            "tribe; tribal; national pride"
        ),
        prototypes=(
            "The conflict has deepened sectarian divisions between religious communities.",
            "Ethnic minorities fear for their language, culture and identity.",
            "The ancient sites are part of the nation's cultural heritage.",
            "Religious leaders called on believers to defend their faith.",
            "The dispute is rooted in centuries of history and national pride.",
        ),
    ),
    Frame(
        name="Public opinion",
        mfc="12 Public opinion",
        description=(
            "What the public thinks and how it reacts: polls, protests and demonstrations, popular "
            "anger or support, reactions on the street and on social media."
        ),
        seeds=_terms(
            "poll; survey; public opinion; protest; protester; demonstration; demonstrator; rally; "
            "popular support; public anger; social media; voters; petition; backlash; crowd"
        ),
        prototypes=(
            "A new poll shows most citizens oppose the plan.",
            "Thousands of protesters took to the streets to demand change.",
            "The decision sparked public anger and a backlash on social media.",
            "People interviewed in the street said they had little faith in their leaders.",
            "Popular support for the government has fallen sharply.",
        ),
    ),
    Frame(
        name="Political",
        mfc="13 Political",
        description=(
            "Political power and manoeuvring: governments, parties, leaders and oppositions, their "
            "stances and strategies, elections, transitions of power, political settlements between"
            " domestic rivals."
        ),
        seeds=_terms(
            "political; politics; politician; election; vote; parliament; parliamentary; lawmaker; "
            "congress; senate; democrat; republican; partisan; campaign; transition; power-sharing;"
            " cabinet; regime"
        ),
        prototypes=(
            "The opposition demands a political transition that ends the president's rule.",
            "The party hopes the move will boost its standing before the election.",
            "Lawmakers are divided along party lines over the bill.",
            "Rival factions are manoeuvring for power in a future government.",
            "Only a political solution can end the crisis, the president said.",
        ),
    ),
    Frame(
        name="Diplomacy & negotiation",
        mfc="14 External regulation and reputation (diplomatic process)",
        description=(
            "The diplomatic process: talks and negotiations, rounds of meetings, envoys, mediators "
            "and delegations, agreements reached, signed or not reached, next steps."
        ),
        seeds=_terms(
            "talks; negotiation; negotiator; negotiate; diplomat; diplomatic; diplomacy; envoy; "
            "delegation; summit; mediator; mediation; agreement; accord; deal; round of talks; "
            "signed; foreign minister"
        ),
        prototypes=(
            "Negotiators from the two countries met for a new round of talks.",
            "The envoy shuttled between the delegations to push the peace process forward.",
            "The foreign ministers signed an agreement at the end of the summit.",
            "The peace talks ended without a deal and will resume next month.",
            "Diplomats said the two governments were close to an accord.",
        ),
    ),
    Frame(
        name="External relations & reputation",
        mfc="14 External regulation and reputation (relations between states)",
        description=(
            "Relations between states and blocs: alliances and rivalries, foreign backing and "
            "involvement, spheres of influence, sanctions, a country's reputation or standing "
            "abroad."
        ),
        seeds=_terms(
            "ally; allies; alliance; rival; rivalry; influence; backer; proxy; proxies; "
            "international community; relations; sanctions; reputation; superpower; world powers; "
            "interference; interfere; isolation"
        ),
        prototypes=(
            "The two countries are rivals competing for influence in the region.",
            "The government warned its neighbour against interfering and threatened sanctions.",
            "The militia is backed by a foreign power that supplies it with arms.",
            "The country's closest ally pledged continued support.",
            "The decision has damaged the nation's reputation and standing abroad.",
        ),
    ),
)


@dataclass(frozen=True)
class FrameSettings:
    """Frame assignment thresholds; the defaults hold for any English news corpus.

    Attributes:
        top_prototypes: A frame's ``similarity`` is the mean cosine of the
            passage with this many of the frame's prototypes, the closest ones.
        floor: Least ``similarity`` for a frame. With all-MiniLM-L6-v2,
            sentences on unrelated subjects score about 0.1 and sentences on a
            shared subject 0.3 or more; 0.2 only asks that the passage touch the
            frame's subject, and keeps short passages with no content ("He left
            the hall.") out of every frame.
        margin: Least ``score`` (contrast plus seed bonus) for a frame. A
            passage's contrasts spread over about -0.1 to 0.15 (5th to 95th
            percentile); on the seven corpora tried, 2 to 5% of (passage,
            frame) contrasts reach 0.16 (10% on a short report of a bombing), so
            the embedding alone assigns a frame only where it clearly stands
            out. Reading the assignments showed that contrasts between 0.12 and
            0.18 without a seed are right only about half of the time.
        seed_weight: Bonus per distinct seed found, in cosine units: one seed
            lowers the contrast needed to 0.09, two to 0.02.
        seed_cap: Most seeds that count, so a passage cannot carry a frame on
            words alone: ``margin - seed_weight * seed_cap`` is above 0.
    """

    top_prototypes: int = 2
    floor: float = 0.2
    margin: float = 0.16
    seed_weight: float = 0.07
    seed_cap: int = 2

    def as_dict(self) -> dict[str, float | int]:
        """The settings as a plain dict (for reports and exports)."""
        return asdict(self)


def frame_table(frames: tuple[Frame, ...] = FRAMES) -> pd.DataFrame:
    """The frame set as a table, for reports and exports.

    Args:
        frames: The frame set.

    Returns:
        One row per frame: ``frame``, ``mfc``, ``description``, ``seeds``
        (joined with ``"; "``) and ``prototypes`` (joined with ``" | "``).
    """
    return pd.DataFrame(
        {
            "frame": [f.name for f in frames],
            "mfc": [f.mfc for f in frames],
            "description": [f.description for f in frames],
            "seeds": ["; ".join(f.seeds) for f in frames],
            "prototypes": [" | ".join(f.prototypes) for f in frames],
        }
    )


@lru_cache(maxsize=4096)
def _seed_pattern(seed: str) -> re.Pattern[str]:
    # Words of a phrase may be joined by spaces or hyphens; the last word may
    # take a plural or verb ending ("strike" finds "strikes", "kill" "killed").
    words = r"[\s-]+".join(re.escape(w) for w in seed.split())
    return re.compile(rf"(?<![\w-]){words}(?:s|es|d|ed|ing)?(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _first_word(seed: str) -> str:
    return seed.split()[0].lower()


def _seed_matches(text: str, seeds: tuple[str, ...]) -> list[tuple[int, int, int]]:
    # Longest matches first; a match inside one already taken does not count.
    text = text.replace("\u2019", "'")
    lowered = text.lower()
    matches = [
        (m.start(), m.end(), rank)
        for rank, seed in enumerate(seeds)
        # A seed's first word is always in the text it matches: skip the regex otherwise.
        if _first_word(seed) in lowered
        for m in _seed_pattern(seed).finditer(text)
    ]
    matches.sort(key=lambda m: (m[0] - m[1], m[2]))
    taken: list[tuple[int, int, int]] = []
    for start, end, rank in matches:
        if not any(s <= start and end <= e for s, e, _ in taken):
            taken.append((start, end, rank))
    return sorted(taken)


def find_seeds(text: str, seeds: tuple[str, ...]) -> list[str]:
    """The seeds that occur in a text.

    Args:
        text: A passage.
        seeds: Lower-case words or phrases.

    Returns:
        The seeds found, in the order given (each once). Matching ignores case,
        needs whole words (``"sect"`` is not found in ``"section"``), lets the
        last word take ``s``, ``es``, ``d``, ``ed`` or ``ing`` and lets a space
        stand for a hyphen (``"air strike"`` finds ``"air-strikes"``). Words
        found by a longer seed do not count again: ``"air strikes"`` counts
        ``"air strike"`` but not also ``"strike"``, and ``"killed"`` counts one
        of ``"kill"`` and ``"killed"``, the one listed first.
    """
    found = {rank for _, _, rank in _seed_matches(text, seeds)}
    return [seeds[rank] for rank in sorted(found)]


def seed_spans(text: str, seeds: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the seeds counted by :func:`find_seeds` occur, to mark them.

    Args:
        text: A passage.
        seeds: Lower-case words or phrases.

    Returns:
        ``(start, end)`` character offsets into ``text``, in text order, not
        overlapping.
    """
    return [(start, end) for start, end, _ in _seed_matches(text, seeds)]


def score_frames(
    passage_vectors: np.ndarray,
    prototype_vectors: np.ndarray,
    prototype_frame: np.ndarray,
    seed_counts: np.ndarray,
    *,
    settings: FrameSettings | None = None,
) -> dict[str, np.ndarray]:
    """Frame scores and assignments from embeddings and seed counts.

    Args:
        passage_vectors: ``(n, d)`` L2-normalised passage embeddings.
        prototype_vectors: ``(m, d)`` L2-normalised prototype embeddings.
        prototype_frame: ``(m,)`` frame index (0 to ``k - 1``) of each
            prototype; every frame needs at least one prototype.
        seed_counts: ``(n, k)`` number of distinct seeds of each frame found
            in each passage.
        settings: Thresholds; defaults when ``None``.

    Returns:
        ``(n, k)`` arrays under ``"similarity"`` (mean cosine with the
        frame's ``top_prototypes`` closest prototypes), ``"prototype"`` (index
        of the closest prototype), ``"contrast"`` (similarity minus the
        passage's median similarity over frames), ``"score"`` (contrast plus
        seed bonus) and ``"assigned"`` (bool).
    """
    settings = settings or FrameSettings()
    n, k = seed_counts.shape
    cosine = passage_vectors @ prototype_vectors.T
    similarity = np.zeros((n, k), dtype=np.float64)
    best = np.zeros((n, k), dtype=np.int64)
    for frame in range(k):
        columns = np.flatnonzero(prototype_frame == frame)
        if columns.size == 0:
            raise ValueError(f"frame {frame} has no prototype")
        order = np.argsort(-cosine[:, columns], axis=1, kind="stable")
        closest = columns[order[:, : settings.top_prototypes]]
        best[:, frame] = closest[:, 0]
        similarity[:, frame] = np.take_along_axis(cosine, closest, axis=1).mean(axis=1)
    contrast = similarity - np.median(similarity, axis=1, keepdims=True)
    bonus = settings.seed_weight * np.minimum(seed_counts, settings.seed_cap)
    score = contrast + bonus
    assigned = (similarity >= settings.floor) & (score >= settings.margin)
    return {
        "similarity": similarity,
        "prototype": best,
        "contrast": contrast,
        "score": score,
        "assigned": assigned,
    }


def assign_frames(
    passages: pd.DataFrame,
    passage_vectors: np.ndarray,
    prototype_vectors: np.ndarray,
    *,
    frames: tuple[Frame, ...] = FRAMES,
    settings: FrameSettings | None = None,
    kinds: tuple[str, ...] = TEXT_KINDS,
) -> pd.DataFrame:
    """Assign frames to passages, given the embeddings of passages and prototypes.

    Args:
        passages: Passage table (``doc_id``, ``passage_id``, ``outlet``,
            ``kind``, ``text``).
        passage_vectors: ``(len(passages), d)`` normalised embeddings, row
            ``i`` for passage row ``i``.
        prototype_vectors: Normalised embeddings of every frame's prototypes,
            frame by frame in the order of ``frames``.
        frames: The frame set.
        settings: Thresholds; defaults when ``None``.
        kinds: Passage kinds that are framed (headlines are left out).

    Returns:
        Assignment table, one row per (passage, frame) assigned, and one row
        with frame ``"Other"`` for a passage no frame fits. Columns:
        ``doc_id``, ``passage_id``, ``outlet``, ``kind``, ``frame``,
        ``score``, ``similarity``, ``contrast``, ``seeds`` (found, joined
        with ``"; "``), ``prototype`` (the closest prototype sentence),
        ``words`` (of the passage) and ``text``. "Other" rows have no score,
        contrast, seeds or prototype; their ``similarity`` is the passage's
        highest over all frames.
    """
    settings = settings or FrameSettings()
    keep = passages["kind"].isin(kinds).to_numpy()
    chosen = passages[keep].reset_index(drop=True)
    vectors = passage_vectors[keep]
    prototypes = [p for f in frames for p in f.prototypes]
    owner = np.repeat(np.arange(len(frames)), [len(f.prototypes) for f in frames])
    found = [[find_seeds(t, f.seeds) for f in frames] for t in chosen["text"]]
    counts = np.array([[len(s) for s in row] for row in found], dtype=np.int64)
    counts = counts.reshape(len(chosen), len(frames))
    result = score_frames(vectors, prototype_vectors, owner, counts, settings=settings)
    rows = []
    for i, passage in enumerate(chosen.itertuples(index=False)):
        base = {
            "doc_id": passage.doc_id,
            "passage_id": passage.passage_id,
            "outlet": passage.outlet,
            "kind": passage.kind,
        }
        words = len(passage.text.split())
        hits = np.flatnonzero(result["assigned"][i])
        for j in hits:
            rows.append(
                base
                | {
                    "frame": frames[j].name,
                    "score": float(result["score"][i, j]),
                    "similarity": float(result["similarity"][i, j]),
                    "contrast": float(result["contrast"][i, j]),
                    "seeds": "; ".join(found[i][j]),
                    "prototype": prototypes[result["prototype"][i, j]],
                    "words": words,
                    "text": passage.text,
                }
            )
        if hits.size == 0:
            rows.append(
                base
                | {
                    "frame": OTHER,
                    "score": float("nan"),
                    "similarity": float(result["similarity"][i].max(initial=0.0)),
                    "contrast": float("nan"),
                    "seeds": "",
                    "prototype": "",
                    "words": words,
                    "text": passage.text,
                }
            )
    table = pd.DataFrame(rows, columns=ASSIGNMENT_COLUMNS)
    return table.round({"score": 4, "similarity": 4, "contrast": 4})


def frame_assignments(
    passages: pd.DataFrame,
    passage_vectors: np.ndarray,
    *,
    model: str = DEFAULT_MODEL,
    cache: EmbeddingCache | None = None,
    frames: tuple[Frame, ...] = FRAMES,
    settings: FrameSettings | None = None,
    kinds: tuple[str, ...] = TEXT_KINDS,
) -> pd.DataFrame:
    """Assign frames to passages, embedding the frame prototypes with ``model``.

    Args:
        passages: Passage table.
        passage_vectors: Its embeddings (``Result.embeddings``), made with
            the same ``model``.
        model: Embedding model name or folder (``Result.model``).
        cache: Embedding cache; the default on-disk cache when ``None``.
        frames: The frame set.
        settings: Thresholds; defaults when ``None``.
        kinds: Passage kinds that are framed.

    Returns:
        The assignment table of :func:`assign_frames`.
    """
    prototypes = [p for f in frames for p in f.prototypes]
    vectors = embed(prototypes, model=model, cache=cache)
    return assign_frames(
        passages, passage_vectors, vectors, frames=frames, settings=settings, kinds=kinds
    )


def frame_profile(
    assignments: pd.DataFrame,
    passages: pd.DataFrame,
    *,
    frames: tuple[Frame, ...] = FRAMES,
    kinds: tuple[str, ...] = TEXT_KINDS,
) -> pd.DataFrame:
    """Share of each outlet's passages and words in each frame.

    Args:
        assignments: Assignment table from :func:`assign_frames`.
        passages: Passage table (the denominators: every passage of ``kinds``).
        frames: The frame set (gives the row order).
        kinds: Passage kinds that were framed.

    Returns:
        Profile table, one row per (outlet, frame) including "Other", outlets
        in corpus order: ``outlet``, ``frame``, ``passages`` (in the frame),
        ``passage_share`` (of the outlet's passages, 0 to 1), ``words`` (of
        those passages) and ``word_share`` (of the outlet's words). A passage
        may have several frames, so an outlet's shares add up to 1 or more.
    """
    framed = passages[passages["kind"].isin(kinds)]
    outlets = list(dict.fromkeys(framed["outlet"]))
    names = [f.name for f in frames] + [OTHER]
    total_passages = framed.groupby("outlet").size()
    total_words = framed["text"].str.split().str.len().groupby(framed["outlet"]).sum()
    unique = assignments.drop_duplicates(["doc_id", "passage_id", "frame"])
    counts = unique.groupby(["outlet", "frame"]).size()
    words = unique.groupby(["outlet", "frame"])["words"].sum()
    rows = []
    for outlet in outlets:
        for name in names:
            n = int(counts.get((outlet, name), 0))
            w = int(words.get((outlet, name), 0))
            rows.append(
                {
                    "outlet": outlet,
                    "frame": name,
                    "passages": n,
                    "passage_share": n / total_passages[outlet],
                    "words": w,
                    "word_share": w / total_words[outlet] if total_words[outlet] else 0.0,
                }
            )
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS).round({"passage_share": 4, "word_share": 4})


def frame_examples(
    assignments: pd.DataFrame,
    *,
    per_outlet: int = 2,
    frames: tuple[Frame, ...] = FRAMES,
    include_other: bool = False,
) -> pd.DataFrame:
    """The strongest passages of each frame for each outlet: the evidence.

    Args:
        assignments: Assignment table from :func:`assign_frames`.
        per_outlet: Passages kept per (frame, outlet).
        frames: The frame set (gives the order of frames).
        include_other: Also list passages with no frame (after the frames, in
            article order).

    Returns:
        Assignment rows with a ``rank`` column (1 = strongest) added, ordered
        by frame, outlet (in order of appearance) and decreasing ``score``.
    """
    kept = assignments if include_other else assignments[assignments["frame"] != OTHER]
    frame_rank = {f.name: i for i, f in enumerate(frames)} | {OTHER: len(frames)}
    outlet_rank = {o: i for i, o in enumerate(dict.fromkeys(assignments["outlet"]))}
    ordered = kept.assign(
        _frame=kept["frame"].map(frame_rank), _outlet=kept["outlet"].map(outlet_rank)
    ).sort_values(
        ["_frame", "_outlet", "score", "doc_id", "passage_id"],
        ascending=[True, True, False, True, True],
        na_position="last",
    )
    top = ordered.groupby(["_frame", "_outlet"], sort=False).head(per_outlet)
    top = top.assign(rank=top.groupby(["_frame", "_outlet"], sort=False).cumcount() + 1)
    return top.drop(columns=["_frame", "_outlet"]).reset_index(drop=True)
