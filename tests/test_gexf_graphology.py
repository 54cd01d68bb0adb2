"""A real client reads the GEXF: graphology-gexf, the parser of Gephi Lite, on Node.js.

Skips (with the reason) where Node.js or the npm packages are missing; `.ci/run` installs
them with `npm install --prefix tests/js`."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.analysis import centrality
from kg.build import build
from kg.export.gexf import write_gexf
from kg.resources import samples_dir
from kg.views import VIEWS, build_view

READER = Path(__file__).parent / "js" / "read-gexf.js"
MODULES = Path(__file__).parent / "js" / "node_modules" / "graphology-gexf"


def read_with_graphology(path: Path) -> dict:
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed: cannot run graphology-gexf")
    if not MODULES.exists():
        pytest.skip("graphology-gexf is not installed: run `npm install --prefix tests/js`")
    done = subprocess.run(
        ["node", str(READER), str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    build([samples_dir()], store, progress=False, jobs=1)
    return store


@pytest.mark.parametrize("view", VIEWS)
def test_graphology_reads_nodes_labels_types_weights_and_time(store, view, tmp_path):
    graph = build_view(store, view)
    path = tmp_path / f"{view}.gexf"
    write_gexf(graph, path, size_by=centrality(graph, "pagerank"))
    read = read_with_graphology(path)
    assert read["order"] == graph.number_of_nodes()
    assert read["size"] == graph.number_of_edges()
    for node, data in graph.nodes(data=True):
        assert read["nodes"][node]["label"] == data["label"]
        assert read["nodes"][node]["type"] == data["type"]
    edges = {frozenset((e["source"], e["target"])): e["attributes"] for e in read["edges"]}
    for source, target, data in graph.edges(data=True):
        attributes = edges[frozenset((source, target))]
        assert attributes["weight"] == data["weight"]
        if "start" in data:
            assert (attributes["firstDate"], attributes["lastDate"]) == (data["start"], data["end"])
