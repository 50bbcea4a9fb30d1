#!/bin/sh
# `npm run fw -- <command>`: runs the CLI (tools/cli/src/main.ts) in this process (exec, so the
# pid, exit code and signals are node's own). `fw ingest` gets a capped old generation: V8 sizes
# the heap to the machine (4 GB here) and collects lazily, so a long ingest grew to ~450 MB RSS
# although its live set stays far below 128 MB (docs/perf.md "Ingest memory on the CLI");
# performance.md asks for < 300 MB. FW_INGEST_HEAP_MB sets the cap (0: none); a
# --max-old-space-size in NODE_OPTIONS wins.
root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
heap=
if [ "$1" = ingest ]; then
  case "$NODE_OPTIONS" in
    *max-old-space-size*) ;;
    *) mb=${FW_INGEST_HEAP_MB:-128}; [ "$mb" != 0 ] && heap="--max-old-space-size=$mb" ;;
  esac
fi
exec node $heap -r "$root/tools/register.cjs" "$root/tools/cli/src/main.ts" "$@"
