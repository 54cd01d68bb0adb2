"""HTML for the explorer: every value from the store or the request is escaped here.

Pages work without JavaScript (links and GET forms); kg/serve/static holds the style sheet
and a small script that only adds keyboard shortcuts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any
from urllib.parse import quote, urlencode

from kg.export.gexf import TYPE_COLOURS
from kg.serve.entity import COUNT_CAP
from kg.serve.search import mention_variants

KIND_NAMES = {
    "person": "Person",
    "office": "Office",
    "place": "Place",
    "election": "Election",
    "organisation": "Organisation",
    "audience": "Addressee group",
    "topic": "Topic",
    "article": "Article",
}
FACT_SECTIONS = (
    ("holding", "Holds office"),
    ("directive", "Directives"),
    ("candidacy", "Candidacies"),
    ("election-date", "Election dates"),
)
BACKLINK_NAMES = {
    "jurisdiction": "Offices and elections here",
    "containedInPlace": "Regions within",
    "superEvent": "Elections within",
    "holds": "Held by",
    "role": "Offices with this role",
}
LINK_NAMES = {
    "jurisdiction": "Jurisdiction",
    "containedInPlace": "Part of",
    "superEvent": "Part of",
    "holds": "Holds",
    "role": "Role",
    "publisher": "Publisher",
}
DIRECTIVE_VERBS = {"appeal": "appeals to", "demand": "instructs", "warn": "warns"}
_HIDDEN_LITERALS = {"label", "name", "altLabel", "contentHash", "headline"}


def entity_href(iri: str) -> str:
    return "/entity?iri=" + quote(iri, safe="")


def layout(title: str, body: str, query: str = "") -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · kg explorer</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<script src="/static/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">kg <span>Pilkada knowledge graph</span></a>
  <nav aria-label="Main"><a href="/">Search</a> <a href="/ask">Ask (SPARQL)</a>
  <a href="/sparql">Endpoint</a></nav>
  <form class="top-search" action="/search" method="get" role="search">
    <label for="top-q" class="visually-hidden">Search the graph</label>
    <input id="top-q" name="q" type="search" value="{escape(query)}"
      placeholder="Search names…" autocomplete="off">
    <button type="submit">Search</button>
  </form>
</header>
<main id="main">
{body}
</main>
<footer>Facts are read from news articles by rules; each shows its evidence and confidence.
Read-only view of the store.</footer>
</body>
</html>
"""


def _link(iri: str, label: str) -> str:
    return f'<a href="{escape(entity_href(iri))}">{escape(label)}</a>'


def _badge(kind: str) -> str:
    return f'<span class="badge kind-{escape(kind)}">{escape(KIND_NAMES.get(kind, kind))}</span>'


# --- home and search ---------------------------------------------------------------------


def home_page(overview: dict[str, Any]) -> str:
    counts = overview["counts"]
    browse = " ".join(
        f'<li><a href="/search?{urlencode({"kind": kind})}">{escape(KIND_NAMES[kind])}s</a>'
        f" <span class=count>{counts.get(kind, 0):,}</span></li>"
        for kind in ("person", "office", "place", "election", "audience", "topic")
        if kind in KIND_NAMES
    )
    body = f"""
<h1>Who holds which office, who said what, which election when</h1>
<p class="lead">{counts.get("article", 0):,} articles in this store. Search a person, an office,
a region or an election: names match from the start of any word, without accents or case
("muara enim", "pj bupati", "pilwako").</p>
<form class="big-search" action="/search" method="get" role="search">
  <label for="q">Name</label>
  <input id="q" name="q" type="search" autofocus autocomplete="off"
    placeholder="e.g. a person's name, a region, pilkada">
  <label for="kind">Kind</label>
  <select id="kind" name="kind">{_kind_options("")}</select>
  <button type="submit">Search</button>
</form>
<h2>Browse</h2>
<ul class="browse">{browse}</ul>
"""
    return layout("Search", body)


def _kind_options(selected: str) -> str:
    options = ['<option value="">any kind</option>']
    for kind in ("person", "office", "place", "election", "organisation", "audience", "topic"):
        mark = " selected" if kind == selected else ""
        options.append(f'<option value="{kind}"{mark}>{escape(KIND_NAMES[kind])}</option>')
    return "".join(options)


def search_page(query: str, kind: str, hits: Sequence[Sequence[str]], limit: int) -> str:
    if hits:
        items = "".join(
            f"<li>{_link(iri, label)} {_badge(hit_kind)}"
            + (f' <span class="aka">as “{escape(matched)}”</span>' if matched != label else "")
            + "</li>"
            for iri, label, hit_kind, matched in hits
        )
        listing = f'<ol class="hits">{items}</ol>'
        if len(hits) >= limit:
            listing += f"<p class=note>Showing the first {limit}; add words to narrow.</p>"
    else:
        listing = f"<p class=empty>Nothing matches “{escape(query)}”.</p>"
    title = f"“{escape(query)}”" if query else escape(KIND_NAMES.get(kind, "All") + "s")
    body = f"""
<h1>Search: {title}</h1>
<form class="big-search" action="/search" method="get" role="search">
  <label for="q">Name</label>
  <input id="q" name="q" type="search" value="{escape(query)}" autocomplete="off">
  <label for="kind">Kind</label>
  <select id="kind" name="kind">{_kind_options(kind)}</select>
  <button type="submit">Search</button>
</form>
<p class="result-count" role="status">{len(hits)} result{"" if len(hits) == 1 else "s"}</p>
{listing}
"""
    return layout(f"Search {query}", body, query)


# --- entity page ---------------------------------------------------------------------------


def entity_page(data: dict[str, Any]) -> str:
    iri, kind, label = data["iri"], data["kind"], data["label"]
    names = _names_for_highlight(data)
    rows = []
    if data["alt_names"] or data["names"]:
        also = ", ".join(escape(name) for name in data["names"] + data["alt_names"])
        rows.append(f"<dt>Also named</dt><dd>{also}</dd>")
    for key, values in sorted(data["literals"].items()):
        if key in _HIDDEN_LITERALS:
            continue
        shown = ", ".join(escape(value) for value in values)
        if key == "url":
            shown = ", ".join(_external(value) for value in values)
        rows.append(f"<dt>{escape(_words(key))}</dt><dd>{shown}</dd>")
    for role, target, target_label in data["links"]:
        rows.append(
            f"<dt>{escape(LINK_NAMES.get(role, _words(role)))}</dt>"
            f"<dd>{_link(target, target_label)}</dd>"
        )
    rows.append(f"<dt>IRI</dt><dd><code>{escape(iri)}</code></dd>")
    network = "" if kind == "article" else _network_links(iri)
    sections = []
    if kind == "office":
        sections.append(_holders_table(data.get("history", [])))
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fact in data["facts"]:
        by_kind[fact["kind"]].append(fact)
    for fact_kind, heading in FACT_SECTIONS:
        facts = by_kind.get(fact_kind)
        if facts:
            items = "".join(_fact(fact, names, iri, kind) for fact in facts)
            sections.append(
                f'<section class="facts" aria-labelledby="h-{fact_kind}">'
                f'<h2 id="h-{fact_kind}">{heading} <span class=count>{len(facts)}</span></h2>'
                f"{items}</section>"
            )
    if data["fact_count"] > len(data["facts"]):
        total = (
            f"over {COUNT_CAP:,}" if data["fact_count"] > COUNT_CAP else f"{data['fact_count']:,}"
        )
        sections.append(
            f"<p class=note>Showing {len(data['facts'])} of {total} facts;"
            " the Ask page gives them all.</p>"
        )
    if not data["facts"]:
        sections.append("<p class=empty>No fact names this entity directly.</p>")
    sections.append(_backlinks(data["backlinks"]))
    body = f"""
<p class="crumbs">{_badge(kind)}</p>
<h1>{escape(label)}</h1>
<dl class="about">{"".join(rows)}</dl>
{network}
{"".join(sections)}
"""
    return layout(label, body)


def _names_for_highlight(data: dict[str, Any]) -> list[str]:
    names = {data["label"], *data["names"], *data["alt_names"]}
    for key in ("title", "name"):
        names.update(data["literals"].get(key, []))
    if data["kind"] not in ("person", "article"):
        names = {variant for name in names for variant in mention_variants(name)}
    return sorted((name for name in names if len(name) >= 2), key=len, reverse=True)


def _network_links(iri: str) -> str:
    one = "/network?" + urlencode({"iri": iri, "hops": 1})
    two = "/network?" + urlencode({"iri": iri, "hops": 2})
    gexf = "/network.gexf?" + urlencode({"iri": iri, "hops": 1})
    return (
        f'<p class="actions"><a class="button" href="{escape(one)}">Network (1 hop)</a> '
        f'<a class="button" href="{escape(two)}">Network (2 hops)</a> '
        f'<a href="{escape(gexf)}" download>Download GEXF</a></p>'
    )


def _holders_table(history: list[dict[str, str]]) -> str:
    """The post's holders in time order: tenure from the text where it says so, else the
    dates of the articles that report the holding."""
    if not history:
        return ""
    rows = []
    for row in history:
        status = "current" if row.get("current") == "true" else "former"
        articles = row.get("articles", "")
        rows.append(
            "<tr>"
            f"<td>{_link(row['person'], row['personName'])}</td>"
            f"<td>{escape(row.get('from', ''))}</td>"
            f"<td>{escape(row.get('to', ''))}</td>"
            f"<td>{escape(row.get('firstAttested', ''))}</td>"
            f"<td>{escape(row.get('lastAttested', ''))}</td>"
            f"<td>{status}</td><td>{escape(articles)}</td></tr>"
        )
    head = "".join(
        f"<th scope=col>{name}</th>"
        for name in (
            "Holder",
            "From",
            "To",
            "First reported",
            "Last reported",
            "Status",
            "Articles",
        )
    )
    return (
        '<section aria-labelledby="h-holders"><h2 id="h-holders">Holders over time</h2>'
        f'<table class="holders"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _role(fact: dict[str, Any], role: str) -> tuple[str, str] | None:
    for name, iri, label in fact["links"]:
        if name == role:
            return iri, label
    return None


def _roles(fact: dict[str, Any], role: str) -> str:
    links = [_link(iri, label) for name, iri, label in fact["links"] if name == role]
    return ", ".join(links) if links else "—"


def _fact(fact: dict[str, Any], names: list[str], page_iri: str, page_kind: str) -> str:
    values, evidence = fact["values"], fact["evidence"]
    kind = fact["kind"]
    if kind == "holding":
        verb = "holds" if values.get("current") == "true" else "held (former)"
        summary = f"{_roles(fact, 'holder')} {verb} {_roles(fact, 'post')}"
    elif kind == "directive":
        verb = DIRECTIVE_VERBS.get(values.get("directiveKind", ""), "addresses")
        summary = (
            f"{_roles(fact, 'agent')} <span class=verb>{verb}</span> "
            f"{_roles(fact, 'recipient')} <span class=verb>on</span> {_roles(fact, 'about')}"
        )
    elif kind == "candidacy":
        summary = (
            f"{_roles(fact, 'candidate')} <span class=verb>{escape(_status(fact))}</span>"
            f" in {_roles(fact, 'election')}"
        )
    elif kind == "election-date":
        summary = f"{_roles(fact, 'election')} on <time>{escape(values.get('date', ''))}</time>"
    else:
        summary = escape(fact["iri"])
    meta = []
    when = values.get("startTime") or values.get("attestedOn") or values.get("date")
    if when:
        meta.append(f"<span>Date <time>{escape(when)}</time></span>")
    if evidence.get("confidence"):
        meta.append(f"<span>Confidence {_percent(evidence['confidence'])}</span>")
    if evidence.get("extractor"):
        meta.append(f"<span>Rule <code>{escape(evidence['extractor'])}</code></span>")
    tenure = _tenure(fact)
    highlight_names = names
    if page_kind == "article":
        highlight_names = sorted({label for _, _, label in fact["links"]}, key=len, reverse=True)
    quote_text = values.get("text")
    quote_html = f'<p class="quote">“{escape(quote_text)}”</p>' if quote_text else ""
    sentence = evidence.get("sentence", "")
    return f"""<article class="fact kind-{escape(kind)}">
<p class="summary">{summary}</p>
<p class="meta">{" · ".join(meta)}</p>
{tenure}{quote_html}
<blockquote class="evidence">{highlight(sentence, highlight_names)}</blockquote>
<p class="source">Source: {_article_link(fact, with_external=True)}</p>
</article>"""


def _status(fact: dict[str, Any]) -> str:
    status = _role(fact, "status")
    return status[1] if status else "candidate"


def _tenure(fact: dict[str, Any]) -> str:
    tenure = fact.get("tenure")
    if not tenure:
        return ""
    parts = []
    for bound, word in (("start", "From"), ("end", "Until")):
        if bound in tenure:
            item = tenure[bound]
            cue = f" (“{escape(item['cue'])}”)" if item.get("cue") else ""
            parts.append(f"{word} <time>{escape(item['date'])}</time>{cue}")
    return f'<p class="tenure">Tenure: {"; ".join(parts)}</p>'


def _percent(value: str) -> str:
    try:
        return f"{float(value) * 100:.0f}%"
    except ValueError:
        return escape(value)


def _article_link(fact: dict[str, Any], with_external: bool = False) -> str:
    article = fact.get("article")
    if not article:
        return ""
    title = article.get("headline") or article.get("id") or "article"
    parts = [_link(article["iri"], title)]
    if with_external:
        if article.get("published"):
            parts.append(f"<time>{escape(article['published'])}</time>")
        if article.get("url"):
            parts.append(_external(article["url"]))
        elif article.get("path"):
            parts.append(f"<code>{escape(article['path'])}</code>")
    return " · ".join(parts)


def _external(url: str) -> str:
    if not re.match(r"https?://", url):
        return escape(url)
    attributes = 'rel="noopener noreferrer nofollow" class="external"'
    return f'<a href="{escape(url)}" {attributes}>{escape(url)}</a>'


def highlight(sentence: str, names: Iterable[str]) -> str:
    """The sentence, escaped, with every occurrence of one of `names` in <mark>
    (case-insensitive, any run of spaces; longer names first)."""
    patterns = [r"\s+".join(re.escape(word) for word in name.split()) for name in names]
    patterns = [pattern for pattern in patterns if pattern]
    if not patterns or not sentence:
        return escape(sentence)
    finder = re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE)
    out, position = [], 0
    for match in finder.finditer(sentence):
        out.append(escape(sentence[position : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    out.append(escape(sentence[position:]))
    return "".join(out)


def _backlinks(backlinks: list[tuple[str, str, str]]) -> str:
    if not backlinks:
        return ""
    grouped: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for role, iri, label in backlinks:
        grouped[role].append((iri, label))
    parts = []
    for role, items in sorted(grouped.items()):
        heading = BACKLINK_NAMES.get(role, f"Linked as {_words(role)}")
        links = "".join(
            f"<li>{_link(iri, label)}</li>" for iri, label in sorted(items, key=lambda x: x[1])
        )
        parts.append(f"<h3>{escape(heading)}</h3><ul class=links>{links}</ul>")
    return f'<section class="related" aria-label="Related">{"".join(parts)}</section>'


def _words(name: str) -> str:
    """camelCase property name as words: "honorificPrefix" -> "Honorific prefix"."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
    return spaced[:1].upper() + spaced[1:]


# --- network -------------------------------------------------------------------------------


def network_page(iri: str, hops: int, data: dict[str, Any]) -> str:
    other = 2 if hops == 1 else 1
    toggle = "/network?" + urlencode({"iri": iri, "hops": other})
    gexf = "/network.gexf?" + urlencode({"iri": iri, "hops": hops})
    legend = "".join(
        f'<li><span class="swatch" data-kind="{escape(kind)}"></span>'
        f"{escape(KIND_NAMES.get(kind, kind))}</li>"
        for kind in data["legend"]
    )
    body = f"""
<p class="crumbs"><a href="{escape(entity_href(iri))}">← {escape(data["label"])}</a></p>
<h1>Network around {escape(data["label"])}</h1>
<p class="actions">{hops} hop{"s" if hops > 1 else ""}: {data["nodes"]} nodes,
{data["edges"]} links.
<a class="button" href="{escape(toggle)}">Show {other} hop{"s" if other > 1 else ""}</a>
<a class="button" href="{escape(gexf)}" download>Download GEXF (Gephi)</a></p>
<ul class="legend" aria-label="Node colours">{legend}</ul>
<figure class="network-figure">{data["svg"]}
<figcaption>Node size: links within this picture. Line width: number of articles. Click a node
to open its page.</figcaption></figure>
"""
    return layout(f"Network: {data['label']}", body)


def legend_css() -> str:
    """Colours of node kinds for the legend, from the GEXF palette."""
    return "\n".join(
        f'.swatch[data-kind="{kind}"] {{ background: rgb({r}, {g}, {b}); }}'
        for kind, (r, g, b) in TYPE_COLOURS.items()
    )


# --- ask -----------------------------------------------------------------------------------


def ask_page(
    queries: list[dict[str, Any]],
    name: str,
    text: str,
    params: dict[str, str],
    param_names: list[str],
    result: dict[str, Any] | None,
    error: str | None,
    download_query: str,
) -> str:
    examples = "".join(
        f'<li><a href="/ask?{escape(urlencode({"name": query["name"]}))}"'
        f"{' aria-current=page' if query['name'] == name else ''}>"
        f"<code>{escape(query['name'])}</code></a> {escape(query['summary'])}</li>"
        for query in queries
    )
    fields = "".join(
        f'<p class="param"><label for="param-{escape(param)}">{escape(param)}</label>'
        f'<input id="param-{escape(param)}" name="param.{escape(param)}" '
        f'value="{escape(params.get(param, ""))}" autocomplete="off"></p>'
        for param in param_names
    )
    hidden = f'<input type="hidden" name="name" value="{escape(name)}">' if name else ""
    body = f"""
<h1>Ask the graph</h1>
<div class="ask">
<aside aria-labelledby="h-named"><h2 id="h-named">Named queries</h2>
<p class="note">One click loads a question; fill in its fields to narrow it.</p>
<ul class="named">{examples}</ul></aside>
<section aria-labelledby="h-query">
<h2 id="h-query">SPARQL</h2>
<form action="/ask" method="get" class="ask-form">
{hidden}
<label for="query">Query (prefixes kg:, id:, schema:, org:, prov:, rdfs:, skos:, time:
are predeclared)</label>
<textarea id="query" name="query" rows="14" spellcheck="false">{escape(text)}</textarea>
{f"<fieldset><legend>Parameters</legend>{fields}</fieldset>" if fields else ""}
<button type="submit">Run query</button>
</form>
{_error_box(error) if error else ""}
{_result_table(result, download_query) if result else ""}
</section>
</div>
"""
    return layout("Ask", body)


def _error_box(message: str) -> str:
    return f'<p class="error" role="alert">{escape(message)}</p>'


def _result_table(result: dict[str, Any], download_query: str) -> str:
    if result["form"] == "ask":
        answer = "yes" if result["boolean"] else "no"
        return f'<p class="answer" role="status">Answer: <strong>{answer}</strong></p>'
    columns, rows = result["columns"], result["rows"]
    downloads = " ".join(
        f'<a href="{escape("/ask?" + download_query + "&format=" + fmt)}" download>{label}</a>'
        for fmt, label in (("csv", "CSV"), ("json", "JSON"), ("tsv", "TSV"))
    )
    head = "".join(f"<th scope=col>{escape(column)}</th>" for column in columns)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{_link(iri, text) if iri else escape(text)}</td>" for text, iri in row)
        + "</tr>"
        for row in rows
    )
    more = " (more rows than shown: download for all)" if result["truncated"] else ""
    return f"""<div class="results">
<p role="status" class="result-count">{len(rows):,} row{"" if len(rows) == 1 else "s"}{more}.
Download: {downloads}</p>
<div class="table-wrap"><table class="results-table"><thead><tr>{head}</tr></thead>
<tbody>{body}</tbody></table></div></div>"""


# --- errors and the endpoint's own page ----------------------------------------------------


def error_page(status: int, title: str, message: str) -> str:
    body = f"""<h1>{status} · {escape(title)}</h1>
{_error_box(message)}
<p><a href="/">Back to search</a></p>"""
    return layout(title, body)


def endpoint_page(writable: bool, timeout: float, max_rows: int) -> str:
    mode = "accepts SPARQL Update (POST)" if writable else "is read-only"
    body = f"""<h1>SPARQL 1.1 endpoint</h1>
<p>This server {mode}. Send queries to <code>/sparql</code> by GET (<code>?query=</code>) or
POST (<code>application/sparql-query</code> or a form with <code>query=</code>). Results in
JSON, XML, CSV or TSV (graphs in Turtle, N-Triples, JSON-LD or RDF/XML) by the Accept
header or <code>?format=</code>. The default graph is the union of all graphs.</p>
<p>Limits: a query runs at most {timeout:g} s and returns at most {max_rows:,} rows.</p>
<pre><code>curl -H 'Accept: text/csv' \\
  --data-urlencode 'query=SELECT * WHERE {{ ?s ?p ?o }} LIMIT 5' http://HOST:PORT/sparql</code></pre>
<p>Or use the <a href="/ask">Ask page</a>.</p>"""
    return layout("SPARQL endpoint", body)
