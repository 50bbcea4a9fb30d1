// Is a build in dist/ older than its sources? Used by `npm start` (tools/start.mjs); tools/cli/fw.sh
// makes the same check in shell. A build is stale when it is missing, when its sources list
// (sources.txt, every workspace file esbuild read, plus tsconfig.base.json and the build script)
// is missing, or when one of those files is newer than the bundle or gone. A new file only
// matters once an existing file imports it, and that file is then newer.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SOURCES_FILE, TARGETS } from './build-node.mjs';

/** Why `name` (api | cli) must be rebuilt under root/dist, or null when it is up to date. */
export function staleReason(root, name) {
  const bundle = join(root, 'dist', TARGETS[name].out);
  const list = join(dirname(bundle), SOURCES_FILE);
  if (!existsSync(bundle) || !existsSync(list)) return `${TARGETS[name].out} is not built`;
  const builtAt = statSync(bundle).mtimeMs;
  for (const file of readFileSync(list, 'utf8').split('\n').filter(Boolean)) {
    const at = join(root, file);
    if (!existsSync(at)) return `${file} is gone`;
    if (statSync(at).mtimeMs > builtAt) return `${file} changed`;
  }
  return null;
}
