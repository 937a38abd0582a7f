"""Names shared by the stages: relations, passage kinds, passage references.

One place for the ideas several modules use, so that "the relations that mean
*same fact*" or "the kinds of passage" are declared once and read everywhere.
"""

from __future__ import annotations

from typing import NamedTuple

#: Relations of an aligned pair, strongest first (see ``alignment.relation_of``).
REUSE = "reuse"
PARAPHRASE = "paraphrase"
RELATED = "related"
RELATIONS = (REUSE, PARAPHRASE, RELATED)

#: Relations that mean "the two passages report the same fact".
SAME_FACT = (REUSE, PARAPHRASE)

#: Kinds of passage, in reading order.
HEADLINE = "headline"
STANDFIRST = "standfirst"
BODY = "body"
PASSAGE_KINDS = (HEADLINE, STANDFIRST, BODY)

#: Kinds whose words count as an article's content (headlines are compared apart).
TEXT_KINDS = (STANDFIRST, BODY)


class PassageRef(NamedTuple):
    """One passage of one article, as analyses pass it around.

    Attributes:
        doc_id: The article.
        passage_id: 0-based index of the passage in its article.
        outlet: The outlet's display label.
        text: The passage.
    """

    doc_id: str
    passage_id: int
    outlet: str
    text: str
