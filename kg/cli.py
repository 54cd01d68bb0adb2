"""The `kg` command: a thin layer over the library. Options in, one library call, output out.

Errors the user can fix are one line on stderr (a traceback only with `kg --debug ...`).
"""

from __future__ import annotations

import contextlib
import gc
import json
import sys
from pathlib import Path

import click

from kg.errors import KgError

STORE_HELP = "Store folder (default: ./kg-store, or $KG_STORE)."
# kg.analysis.MEASURES and kg.views.VIEWS, spelt here so that `kg --help` does not import
# networkx; tests/test_cli.py checks they agree.
MEASURE_CHOICE = click.Choice(
    ["degree", "weighted-degree", "betweenness", "closeness", "pagerank", "eigenvector"]
)
VIEW_CHOICE = click.Choice(["entity", "person-person", "person-organisation"])


class _Group(click.Group):
    """Turns project errors into one-line messages; --debug shows the traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        # The message is raised outside the `except` block so that the failed command's frames
        # (and the store they hold open) are released at once, not kept by the traceback.
        debug = bool(ctx.obj and ctx.obj.get("debug"))
        try:
            return super().invoke(ctx)
        except KgError as error:
            if debug:
                raise
            message = str(error)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except Exception as error:
            if debug:
                raise
            message = (
                f"unexpected {type(error).__name__}: {error} (run `kg --debug ...` for details)"
            )
        raise click.ClickException(message)


def _endpoint_option(function):
    return click.option(
        "--endpoint",
        envvar="KG_ENDPOINT",
        default=None,
        metavar="URL",
        help="Use the SPARQL 1.1 server at URL instead of a store folder (or $KG_ENDPOINT).",
    )(function)


def _open(store_path: Path | None, endpoint: str | None, create: bool = True):
    """The SPARQL server at `endpoint`, else the store folder. An explicit --store wins over
    $KG_ENDPOINT; --store with --endpoint is a usage error."""
    from kg.graph.remote import connect
    from kg.graph.store import open_store

    endpoint = _chosen_endpoint(store_path, endpoint)
    return connect(endpoint) if endpoint else open_store(store_path, create=create)


def _chosen_endpoint(store_path: Path | None, endpoint: str | None) -> str | None:
    """The endpoint to use, or None for the store folder (see `_open`)."""
    if endpoint and store_path is not None:
        source = click.get_current_context().get_parameter_source("endpoint")
        if source is not click.core.ParameterSource.ENVIRONMENT:
            raise click.UsageError("use --store or --endpoint, not both")
        return None
    return endpoint


def _store_option(function):
    return click.option(
        "--store", "store_path", type=click.Path(path_type=Path), default=None, help=STORE_HELP
    )(function)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="kg")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Knowledge graphs from Indonesian regional-election (Pilkada) news.

    Build a graph from articles, ask it with SPARQL, rank its people with network centrality,
    and export it for Gephi.

    \b
    Quick start (sample articles, store in ./kg-store):
      kg build
      kg query holds-office
      kg centrality --measure pagerank
      kg export --format gexf -o pilkada.gexf
    """
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_store_option
@_endpoint_option
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Leave out facts whose extraction confidence is below this.",
)
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1),
    default=None,
    help="Worker processes for extraction (default: all cores).",
)
@click.pass_context
def build(
    ctx: click.Context,
    paths: tuple[Path, ...],
    store_path: Path | None,
    endpoint: str | None,
    min_confidence: float,
    progress: bool,
    jobs: int | None,
) -> None:
    """Read articles and write their facts into the store.

    PATHS are .txt files (title on the first line), .html pages, .jsonl files (one article per
    line: id, title, text, url, published, outlet) or folders (read recursively). Without
    PATHS, the built-in sample articles are read.

    Re-running on the same files changes nothing; new or changed files are added. A file that
    cannot be read is reported on one line and the rest of the batch still goes in; the exit
    status is 1 when any file failed. An article over 5 MB of text (a .html page over 20 MB)
    is refused as too large. With `kg --debug build`, a failure that is a bug rather than bad
    input is followed by its traceback.
    """
    from pyoxigraph import Store

    from kg.build import build as run_build
    from kg.build import default_jobs, format_summary
    from kg.graph.lock import store_lock
    from kg.graph.store import default_store_path
    from kg.resources import samples_dir

    sources = list(paths) or [samples_dir()]
    folder = None if _chosen_endpoint(store_path, endpoint) else store_path or default_store_path()
    # A build writes alone: never beside `kg serve` reading the same folder (kg.graph.lock).
    with store_lock(folder, writing=True) if folder else contextlib.nullcontext():
        store = _open(store_path, endpoint)
        summary = run_build(
            sources,
            store,
            min_confidence=min_confidence,
            progress=progress and sys.stderr.isatty(),
            on_problem=lambda message: click.echo(message, err=True),
            jobs=jobs or default_jobs(),
            store_folder=folder if isinstance(store, Store) else None,
        )
        # No store.flush() here: what the build wrote is already durable (bulk loads write
        # their own synced files; transactions go through the write-ahead log), and on
        # Oxigraph a flush waits for the store's pending compactions. After ten builds of
        # 1,000 articles on a 100,000-article store that wait was 13 s, paid by whichever
        # small build came next.
        del store  # release the store's lock before exiting
    if ctx.obj["debug"]:
        for error in summary.errors:
            if error.detail:
                click.echo(f"{error.source}:\n{error.detail.rstrip()}", err=True)
    click.echo(format_summary(summary))
    if summary.failed:
        sys.exit(1)


@cli.command()
@click.argument("query", required=False)
@_store_option
@_endpoint_option
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a query parameter (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="Output format (csv/tsv/json follow the W3C SPARQL 1.1 result formats).",
)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
def query(
    query: str | None,
    store_path: Path | None,
    endpoint: str | None,
    params: tuple[str, ...],
    fmt: str,
    list_queries: bool,
) -> None:
    """Run a SPARQL query: a named query (see --list), a .rq file, or SPARQL text.

    Parameters are bound as values, never pasted into the query text:

    \b
      kg query holds-office --param jurisdiction="Kota Lubuklinggau"
      kg query 'SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }'
    """
    from kg import query as q

    if list_queries or not query:
        for named in q.list_named_queries():
            names = ", ".join(p.name for p in named.params)
            click.echo(
                f"{named.name:<16} {named.summary}" + (f"  [params: {names}]" if names else "")
            )
        return
    named = q.resolve_query(query)
    values = q.bind_params(named, q.parse_params(params))
    store = _open(store_path, endpoint, create=False)
    # The process ends after printing, and a result holds no reference cycles: the cyclic
    # collector would only walk the rows made (run_query pauses it, and each time it is
    # enabled again it walked them all: 0.3 s of directives' 3.1 s at 100,000 articles).
    gc.disable()
    result = q.run_query(store, named, values)
    click.echo(q.format_result(result, fmt), nl=False)


@cli.command()
@_store_option
@click.option(
    "--measure",
    type=MEASURE_CHOICE,
    default="pagerank",
    show_default=True,
)
@click.option(
    "--view",
    type=VIEW_CHOICE,
    default="entity",
    show_default=True,
    help="Which graph projection to rank.",
)
@click.option(
    "--type",
    "node_type",
    default=None,
    help="Only rank nodes of this type (person, office, place, election, audience, topic).",
)
@click.option("--top", type=click.IntRange(1), default=20, show_default=True)
@click.option(
    "--k",
    type=click.IntRange(1),
    default=None,
    help="Sample K source nodes for betweenness (large graphs).",
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "networkx", "igraph"]),
    default="auto",
    show_default=True,
    help="igraph (pip install 'kg[fast]') gives networkx's numbers faster; auto uses it"
    " on graphs over 5,000 edges when installed.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Only links dated on or after this day (YYYY-MM-DD).",
)
@click.option(
    "--until",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Only links dated on or before this day.",
)
def centrality(
    store_path: Path | None,
    measure: str,
    view: str,
    node_type: str | None,
    top: int,
    k: int | None,
    engine: str,
    fmt: str,
    since,
    until,
) -> None:
    """Rank the graph's nodes by a networkx centrality measure.

    Scores come from networkx's own functions on the chosen view (or igraph's, which equal
    them; the engine used is named on stderr); ties are broken by label.
    With --since/--until only links whose facts are dated in that period count.
    """
    from kg.analysis import centrality as score
    from kg.analysis import format_ranking, pick_engine, top_nodes
    from kg.graph.store import open_store
    from kg.views import build_view, restrict_period

    graph = build_view(open_store(store_path, create=False), view)
    graph = restrict_period(
        graph, since and since.date().isoformat(), until and until.date().isoformat()
    )
    used = pick_engine(graph, measure, engine)
    click.echo(
        f"{measure} by {used} on {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges",
        err=True,
    )
    scores = score(graph, measure, k=k, engine=used)
    rows = top_nodes(graph, scores, n=top, node_type=node_type)
    click.echo(format_ranking(rows, fmt, measure), nl=False)


EXPORT_FORMATS = ["gexf", "graphml", "csv", "ttl", "nt", "trig", "nq", "jsonld"]


@cli.command()
@_store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="gexf/graphml/csv: a network for Gephi; the rest: RDF.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="File to write (csv: the nodes file; edges go beside it).",
)
@click.option(
    "--view",
    type=VIEW_CHOICE,
    default="entity",
    show_default=True,
)
@click.option(
    "--size-by",
    type=click.Choice(["degree", "pagerank", "betweenness"]),
    default="pagerank",
    show_default=True,
    help="GEXF node size.",
)
def export(store_path: Path | None, fmt: str, output: Path, view: str, size_by: str) -> None:
    """Export the graph: GEXF, GraphML or CSV for Gephi, or RDF (ttl, nt, trig, nq, jsonld)."""
    from kg.graph.store import open_store

    store = open_store(store_path, create=False)
    if fmt in ("gexf", "graphml", "csv"):
        from kg.analysis import centrality as score
        from kg.export.gexf import write_gexf
        from kg.export.graphml import write_graphml
        from kg.export.tables import write_tables
        from kg.views import build_view

        graph = build_view(store, view)
        if fmt == "gexf":
            write_gexf(graph, output, size_by=score(graph, size_by) if len(graph) else None)
        elif fmt == "graphml":
            write_graphml(graph, output)
        else:
            edges = output.with_name(output.stem + "-edges" + (output.suffix or ".csv"))
            write_tables(graph, output, edges)
            click.echo(f"wrote {edges}")
        click.echo(
            f"wrote {output}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
        )
    else:
        from kg.export.rdf import export_rdf

        count = export_rdf(store, fmt, output)
        click.echo(f"wrote {output}: {count} statements")


@cli.command()
@_store_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def stats(store_path: Path | None, fmt: str) -> None:
    """Count what the store holds: articles, entities by type, facts by relation."""
    from kg.graph.store import open_store
    from kg.stats import format_stats, store_stats

    numbers = store_stats(open_store(store_path, create=False))
    click.echo(json.dumps(numbers, indent=2) if fmt == "json" else format_stats(numbers))


@cli.command()
@_store_option
def validate(store_path: Path | None) -> None:
    """Check the store against the SHACL shapes in ontology/shapes.ttl (exit 1 if it fails)."""
    from kg.graph.store import open_store
    from kg.validate import format_report, validate_store

    report = validate_store(open_store(store_path, create=False))
    click.echo(format_report(report))
    if not report.conforms:
        sys.exit(1)


@cli.command(name="eval")
@click.option(
    "--gold",
    "gold_path",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    required=True,
    help="Gold facts (JSONL, one line per article).",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--details/--no-details", default=True, help="List misses and false positives.")
def evaluate(
    gold_path: Path, paths: tuple[Path, ...], min_confidence: float, fmt: str, details: bool
) -> None:
    """Score extraction against gold facts: precision, recall, F1 per relation.

    PATHS are the articles to extract (default: the gold file's folder).
    """
    from kg.build import extract_articles
    from kg.eval import evaluate as score
    from kg.eval import format_report, read_gold, report_json

    gold = read_gold(gold_path)
    extractions = extract_articles(list(paths) or [gold_path.parent], min_confidence)
    report = score(gold, extractions)
    if fmt == "json":
        click.echo(json.dumps(report_json(report), indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report, details))


@cli.command()
@_store_option
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="A .png or .svg file."
)
@click.option(
    "--view",
    type=VIEW_CHOICE,
    default="entity",
    show_default=True,
)
@click.option(
    "--measure",
    type=MEASURE_CHOICE,
    default="pagerank",
    show_default=True,
    help="Which nodes are on top, and their size.",
)
@click.option("--top", type=click.IntRange(2), default=30, show_default=True)
def plot(store_path: Path | None, output: Path, view: str, measure: str, top: int) -> None:
    """Draw the top-N subgraph of a view (types coloured, sizes by centrality) to PNG or SVG."""
    from kg.analysis import centrality as score
    from kg.export.plot import plot_top
    from kg.graph.store import open_store
    from kg.views import build_view

    graph = build_view(open_store(store_path, create=False), view)
    drawn = plot_top(
        graph, score(graph, measure), output, top, f"{view} view, top {top} by {measure}"
    )
    click.echo(f"wrote {output}: {drawn} nodes")


@cli.command()
@_store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--allow-update",
    is_flag=True,
    help="Accept SPARQL Update at /sparql (off: the server only reads).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1),
    default=30.0,
    show_default=True,
    help="Seconds a query may run before it is stopped.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(1),
    default=100_000,
    show_default=True,
    help="Most rows a query returns.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 32),
    default=2,
    show_default=True,
    help="Worker processes answering queries (1 with --allow-update).",
)
@click.option("--quiet", is_flag=True, help="Do not log requests.")
def serve(
    store_path: Path | None,
    host: str,
    port: int,
    allow_update: bool,
    timeout: float,
    max_rows: int,
    workers: int,
    quiet: bool,
) -> None:
    """Serve the store: a SPARQL 1.1 endpoint at /sparql and a web explorer at /.

    \b
    The explorer: search by name, entity pages with every fact and its evidence,
    an Ask page with the named queries, and each entity's network as SVG or GEXF.
    Read-only and on localhost unless told otherwise. Stop `kg serve` before
    running `kg build` on the same store.
    """
    from kg.graph.store import default_store_path
    from kg.serve.app import Limits
    from kg.serve.server import serve as run_server

    path = store_path or default_store_path()
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: other machines can reach this server", err=True)
    limits = Limits(timeout=timeout, max_rows=max_rows)
    try:
        run_server(
            path,
            host,
            port,
            writable=allow_update,
            workers=workers,
            limits=limits,
            on_ready=lambda url: click.echo(f"kg serve: {url} (store {path}; Ctrl-C stops)"),
            quiet=quiet,
        )
    except OSError as error:
        raise KgError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    except KeyboardInterrupt:
        click.echo("stopped")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
