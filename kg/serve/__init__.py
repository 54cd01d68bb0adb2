"""`kg serve`: the store as a SPARQL 1.1 endpoint and a small web explorer, on localhost.

app.py routes requests; sparql.py speaks the SPARQL protocol; pages.py renders HTML;
search.py, entity.py and network.py read the store for the explorer; workers.py runs every
store operation in worker processes so that a slow query can be stopped.
"""
