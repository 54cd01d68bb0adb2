"""Every namespace and term the graph uses, defined once.

Our own terms (KG) are declared in ontology/kg.ttl; tests/test_ontology.py checks that each
term used here is declared there, with an Indonesian and an English label.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

# Placeholder base for IRIs minted by kg; example.org is reserved for exactly this use.
BASE = "https://kg-pilkada.example.org/"
KG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
SCHEMA = Namespace("https://schema.org/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")
TIME = Namespace("http://www.w3.org/2006/time#")

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "id": str(ID),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
    "owl": str(OWL),
    "dcterms": str(DCTERMS),
    "wd": str(WD),
    "wdt": str(WDT),
    "time": str(TIME),
}

# Graph that holds entity descriptions (types, names, labels, a post's region) once.
ENTITIES_GRAPH = ID["graph/entities"]
# Graph that lists the article graphs of a bulk load in progress (empty between builds).
PENDING_GRAPH = ID["graph/pending"]

# --- our classes ---------------------------------------------------------------------------
Holding = KG.Holding  # qualified "person holds post" node (dates, evidence)
Directive = KG.Directive  # an instruction / appeal by an official
Election = KG.Election
Candidacy = KG.Candidacy
ElectionDateClaim = KG.ElectionDateClaim  # an article's claim that an election is on a date
Province = KG.Province
Regency = KG.Regency  # kabupaten
City = KG.City  # kota
Audience = KG.Audience  # addressee group: ASN, camat, lurah ...
Topic = KG.Topic
CandidacyStatus = KG.CandidacyStatus

# --- our properties ------------------------------------------------------------------------
articleId = KG.articleId
sourcePath = KG.sourcePath
holder = KG.holder
post = KG.post
current = KG.current
title = KG.title  # full office title without region: "Penjabat Bupati"
qualifier = KG.qualifier  # "Penjabat", "Pelaksana Tugas", "Wakil" ...
unit = KG.unit  # the unit a post heads: "Dinas Kehutanan"
jurisdiction = KG.jurisdiction
regionCode = KG.regionCode
electionKind = KG.electionKind
election = KG.election
candidate = KG.candidate
status = KG.status
date = KG.date
directiveKind = KG.directiveKind
sentence = KG.sentence
startOffset = KG.startOffset
endOffset = KG.endOffset
extractor = KG.extractor
confidence = KG.confidence
contentHash = KG.contentHash
loadPending = KG.loadPending  # an article graph being bulk-loaded (see kg.graph.store)
publishedSource = KG.publishedSource
dateline = KG.dateline
publishedConfidence = KG.publishedConfidence  # how sure the publication date is
attestedOn = KG.attestedOn  # the date of the article that attests a holding
tenureCue = KG.tenureCue  # the words that dated a tenure bound: "dilantik", "sejak ..."

__all__ = [
    "BASE",
    "DCTERMS",
    "FOAF",
    "ID",
    "KG",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "WD",
    "WDT",
    "XSD",
]
