"""Materialise development corpora from the third-party data in ``../shared/external``.

Each chosen item becomes a corpus folder that ``narrative`` can read: one UTF-8
``.txt`` file per article plus a ``manifest.csv``. Two sources are supported:

* BASIL (Fan et al., EMNLP 2019): one event ("triplet") told by Fox News, The New
  York Times and HuffPost. Folder ``basil-<first 8 chars of the triplet uuid>``.
* FA-KES (Salem et al., ICWSM 2019): articles on the Syrian war, grouped by
  (date, location) into candidate same-event sets. Folder
  ``fakes-<YYYY-MM-DD>-<location slug>``.
* NewsWCL50 (Hamborg et al., JCDL 2019), with ``--newswcl50``: ten events of April
  2018, each told by HuffPost, The New York Times, USA Today, Fox News and
  Breitbart; one corpus of 50 articles whose manifest names each article's event.
  The texts come tokenised (the CoNLL file of the Diverse_CDCR datasets) and are
  put back together: spaces before punctuation and inside brackets and quotes
  removed, hyphenated words rejoined, the dataset's line-break tokens as paragraph
  breaks. No title is given; the first paragraph is mostly the headline, but
  some articles open with the dateline. Folder ``newswcl50``; with
  ``--newswcl50-event N``, one event's five articles alone in ``newswcl50-event-N``.
* ECB+ (Cybulska and Vossen, LREC 2014), with ``--ecbplus``: topics 1-22, 462
  articles on 40 events (two look-alike events per topic), rebuilt from the tokens
  one sentence per paragraph. The ECB+ articles (``*ecbplus``) open with their page
  address, which names the outlet (the site, ``latimes.com``), then the headline and
  often a date line; the original ECB articles carry neither, so each is its own
  outlet (``ecb-<doc>``). The manifest names no event and no date (the grouping is
  what is tested); the true events are in ``events-truth.csv`` beside it (``doc_id``,
  ``event``: ``<topic>-ecb`` or ``<topic>-ecbplus``). Folder ``ecbplus``; with
  ``--ecbplus-event 1-ecbplus``, one event's articles alone in ``ecbplus-1-ecbplus``.

The article texts are copyrighted or licence-restricted, so the output goes to a
git-ignored cache folder (default ``<repo>/.cache/dev-corpora``) and is never
committed. The hand-labelled gold files in ``data/gold/`` refer to these folders.

Usage::

    python scripts/make_dev_corpora.py
    python scripts/make_dev_corpora.py --basil-triplet <uuid> --fakes-group "7/5/2016|hasakeh"
    python scripts/make_dev_corpora.py --newswcl50 [--newswcl50-event 5]
    python scripts/make_dev_corpora.py --ecbplus [--ecbplus-event 1-ecbplus]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from narrative.readers import folder as folder_reader

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EXTERNAL = REPO.parent / "shared" / "external"
DEFAULT_OUT = REPO / ".cache" / "dev-corpora"


@dataclass(frozen=True)
class FakesGroup:
    """A FA-KES (date, location) group and the articles chosen from it.

    Attributes:
        date: Date as written in the CSV (``M/D/YYYY``) or as ``YYYY-MM-DD``.
        location: Location as written in the CSV (matched case-insensitively).
        unit_ids: The articles to keep; empty means one article per source
            (the lowest ``unit_id`` of each).
    """

    date: str
    location: str
    unit_ids: tuple[str, ...] = ()


# The items behind the hand-labelled gold files in data/gold/.
# BASIL eb17fa36: Rep. Duncan Hunter and his wife indicted over campaign funds (2018-08-21).
BASIL_TRIPLETS: tuple[str, ...] = ("eb17fa36-89f2-4d0b-8133-7bb4682228e1",)
# FA-KES 7/5/2016 hasakeh: motorcycle suicide bombing outside a bakery in Hasakeh, 16 killed.
# The group holds a fifth row (dailysabah 1924058175) that duplicates 1918398793 word for word.
FAKES_GROUPS: tuple[FakesGroup, ...] = (
    FakesGroup(
        date="7/5/2016",
        location="hasakeh",
        unit_ids=("1914947536", "1918398793", "1923102821", "1923848176"),
    ),
)

#: The reader's manifest columns, in its order; these corpora have no standfirst.
MANIFEST_COLUMNS = tuple(
    c
    for c in (*folder_reader.REQUIRED_COLUMNS, *folder_reader.OPTIONAL_COLUMNS)
    if c != "standfirst"
)
BASIL_OUTLETS: dict[str, tuple[str, str]] = {
    "fox": ("Fox News", "Fox News"),
    "nyt": ("The New York Times", "NYT"),
    "hpo": ("HuffPost", "HuffPost"),
}
FAKES_OUTLETS: dict[str, tuple[str, str]] = {
    "ahram": ("Ahram Online", "Ahram"),
    "alalam": ("Al-Alam", "Al-Alam"),
    "alaraby": ("The New Arab (Al-Araby Al-Jadeed)", "Al-Araby"),
    "arabiya": ("Al Arabiya", "Al Arabiya"),
    "asharqalawsat": ("Asharq Al-Awsat", "Asharq Al-Awsat"),
    "dailysabah": ("Daily Sabah", "Daily Sabah"),
    "etilaf": ("Syrian Coalition (Etilaf)", "Etilaf"),
    "jordantimes": ("The Jordan Times", "Jordan Times"),
    "manar": ("Al-Manar", "Al-Manar"),
    "nna": ("National News Agency (Lebanon)", "NNA"),
    "reuters": ("Reuters", "Reuters"),
    "sana": ("SANA", "SANA"),
    "sputnik": ("Sputnik", "Sputnik"),
    "tass": ("TASS", "TASS"),
    "trt": ("TRT World", "TRT"),
}
NEWSWCL50_OUTLETS: dict[str, tuple[str, str]] = {
    "LL": ("HuffPost", "HuffPost"),
    "L": ("The New York Times", "NYT"),
    "M": ("USA Today", "USA Today"),
    "R": ("Fox News", "Fox News"),
    "RR": ("Breitbart", "Breitbart"),
}


class DevCorpusError(Exception):
    """A problem worth a one-line message to the user, not a traceback."""


@dataclass
class Article:
    """One article ready to be written to a corpus folder.

    Attributes:
        doc_id: Unique id within the corpus.
        file: File name inside the corpus folder.
        outlet: Publisher's full name.
        label: Short display name.
        published: Publication date, ``YYYY-MM-DD``.
        title: Headline.
        url: Original address, when known.
        text: The file content.
        event: The news event, in a corpus of several.
    """

    doc_id: str
    file: str
    outlet: str
    label: str
    published: str
    title: str
    url: str
    text: str
    event: str = ""


def slugify(value: str) -> str:
    """Turn a free-text value into a lower-case, hyphen-separated slug.

    Args:
        value: Any text, e.g. ``"Deir Ezzor"``.

    Returns:
        The slug, e.g. ``"deir-ezzor"``.
    """
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def parse_date(value: str) -> str:
    """Normalise a ``M/D/YYYY`` or ``YYYY-MM-DD`` date to ``YYYY-MM-DD``.

    Args:
        value: The date as written.

    Returns:
        The ISO date.

    Raises:
        DevCorpusError: When the value is neither format.
    """
    value = value.strip()
    for fmt in ("%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    raise DevCorpusError(f"date {value!r} is neither M/D/YYYY nor YYYY-MM-DD")


def basil_text(record: dict) -> str:
    """Render a BASIL article: title, blank line, then one paragraph per block.

    Args:
        record: The parsed article JSON.

    Returns:
        The text, ending with a newline.
    """
    paragraphs = []
    for paragraph in record.get("body-paragraphs", []):
        sentences = [s.strip() for s in paragraph if s and s.strip()]
        if sentences:
            paragraphs.append(" ".join(sentences))
    title = (record.get("title") or "").strip()
    return "\n\n".join([title, *paragraphs]) + "\n"


def load_basil(external: Path, triplet: str) -> tuple[str, list[Article]]:
    """Read the three articles of a BASIL triplet.

    Args:
        external: The ``shared/external`` folder.
        triplet: Full triplet uuid (a unique prefix of at least 8 characters also works).

    Returns:
        The corpus folder name and the articles in fox, nyt, hpo order.

    Raises:
        DevCorpusError: When the triplet cannot be found or is ambiguous.
    """
    triplet = triplet.strip().lower()
    if len(triplet) < 8:
        raise DevCorpusError(f"BASIL triplet {triplet!r}: give at least 8 characters of the uuid")
    root = external / "basil" / "articles"
    if not root.is_dir():
        raise DevCorpusError(f"BASIL articles folder not found: {root}")
    paths = sorted(root.glob(f"*/{triplet}*.json"))
    uuids = {p.name.rsplit("_", 1)[0] for p in paths}
    if not paths:
        raise DevCorpusError(f"BASIL triplet {triplet!r} not found under {root}")
    if len(uuids) > 1:
        raise DevCorpusError(f"BASIL triplet prefix {triplet!r} is ambiguous: {sorted(uuids)}")
    articles = []
    for path in paths:
        record = json.loads(path.read_text(encoding="utf-8"))
        source = str(record.get("source", "")).strip().lower()
        outlet, label = BASIL_OUTLETS.get(source, (source, source))
        published = parse_date(str(record.get("date", "")))
        articles.append(
            Article(
                doc_id=source,
                file=f"{source}-{published}.txt",
                outlet=outlet,
                label=label,
                published=published,
                title=(record.get("title") or "").strip(),
                url=(record.get("url") or "").strip(),
                text=basil_text(record),
            )
        )
    order = list(BASIL_OUTLETS)
    articles.sort(key=lambda a: order.index(a.doc_id) if a.doc_id in order else len(order))
    if len({a.doc_id for a in articles}) != len(articles):
        raise DevCorpusError(f"BASIL triplet {triplet!r}: two articles share one source")
    return f"basil-{next(iter(uuids))[:8]}", articles


def read_fakes(external: Path) -> list[dict[str, str]]:
    """Read the FA-KES CSV.

    Args:
        external: The ``shared/external`` folder.

    Returns:
        One dict per row.

    Raises:
        DevCorpusError: When the CSV is missing.
    """
    path = external / "fakes" / "FA-KES-Dataset.csv"
    if not path.is_file():
        raise DevCorpusError(f"FA-KES file not found: {path}")
    with path.open(newline="", encoding="latin-1") as handle:
        return list(csv.DictReader(handle))


def load_fakes(rows: list[dict[str, str]], group: FakesGroup) -> tuple[str, list[Article]]:
    """Select the articles of a FA-KES (date, location) group.

    Args:
        rows: All FA-KES rows.
        group: The group and, optionally, the unit ids to keep.

    Returns:
        The corpus folder name and the articles, ordered by unit id.

    Raises:
        DevCorpusError: When the group is empty or a unit id is not in it.
    """
    date = parse_date(group.date)
    location = group.location.strip().lower()
    members = [
        r
        for r in rows
        if r["location"].strip().lower() == location and parse_date(r["date"]) == date
    ]
    if not members:
        raise DevCorpusError(f"FA-KES group {date}|{location}: no article with that date and place")
    members.sort(key=lambda r: int(r["unit_id"]))
    if group.unit_ids:
        by_id = {r["unit_id"]: r for r in members}
        missing = [u for u in group.unit_ids if u not in by_id]
        if missing:
            raise DevCorpusError(
                f"FA-KES group {date}|{location}: unit id(s) {', '.join(missing)} not in the group"
            )
        chosen = [by_id[u] for u in group.unit_ids]
    else:
        seen: set[str] = set()
        chosen = []
        for row in members:
            source = row["source"].strip().lower()
            if source not in seen:
                seen.add(source)
                chosen.append(row)
    articles = []
    for row in sorted(chosen, key=lambda r: int(r["unit_id"])):
        source = row["source"].strip().lower()
        outlet, label = FAKES_OUTLETS.get(source, (source, source))
        title = row["article_title"].strip()
        doc_id = f"{source}-{row['unit_id']}"
        articles.append(
            Article(
                doc_id=doc_id,
                file=f"{doc_id}.txt",
                outlet=outlet,
                label=label,
                published=date,
                title=title,
                url="",
                text=f"{title}\n\n{row['article_content'].strip()}\n",
            )
        )
    return f"fakes-{date}-{slugify(location)}", articles


_SPACE_BEFORE = re.compile(
    r" ([,.;:!?%)\]}\u201d\u2019]|n['\u2019]t\b|['\u2019](?:s|re|ve|ll|d|m)\b)"
)
_SPACE_AFTER = re.compile(r"([(\[{$\u201c\u2018]) ")
_HYPHEN = re.compile(r"(\w) - (?=\w)")
_STRAIGHT_QUOTES = re.compile(r'" ([^"]*?) "')


def detokenise(tokens: list[str]) -> str:
    """Put tokenised text back into running text (English punctuation rules).

    Straight single quotes keep their spaces: a quotation mark cannot be told from
    the apostrophe of a plural possessive (``memos ' clearly '``, ``the Hunters ' lawyer``).

    Args:
        tokens: The tokens, in order.

    Returns:
        The text, e.g. ``Mr. Kim's "extremely high levels," he said`` from its tokens.
    """
    text = " ".join(t.strip() for t in tokens if t.strip())
    text = _STRAIGHT_QUOTES.sub(r'"\1"', text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    return _HYPHEN.sub(r"\1-", text)


def load_newswcl50(external: Path) -> tuple[str, list[Article]]:
    """Rebuild the 50 NewsWCL50 articles from the tokenised CoNLL file.

    Args:
        external: The ``shared/external`` folder.

    Returns:
        The corpus folder name and the articles, event by event.

    Raises:
        DevCorpusError: When the CoNLL file is missing or names an unknown outlet.
    """
    root = external / "newswcl50"
    conll = root / "cdcr_conll" / "NewsWCL50.conll"
    if not conll.is_file():
        raise DevCorpusError(f"NewsWCL50 CoNLL file not found: {conll}")
    tokens: dict[str, list[tuple[int, str]]] = {}  # document -> (sentence, token)
    for line in conll.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 4:
            continue
        tokens.setdefault(fields[0], []).append((int(fields[1]), fields[3]))
    urls: dict[tuple[str, str], str] = {}
    url_file = root / "original" / "urls.tsv"
    if url_file.is_file():
        with url_file.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                urls[(row["Event ID"].strip(), row["Outlet"].strip())] = row["URL"].strip()
    articles = []
    for name, stream in tokens.items():
        event, _, doc_id = name.partition("/-/")
        code = doc_id.split("_", 1)[-1]
        if code not in NEWSWCL50_OUTLETS:
            raise DevCorpusError(f"NewsWCL50 document {name!r}: unknown outlet code {code!r}")
        # The dataset marks line breaks with a "\n" token; quotes can span sentences, so
        # each paragraph is put back together whole.
        paragraphs: list[list[str]] = [[]]
        for _, token in stream:
            if token.strip() in ("\\n", "\\n\\n"):
                paragraphs.append([])
            elif token.strip():
                paragraphs[-1].append(token)
        text = "\n\n".join(detokenise(p) for p in paragraphs if p) + "\n"
        url = urls.get((event, code), "")
        dated = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", url)
        outlet, label = NEWSWCL50_OUTLETS[code]
        articles.append(
            Article(
                doc_id=doc_id,
                file=f"{doc_id}.txt",
                outlet=outlet,
                label=label,
                published="-".join(dated.groups()) if dated else "",
                title="",
                url=url,
                text=text,
                event=f"event-{event}",
            )
        )
    if not articles:
        raise DevCorpusError(f"NewsWCL50 CoNLL file has no tokens: {conll}")
    order = list(NEWSWCL50_OUTLETS)
    articles.sort(key=lambda a: (int(a.event.split("-")[1]), order.index(a.doc_id.split("_")[1])))
    return "newswcl50", articles


# Hosts whose sub-domains are separate publishers (one blog each).
_HOSTED = frozenset({"blogspot", "wordpress", "typepad", "tumblr", "livejournal"})


def _site(url: str) -> str:
    """Return the site an address belongs to: ``articles.latimes.com`` -> ``latimes.com``.

    Args:
        url: A page address.

    Returns:
        The host's last two labels (three under a two-letter country code with a
        short second-level label, ``bbc.co.uk``, or on a blog host,
        ``x.blogspot.nl``), or ``""`` when there is no host.
    """
    host = urlsplit(url).hostname or ""
    labels = host.removeprefix("www.").split(".")
    country = len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3
    keep = 3 if country or (len(labels) >= 3 and labels[-2] in _HOSTED) else 2
    return ".".join(labels[-keep:]) if host else ""


def load_ecbplus(external: Path) -> tuple[str, list[Article]]:
    """Rebuild the ECB+ articles of topics 1-22 from their tokens.

    Args:
        external: The ``shared/external`` folder.

    Returns:
        The corpus folder name and the articles, topic by topic; each article's
        ``event`` is its true event (``<topic>-ecb`` or ``<topic>-ecbplus``), which
        the manifest leaves out.

    Raises:
        DevCorpusError: When the XML folder is missing or holds no article.
    """
    root = external / "ecbplus" / "xml"
    if not root.is_dir():
        raise DevCorpusError(f"ECB+ XML folder not found: {root}")
    articles = []
    for path in sorted(root.glob("*/*.xml"), key=_ecb_order):
        sentences: dict[int, list[str]] = {}
        for token in ElementTree.parse(path).getroot().iter("token"):
            sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
        lines = [detokenise(tokens) for _, tokens in sorted(sentences.items())]
        doc_id = path.stem
        topic, _, rest = doc_id.partition("_")
        plus = rest.endswith("ecbplus")
        url = title = ""
        if plus and lines:
            url = "".join(sentences[min(sentences)])
            lines = lines[1:]
            title = lines[0] if lines else ""
        site = _site(url)
        outlet = site or f"ecb-{doc_id}"
        articles.append(
            Article(
                doc_id=doc_id,
                file=f"{doc_id}.txt",
                outlet=outlet,
                label=outlet,
                published="",
                title=title,
                url=url,
                text="\n\n".join(line for line in lines if line) + "\n",
                event=f"{topic}-{'ecbplus' if plus else 'ecb'}",
            )
        )
    if not articles:
        raise DevCorpusError(f"ECB+ XML folder holds no article: {root}")
    return "ecbplus", articles


def _ecb_order(path: Path) -> tuple[int, int, int]:
    """Sort key of an ECB+ file: topic, then ECB before ECB+, then article number."""
    topic, _, rest = path.stem.partition("_")
    number = re.match(r"\d+", rest)
    return int(topic), int(rest.endswith("ecbplus")), int(number.group()) if number else 0


def write_event_truth(folder: Path, articles: list[Article]) -> None:
    """Write ``events-truth.csv`` (``doc_id``, ``event``) beside a corpus without events.

    Args:
        folder: The corpus folder.
        articles: Its articles, each with its true event.
    """
    with (folder / "events-truth.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["doc_id", "event"])
        writer.writerows([a.doc_id, a.event] for a in articles)


def write_corpus(folder: Path, articles: list[Article]) -> None:
    """Write the article files and ``manifest.csv`` into a corpus folder.

    Args:
        folder: The corpus folder (created when absent; files are overwritten).
        articles: The articles to write.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (folder / article.file).write_text(article.text, encoding="utf-8", newline="\n")
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for a in articles:
            writer.writerow(
                {
                    "doc_id": a.doc_id,
                    "file": a.file,
                    "outlet": a.outlet,
                    "label": a.label,
                    "origin": "",
                    "published": a.published,
                    "title": a.title,
                    "url": a.url,
                    "language": "en",
                    "event": a.event,
                }
            )


def parse_group(value: str) -> FakesGroup:
    """Parse a ``--fakes-group`` value ``"DATE|LOCATION"``.

    Args:
        value: For example ``"7/5/2016|hasakeh"`` or ``"2016-07-05|hasakeh"``.

    Returns:
        The group, with one article per source.

    Raises:
        argparse.ArgumentTypeError: When the value has no ``|`` separator.
    """
    date, sep, location = value.partition("|")
    if not sep or not date.strip() or not location.strip():
        raise argparse.ArgumentTypeError(f"expected DATE|LOCATION, got {value!r}")
    return FakesGroup(date=date.strip(), location=location.strip())


def build_parser() -> argparse.ArgumentParser:
    """Build the command-line parser.

    Returns:
        The parser.
    """
    parser = argparse.ArgumentParser(
        description="Write dev corpus folders (articles + manifest.csv) from ../shared/external.",
    )
    parser.add_argument(
        "--external",
        type=Path,
        default=DEFAULT_EXTERNAL,
        help=f"third-party data folder (default: {DEFAULT_EXTERNAL})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"where the corpus folders go (default: {DEFAULT_OUT})",
    )
    parser.add_argument(
        "--basil-triplet",
        action="append",
        default=[],
        metavar="UUID",
        help="add a BASIL triplet (repeatable)",
    )
    parser.add_argument(
        "--fakes-group",
        action="append",
        default=[],
        type=parse_group,
        metavar="DATE|LOCATION",
        help="add a FA-KES (date, location) group, one article per source (repeatable)",
    )
    parser.add_argument(
        "--newswcl50",
        action="store_true",
        help="also write NewsWCL50's 50 articles (10 events x 5 outlets) as one corpus",
    )
    parser.add_argument(
        "--newswcl50-event",
        action="append",
        default=[],
        type=int,
        metavar="N",
        help="also write NewsWCL50 event N (0-9) alone as a corpus (repeatable)",
    )
    parser.add_argument(
        "--ecbplus",
        action="store_true",
        help="also write ECB+ topics 1-22 (462 articles, 40 events) as one corpus without events",
    )
    parser.add_argument(
        "--ecbplus-event",
        action="append",
        default=[],
        metavar="T-ecb|T-ecbplus",
        help="also write one ECB+ event alone as a corpus, e.g. 1-ecbplus (repeatable)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Materialise the chosen corpora.

    Args:
        argv: Command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 on success, 1 on a reported error.
    """
    args = build_parser().parse_args(argv)
    external: Path = args.external
    if not external.is_dir():
        print(
            f"make_dev_corpora: external data folder not found: {external} "
            "(these corpora need ../shared/external; nothing written)",
            file=sys.stderr,
        )
        return 1
    triplets = list(dict.fromkeys([*BASIL_TRIPLETS, *args.basil_triplet]))
    groups = list(dict.fromkeys([*FAKES_GROUPS, *args.fakes_group]))
    try:
        corpora = [load_basil(external, t) for t in triplets]
        if groups:
            rows = read_fakes(external)
            corpora += [load_fakes(rows, g) for g in groups]
        if args.newswcl50 or args.newswcl50_event:
            name, articles = load_newswcl50(external)
            if args.newswcl50:
                corpora.append((name, articles))
            for event in dict.fromkeys(args.newswcl50_event):
                chosen = [a for a in articles if a.event == f"event-{event}"]
                if not chosen:
                    raise DevCorpusError(f"NewsWCL50 has no event {event} (events are 0 to 9)")
                corpora.append((f"{name}-event-{event}", chosen))
        truth: set[str] = set()
        if args.ecbplus or args.ecbplus_event:
            name, articles = load_ecbplus(external)
            if args.ecbplus:
                corpora.append((name, articles))
                truth.add(name)
            for event in dict.fromkeys(args.ecbplus_event):
                chosen = [a for a in articles if a.event == event]
                if not chosen:
                    raise DevCorpusError(f"ECB+ has no event {event!r} (e.g. 1-ecb, 1-ecbplus)")
                corpora.append((f"{name}-{event}", chosen))
                truth.add(f"{name}-{event}")
        corpora_by_name = dict(corpora)
        written: set[str] = set()
        for name, articles in corpora:
            if name in written:
                print(f"{args.out / name}: already written above; repeated item skipped")
                continue
            written.add(name)
            if name in truth:
                # The grouping is what is tested: events go beside the manifest, not in it.
                articles = [replace(a, event="") for a in articles]
                write_corpus(args.out / name, articles)
                write_event_truth(args.out / name, [a for a in corpora_by_name[name]])
            else:
                write_corpus(args.out / name, articles)
            outlets = ", ".join(a.doc_id for a in articles)
            print(f"{args.out / name}: {len(articles)} articles ({outlets})")
    except KeyError as error:
        print(f"make_dev_corpora: input record lacks the field {error}", file=sys.stderr)
        return 1
    except (DevCorpusError, OSError, ValueError) as error:
        print(f"make_dev_corpora: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
