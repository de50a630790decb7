// Reads RDF files with engines written by others and prints their RDFC-1.0 canonical form.
//
//   node conformance/canonical.mjs FORMAT FILE...
//
// FORMAT says which engine reads the files: `trig`, `turtle` and `nquads` N3.js (strict, by
// format; N-Quads for what another program wrote), `jsonld` jsonld.js (toRDF in safe mode,
// which fails rather than drop data, with a document loader that refuses the network);
// `graphs` reads TriG with N3.js and also gives each named graph's triples canonicalised alone. Every file's quads are canonicalised by rdf-canonize
// (RDFC-1.0), so all sides of a comparison go through one canonicaliser. Prints one JSON
// object: file -> {"statements": N, "canonical": "...", "graphs": {name: "..."}} or
// {"error": "..."}, where N counts the statements as the file makes them, repeats included
// (a dataset holds each once).
//
// rdf-canonize 5.0.0 keeps repeated quads of an array in its output (docs/conformance.md), so
// the quads are made distinct first.

import { readFile } from 'node:fs/promises';
import jsonld from 'jsonld';
import N3 from 'n3';
import * as canonize from 'rdf-canonize';

const N3_FORMATS = {
  trig: 'application/trig',
  turtle: 'text/turtle',
  nquads: 'application/n-quads',
  graphs: 'application/trig',
};

function refuseNetwork(url) {
  throw new Error(`document loader: refused to fetch ${url} (the suite works offline)`);
}

async function quadsOf(format, text) {
  if (format in N3_FORMATS) {
    return new N3.Parser({ format: N3_FORMATS[format] }).parse(text);
  }
  if (format === 'jsonld') {
    return jsonld.toRDF(JSON.parse(text), {
      documentLoader: refuseNetwork,
      safe: true,
      produceGeneralizedRdf: false,
    });
  }
  throw new Error(`unknown format ${format}: trig, turtle, nquads, jsonld or graphs`);
}

function termKey(term) {
  return [term.termType, term.value, term.datatype ? term.datatype.value : '', term.language || ''];
}

function distinct(quads) {
  const seen = new Map();
  for (const quad of quads) {
    const key = JSON.stringify([quad.subject, quad.predicate, quad.object, quad.graph].map(termKey));
    if (!seen.has(key)) {
      seen.set(key, quad);
    }
  }
  return [...seen.values()];
}

async function canonicalForm(quads) {
  return canonize.canonize(distinct(quads), { algorithm: 'RDFC-1.0' });
}

async function canonical(format, text) {
  const quads = await quadsOf(format, text);
  const found = { statements: quads.length, canonical: await canonicalForm(quads) };
  if (format === 'graphs') {
    const byGraph = new Map();
    for (const quad of quads) {
      const name = quad.graph.value;
      if (!byGraph.has(name)) {
        byGraph.set(name, []);
      }
      byGraph.get(name).push(N3.DataFactory.quad(quad.subject, quad.predicate, quad.object));
    }
    found.graphs = {};
    for (const [name, triples] of byGraph) {
      found.graphs[name] = await canonicalForm(triples);
    }
  }
  return found;
}

const [format, ...files] = process.argv.slice(2);
if (!format || files.length === 0) {
  console.error('usage: node canonical.mjs trig|turtle|nquads|jsonld|graphs FILE...');
  process.exit(2);
}
const out = {};
for (const file of files) {
  try {
    out[file] = await canonical(format, await readFile(file, 'utf8'));
  } catch (error) {
    out[file] = { error: String(error && error.message ? error.message : error) };
  }
}
process.stdout.write(JSON.stringify(out));
