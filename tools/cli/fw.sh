#!/bin/sh
# `npm run fw -- <command>` (and `fw` in the Docker image): runs the CLI in this process (exec, so
# the pid, exit code and signals are node's own).
#
# Compiled or TypeScript: the compiled CLI (dist/tools/cli/main.js, `npm run build`) when it is up
# to date, else tools/cli/src/main.ts through SWC (~3 s more per start). Up to date = no file the
# build was made from (dist/tools/cli/sources.txt, written by tools/build/build-node.mjs) is newer
# than the build or gone; without a source tree (the Docker image) the build is used as it is.
# FW_FROM_SOURCE=1 always runs the TypeScript.
#
# `fw ingest` gets a capped old generation: V8 sizes the heap to the machine (4 GB here) and
# collects lazily, so a long ingest grew to ~450 MB RSS although its live set stays far below
# 128 MB (docs/perf.md "Ingest memory on the CLI"); performance.md asks for < 300 MB.
# FW_INGEST_HEAP_MB sets the cap (0: none); a --max-old-space-size in NODE_OPTIONS wins.
root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
heap=
if [ "$1" = ingest ]; then
  case "$NODE_OPTIONS" in
    *max-old-space-size*) ;;
    *) mb=${FW_INGEST_HEAP_MB:-128}; [ "$mb" != 0 ] && heap="--max-old-space-size=$mb" ;;
  esac
fi
built="$root/dist/tools/cli/main.js"
if [ "${FW_FROM_SOURCE:-0}" != 1 ] && [ -f "$built" ]; then
  if [ ! -f "$root/tools/cli/src/main.ts" ]; then
    exec node $heap "$built" "$@"
  fi
  # find prints the first newer file, or an error for a file that is gone: either means stale.
  newer=$(cd "$root" && [ -f dist/tools/cli/sources.txt ] && find $(cat dist/tools/cli/sources.txt) -newer dist/tools/cli/main.js -print -quit 2>&1 || echo missing)
  if [ -z "$newer" ]; then
    exec node $heap "$built" "$@"
  fi
fi
exec node $heap -r "$root/tools/register.cjs" "$root/tools/cli/src/main.ts" "$@"
