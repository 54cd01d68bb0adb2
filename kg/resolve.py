"""One IRI per real thing, minted deterministically from what identifies it.

Within an article, kg.extract.context already joined "H Imam Senen" and "Imam". Across
articles a person is identified by their full name without honorifics: the same name in two
articles is one node; "Imam" alone in another article stays apart from "Imam Senen" (a first
name is not enough evidence). Places by Kemendagri code, posts by title and region, elections
by kind, region and year. The same input always gives the same IRI, so rebuilding changes
nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from kg.graph.vocab import ID
from kg.model import Election, Office, Person, Place

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_IRI_SAFE_ID = re.compile(r"[A-Za-z0-9._-]+")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by "-": "Wali Kota Medan" -> "wali-kota-medan"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_SLUG.sub("-", ascii_text.lower()).strip("-") or "x"


def person_key(name: str) -> str:
    """What two person names must share to be the same person: the name's words, case and
    spacing ignored."""
    return slug(name)


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{slug_id(article_id)}"]


def article_graph(article_id: str) -> URIRef:
    return ID[f"graph/article/{slug_id(article_id)}"]


def slug_id(article_id: str) -> str:
    """Article ids are kept as they are when IRI-safe, else slugged with a short hash."""
    if _IRI_SAFE_ID.fullmatch(article_id):
        return article_id
    digest = hashlib.sha1(article_id.encode()).hexdigest()[:8]
    return f"{slug(article_id)}-{digest}"


def person_iri(person: Person) -> URIRef:
    return ID[f"person/{person_key(person.name)}"]


def place_iri(place: Place) -> URIRef:
    return ID[f"place/{place.code}"]


def role_iri(role: str) -> URIRef:
    return ID[f"role/{slug(role)}"]


def post_iri(office: Office) -> URIRef:
    base = f"post/{slug(office.title)}"
    return ID[f"{base}/{office.jurisdiction.code}" if office.jurisdiction else base]


def post_label(office: Office) -> str:
    if office.jurisdiction is None:
        return office.title
    # "Penjabat Wali Kota Prabumulih", not "... Wali Kota Kota Prabumulih": the title names the type
    if office.role in ("Bupati", "Wali Kota", "Gubernur"):
        return f"{office.title} {office.jurisdiction.name}"
    return f"{office.title} {office.jurisdiction.label}"


def election_iri(election: Election) -> URIRef:
    parts = [slug(election.kind)]
    if election.jurisdiction:
        parts.append(election.jurisdiction.code)
    if election.year:
        parts.append(str(election.year))
    return ID["election/" + "/".join(parts)]


def serentak_iri(year: int) -> URIRef:
    return ID[f"election/pilkada-serentak/{year}"]


def audience_iri(label: str) -> URIRef:
    return ID[f"audience/{slug(label)}"]


def topic_iri(label: str) -> URIRef:
    return ID[f"topic/{slug(label)}"]


def outlet_iri(name: str) -> URIRef:
    return ID[f"outlet/{slug(name)}"]


def fact_iri(article_id: str, relation: str, key: str) -> URIRef:
    return URIRef(fact_base(article_id) + fact_name(relation, key))


def fact_base(article_id: str) -> str:
    """What the IRIs of an article's facts start with (the mapping makes it once an article)."""
    return f"{ID}fact/{slug_id(article_id)}/"


def fact_name(relation: str, key: str) -> str:
    """A fact's IRI after `fact_base`: the relation and a digest of what makes it this fact."""
    return f"{relation}-{hashlib.sha1(key.encode()).hexdigest()[:12]}"
