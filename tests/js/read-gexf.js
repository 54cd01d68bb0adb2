// Parse a GEXF file with graphology-gexf (Gephi Lite's parser) and print what survived as JSON:
// node count, edge count, and per node/edge the label, type, weight and time attributes.
const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');

const graph = gexf.parse(Graph, fs.readFileSync(process.argv[2], 'utf-8'));
const nodes = {};
graph.forEachNode((key, attributes) => { nodes[key] = attributes; });
const edges = [];
graph.forEachEdge((key, attributes, source, target) => { edges.push({ source, target, attributes }); });
process.stdout.write(JSON.stringify({ order: graph.order, size: graph.size, nodes, edges }));
