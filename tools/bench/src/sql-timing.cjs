// Preload (`node -r ./tools/register.cjs -r ./tools/bench/src/sql-timing.cjs ...`): times every pg
// statement client-side, grouped by text, while globalThis.__sqlTimingOn(true); dump prints the top.
const pg = require('pg');
const stats = new Map();
let on = false;
const orig = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, values, cb) {
  if (!on || typeof cb === 'function' || typeof values === 'function') return orig.apply(this, arguments);
  const text = typeof config === 'string' ? config : config && config.text;
  if (typeof text !== 'string') return orig.apply(this, arguments);
  const t0 = process.hrtime.bigint();
  const p = orig.apply(this, arguments);
  if (!p || typeof p.then !== 'function') return p;
  return p.then((r) => {
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const key = text.replace(/\s+/g, ' ').slice(0, 400);
    const s = stats.get(key) || { n: 0, ms: 0, max: 0 };
    if (ms > s.max && process.env.SQL_CAPTURE && key.includes(process.env.SQL_CAPTURE)) {
      require('fs').writeFileSync(process.env.SQL_CAPTURE_FILE || '/tmp/sql-capture.json', JSON.stringify({ text, values: Array.isArray(values) ? values : config.values }));
    }
    s.n++; s.ms += ms; s.max = Math.max(s.max, ms);
    stats.set(key, s);
    return r;
  });
};
globalThis.__sqlTimingOn = (v) => { on = v; };
globalThis.__sqlTimingDump = () => {
  const top = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(process.env.SQL_TOP || 15));
  const total = [...stats.values()].reduce((a, s) => a + s.ms, 0);
  process.stdout.write(`SQL total ${(total / 1000).toFixed(2)} s over ${[...stats.values()].reduce((a, s) => a + s.n, 0)} statements\n`);
  for (const [k, s] of top) process.stdout.write(`${(s.ms / 1000).toFixed(3)} s  n=${s.n} max=${s.max.toFixed(1)}ms  ${k}\n`);
  stats.clear();
};
