"""The fast centrality engine (optional extra `kg[fast]`): networkx's numbers, sooner.

networkx stays the reference: every function here returns what the networkx call in
`kg.analysis` returns for the same graph, to rounding (tests/test_centrality_igraph.py).

- betweenness and closeness run in igraph (C), with networkx's source sampling and
  normalisation re-applied on top of igraph's raw counts;
- PageRank and eigenvector are networkx's own power iterations, vectorised over a sparse
  matrix. igraph's solvers (PRPACK, ARPACK) return the exact fixed point, but networkx stops
  at a tolerance, so its numbers differ from the exact ones by up to ~1e-5 (PageRank) and,
  on a disconnected graph, by far more (eigenvector: networkx's power iteration weighs each
  component by how far the iteration got, igraph scales each component on its own). Running
  networkx's iteration, step for step, is the only way to give its numbers.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse

try:
    import igraph
except ImportError:  # the optional extra is not installed
    igraph = None

MEASURES = ("betweenness", "closeness", "pagerank", "eigenvector")


class PowerIterationFailed(Exception):
    """The power iteration did not converge in `max_iter` steps (networkx raises too)."""


def available() -> bool:
    return igraph is not None


@dataclass(frozen=True, slots=True)
class Arrays:
    """A networkx graph as arrays: node i is `nodes[i]`, edge j joins `u[j]` and `v[j]`."""

    nodes: list
    u: np.ndarray
    v: np.ndarray
    weight: np.ndarray

    @classmethod
    def of(cls, graph: nx.Graph) -> Arrays:
        nodes = list(graph)
        index = {node: i for i, node in enumerate(nodes)}
        edges = graph.number_of_edges()
        u = np.empty(edges, dtype=np.int64)
        v = np.empty(edges, dtype=np.int64)
        weight = np.empty(edges, dtype=float)
        # networkx counts an edge without a weight attribute as weight 1.
        for j, (a, b, w) in enumerate(graph.edges(data="weight", default=1)):
            u[j], v[j], weight[j] = index[a], index[b], w
        return cls(nodes, u, v, weight)

    def igraph(self) -> igraph.Graph:
        return igraph.Graph(n=len(self.nodes), edges=np.column_stack((self.u, self.v)).tolist())

    def adjacency(self) -> scipy.sparse.csr_array:
        """The symmetric weighted adjacency matrix; a self-loop counted once, as networkx does."""
        loop = self.u == self.v
        rows = np.concatenate((self.u, self.v[~loop]))
        cols = np.concatenate((self.v, self.u[~loop]))
        data = np.concatenate((self.weight, self.weight[~loop]))
        n = len(self.nodes)
        return scipy.sparse.csr_array((data, (rows, cols)), shape=(n, n))

    def scores(self, values) -> dict:
        return dict(zip(self.nodes, map(float, values), strict=True))


def supports(graph: nx.Graph) -> bool:
    """Plain undirected graphs only: the views are, and the formulas below assume it."""
    return not graph.is_directed() and not graph.is_multigraph()


def betweenness(graph: nx.Graph, k: int | None = None, seed: int = 0) -> dict:
    """`nx.betweenness_centrality(graph, k=k, seed=seed)` (normalised, endpoints excluded).

    With `k`, the same `k` sources networkx draws (`random.Random(seed).sample` of the nodes
    in graph order) and its rescaling: a source node's sum covers k - 1 sources, any other's k.
    """
    arrays = Arrays.of(graph)
    n = len(arrays.nodes)
    if k is not None and k >= n:
        k = None  # networkx computes the exact value then, and so do we
    g = arrays.igraph()
    if k is None:
        raw = np.asarray(g.betweenness(directed=False))
        # igraph counts each unordered pair once, networkx's normalisation counts ordered ones.
        return arrays.scores(raw * 2 / ((n - 1) * (n - 2)) if n > 2 else raw)
    index = {node: i for i, node in enumerate(arrays.nodes)}
    sources = [index[node] for node in random.Random(seed).sample(arrays.nodes, k)]
    raw = np.asarray(g.betweenness(directed=False, sources=sources)) * 2
    if n <= 2:
        return arrays.scores(raw)
    scale = np.full(n, 1 / (k * (n - 2)))
    # networkx leaves 0/0 undefined (NaN) for the lone source when k = 1.
    scale[sources] = 1 / ((k - 1) * (n - 2)) if k > 1 else math.nan
    return arrays.scores(raw * scale)


def closeness(graph: nx.Graph) -> dict:
    """`nx.closeness_centrality(graph)`: Wasserman-Faust improved closeness.

    igraph's normalised closeness is (reached - 1) / total distance over the reached nodes;
    networkx multiplies it by (reached - 1) / (n - 1), so nodes in small components rank low.
    """
    arrays = Arrays.of(graph)
    n = len(arrays.nodes)
    if n < 2:
        return arrays.scores(np.zeros(n))
    g = arrays.igraph()
    membership = np.asarray(g.connected_components().membership)
    reached = np.bincount(membership)[membership]
    values = np.nan_to_num(np.asarray(g.closeness(normalized=True)), nan=0.0)
    return arrays.scores(values * (reached - 1) / (n - 1))


def pagerank(
    graph: nx.Graph, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6
) -> dict:
    """`nx.pagerank(graph, weight="weight")`: networkx's power iteration, step for step.

    Uniform start, uniform teleport, dangling (isolated) nodes spread uniformly; stops when
    the L1 change is below n * tol, as networkx does.
    """
    arrays = Arrays.of(graph)
    n = len(arrays.nodes)
    matrix = arrays.adjacency()
    out = matrix.sum(axis=1)
    inverse = np.divide(1.0, out, out=np.zeros(n), where=out != 0)
    transition = (scipy.sparse.diags_array(inverse) @ matrix).tocsr()
    dangling = np.flatnonzero(out == 0)
    uniform = np.repeat(1.0 / n, n)
    x = uniform
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ transition + x[dangling].sum() * uniform) + (1 - alpha) * uniform
        if np.abs(x - last).sum() < n * tol:
            return arrays.scores(x)
    raise PowerIterationFailed(f"PageRank did not converge in {max_iter} iterations")


def eigenvector(graph: nx.Graph, max_iter: int = 100, tol: float = 1.0e-6) -> dict:
    """`nx.eigenvector_centrality(graph, weight="weight")`: its power iteration, vectorised.

    networkx multiplies by (A + I) from a uniform start and scales to unit Euclidean norm each
    step; on a disconnected graph the result depends on that path (components with a smaller
    leading eigenvalue fade but are not zero when it stops), so the path is followed exactly.
    """
    arrays = Arrays.of(graph)
    n = len(arrays.nodes)
    matrix = arrays.adjacency()
    x = np.repeat(1.0 / n, n)
    for _ in range(max_iter):
        last = x
        x = last + matrix @ last
        norm = math.hypot(*x) or 1.0
        x = x / norm
        if np.abs(x - last).sum() < n * tol:
            return arrays.scores(x)
    raise PowerIterationFailed(f"eigenvector centrality did not converge in {max_iter} iterations")
