"""Check a graph against the SHACL shapes in ontology/shapes.ttl (pySHACL).

Validation runs on the union of all graphs (types live in the entities graph, facts in the
article graphs), with ontology/kg.ttl as background and RDFS inference, so that `sh:class`
accepts subclasses (a kg:Regency is a schema:AdministrativeArea).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
import rdflib
from pyshacl import validate

from kg.graph.terms import from_oxigraph
from kg.graph.vocab import SH
from kg.resources import ontology_dir

MAX_SHOWN = 50


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]
    triples: int


@cache
def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


@cache
def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "kg.ttl", format="turtle")


def validate_graph(data: rdflib.Graph) -> ValidationReport:
    conforms, results, _ = validate(
        data, shacl_graph=_shapes(), ont_graph=_ontology(), inference="rdfs", allow_warnings=True
    )
    violations = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        violations.append(
            Violation(
                focus=str(results.value(result, SH.focusNode)),
                path=str(results.value(result, SH.resultPath) or ""),
                message=str(results.value(result, SH.resultMessage) or ""),
                severity=str(results.value(result, SH.resultSeverity) or "").rsplit("#", 1)[-1],
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), tuple(violations), len(data))


def validate_store(store: ox.Store) -> ValidationReport:
    """The union of the store's graphs (without the ontology graph) against the shapes."""
    data = rdflib.Graph()
    ontology_graph = "https://kg-pilkada.example.org/id/graph/ontology"
    for quad in store:
        if quad.graph_name.value == ontology_graph:
            continue
        data.add(tuple(from_oxigraph(t) for t in (quad.subject, quad.predicate, quad.object)))
    return validate_graph(data)


def format_report(report: ValidationReport) -> str:
    if report.conforms:
        return f"conforms: {report.triples} triples checked against ontology/shapes.ttl"
    lines = [f"does not conform: {len(report.violations)} violations in {report.triples} triples"]
    for violation in report.violations[:MAX_SHOWN]:
        lines.append(f"  {violation.focus} {violation.path}: {violation.message}")
    if len(report.violations) > MAX_SHOWN:
        lines.append(f"  ... and {len(report.violations) - MAX_SHOWN} more")
    return "\n".join(lines)
