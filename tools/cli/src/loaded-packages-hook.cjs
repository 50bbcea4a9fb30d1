// Preloaded with `node -r` by compiled-cli.spec.ts: records every package a process require()s
// (CommonJS and, through require(esm), NestJS's ES modules alike: both pass Module._resolveFilename)
// and prints their names, one JSON array on stderr, when the process exits.
const Module = require('node:module');
const { isMainThread } = require('node:worker_threads');

const loaded = new Set();
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const file = resolve.call(this, request, ...rest);
  const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(String(file));
  if (m) loaded.add(m[1].replace(/\\/g, '/'));
  return file;
};
// The PGlite worker thread runs this too; it imports (ESM) rather than requires, and would print [].
if (isMainThread) process.on('exit', () => process.stderr.write(`loaded packages: ${JSON.stringify([...loaded].sort())}\n`));
