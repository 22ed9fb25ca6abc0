import SQLite from 'better-sqlite3';
const stats = new Map<string, { n: number; ms: number }>();
const orig = (SQLite as any).prototype.prepare;
(SQLite as any).prototype.prepare = function (sql: string) {
  const st = orig.call(this, sql);
  const key = sql.replace(/\?(, \?)*/g, '?..').slice(0, 160);
  for (const m of ['all', 'run', 'get', 'iterate']) {
    const f = st[m].bind(st);
    st[m] = (...a: any[]) => { const t = performance.now(); try { return f(...a); } finally { const s = stats.get(key) ?? { n: 0, ms: 0 }; s.n++; s.ms += performance.now() - t; stats.set(key, s); } };
  }
  return st;
};
const { timeQuarterClose } = await import('./quarter-close');
const [n, g] = process.argv.slice(2);
stats.clear();
console.log(await timeQuarterClose('sqlite', Number(n), Number(g)));
for (const [k, v] of [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) console.log(v.ms.toFixed(0).padStart(7), String(v.n).padStart(7), k);
