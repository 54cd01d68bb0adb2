"""The ontology declares every term the code uses; SHACL catches broken data."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib
from rdflib import Literal, URIRef

from kg.build import build
from kg.graph import vocab as v
from kg.resources import ontology_dir, samples_dir
from kg.validate import validate_graph, validate_store

ONTOLOGY = rdflib.Graph().parse(ontology_dir() / "kg.ttl")


def test_every_kg_term_is_declared_with_indonesian_and_english_labels():
    terms = {t for t in vars(v).values() if isinstance(t, URIRef) and t.startswith(str(v.KG))}
    terms |= {v.KG.Floated, v.KG.Declared, v.KG.Registered, v.KG.Elected}
    for term in terms:
        languages = {label.language for label in ONTOLOGY.objects(term, rdflib.RDFS.label)}
        assert {"id", "en"} <= languages, term


def test_samples_conform_to_the_shapes():
    store = ox.Store()
    build([samples_dir()], store, progress=False, jobs=1)
    report = validate_store(store)
    assert report.conforms, report.violations[:3]


def _sample_graph() -> rdflib.Graph:
    store = ox.Store()
    build(
        [samples_dir() / "sample-01-pj-bupati-lahat-ingatkan-asn-netral.txt"],
        store,
        progress=False,
        jobs=1,
    )
    graph = rdflib.Graph()
    for quad in store:
        if quad.graph_name.value.endswith("/graph/ontology"):
            continue
        terms = []
        for term in (quad.subject, quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode):
                terms.append(URIRef(term.value))
            elif term.datatype.value.endswith("#string"):
                terms.append(Literal(term.value))
            else:
                terms.append(Literal(term.value, datatype=URIRef(term.datatype.value)))
        graph.add(tuple(terms))
    return graph


def test_broken_data_gives_violations_naming_the_focus_node():
    graph = _sample_graph()
    holding = next(graph.subjects(rdflib.RDF.type, v.Holding))
    graph.remove((holding, v.sentence, None))
    graph.set((holding, v.confidence, Literal("1.5", datatype=rdflib.XSD.decimal)))
    place = next(graph.subjects(v.regionCode, None))
    graph.set((place, v.regionCode, Literal("sixteen")))
    report = validate_graph(graph)
    assert not report.conforms
    focused = {(violation.focus, violation.path) for violation in report.violations}
    assert (str(holding), str(v.sentence)) in focused
    assert (str(holding), str(v.confidence)) in focused
    assert (str(place), str(v.regionCode)) in focused
