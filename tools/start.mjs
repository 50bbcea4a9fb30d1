// `npm start`: build the web app once if it is missing, and the api and CLI (dist/apps/api/main.js,
// dist/tools/cli/main.js) when missing or older than their sources (tools/build/stale-build.mjs),
// then run the compiled api (which serves the web app) on one port. Demo mode (seeded multi-site
// world + live simulator) is on unless `--real` or FLOORWATCH_DEMO=0 is given, for real feeds.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNode } from './build/build-node.mjs';
import { staleReason } from './build/stale-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const real = process.argv.includes('--real') || process.env.FLOORWATCH_DEMO === '0';

if (!existsSync(join(root, 'dist/apps/web/browser/index.html'))) {
  console.log('Building the web app (first start only)...');
  const build = spawnSync('npx', ['nx', 'build', 'web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The web app did not build; see the output above.');
    process.exit(1);
  }
}

const stale = ['api', 'cli'].filter((name) => staleReason(root, name));
if (stale.length) {
  console.log(`Building the ${stale.join(' and ')} (${staleReason(root, stale[0])})...`);
  try {
    await buildNode(stale);
  } catch (err) {
    console.error(`The ${stale.join(' and ')} did not build: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}

const env = { ...process.env, FLOORWATCH_DEMO: real ? '0' : '1' };
// `--speed N`: the demo's live simulator runs N times real time.
const speedAt = process.argv.indexOf('--speed');
if (speedAt > 0 && process.argv[speedAt + 1]) env.FLOORWATCH_SPEED = process.argv[speedAt + 1];
const api = spawn(process.execPath, ['dist/apps/api/main.js'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code) => process.exit(code ?? 1));
