/** Speed: top-10 over 100,000 item vectors (exact, HNSW, IVF-Flat) and EASE on 5,000 items. */
import { loadavg } from 'node:os';
import { createRng } from '@shoppilot/core';
import { createInteractions, EaseRecommender, ExactIndex, type InteractionRow } from '@shoppilot/recsys';
import { type BenchContext, markdownTable } from '../harness';
import { loadNote, timed } from './recsys-common';
import { annSection, type ChosenRow, measure, meetsTarget, RECALL_BAR } from './recsys-speed-ann';

/** n unit vectors of dimension d around `clusters` random centres (item embeddings look like this). */
function itemVectors(n: number, d: number, clusters: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const centres = Float32Array.from({ length: clusters * d }, () => rng.normal());
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = rng.int(clusters);
    let norm = 0;
    for (let k = 0; k < d; k++) {
      const v = centres[c * d + k] + 0.8 * rng.normal();
      out[i * d + k] = v;
      norm += v * v;
    }
    for (let k = 0; k < d; k++) out[i * d + k] /= Math.sqrt(norm);
  }
  return out;
}

/** `count` user-profile queries: each the sum of 5 random items' vectors (seeded). */
export function profileQueries(
  vectors: Float32Array,
  d: number,
  count: number,
  seed: number,
): Float32Array[] {
  const rng = createRng(seed);
  const n = vectors.length / d;
  return Array.from({ length: count }, () => {
    const q = new Float32Array(d);
    for (let j = 0; j < 5; j++) {
      const item = rng.int(n);
      for (let k = 0; k < d; k++) q[k] += vectors[item * d + k];
    }
    return q;
  });
}

export function verdict(row: ChosenRow | undefined, what: string): string {
  if (!row) return `${what}: no setting reached validation recall@10 ${RECALL_BAR} (NOT met)`;
  const met = meetsTarget(row);
  return `${what} at the validation-chosen ${row.setting}: test recall ${row.recall.toFixed(3)}, p99 ${row.time.p99.toFixed(3)} ms (${met ? 'met' : 'NOT met'}; CPU ${row.time.cpu.toFixed(3)} ms/query)`;
}

/** `onChosen` receives the validation-chosen rows (the real-data section compares with them). */
export async function speedSection(
  context: BenchContext,
  onChosen?: (chosen: { hnsw?: ChosenRow; ivf?: ChosenRow }) => void,
): Promise<string> {
  const before = loadavg()[0];
  const n = context.quick ? 20_000 : 100_000;
  const d = 64;
  const vectors = itemVectors(n, d, 1000, 1);
  const count = context.quick ? 200 : 1000;
  const queries = profileQueries(vectors, d, count, 2);
  const validation = profileQueries(vectors, d, count, 99);
  const scalar = new ExactIndex(vectors, d, { metric: 'dot', simd: false });
  const scalarTime = measure(queries, (q) => scalar.search(q, 10));
  const exact = new ExactIndex(vectors, d, { metric: 'dot' });
  const exactTime = measure(queries, (q) => exact.search(q, 10));
  const ann = await annSection(vectors, d, exact, queries, validation, context);
  onChosen?.({ hnsw: ann.hnsw, ivf: ann.ivf });
  const rows: Array<Array<string | number>> = [
    ['exact, scalar JS loop (simd: false)', '—', 1, scalarTime.p50, scalarTime.p99, scalarTime.cpu],
    [
      `exact, ${exact.simd ? 'WebAssembly SIMD' : 'scalar (no SIMD here)'} (default)`,
      '—',
      1,
      exactTime.p50,
      exactTime.p99,
      exactTime.cpu,
    ],
    ...[ann.hnsw, ann.ivf]
      .filter((row): row is ChosenRow => row !== undefined)
      .map((row) => [row.index, row.setting, row.recall, row.time.p50, row.time.p99, row.time.cpu]),
  ];
  const ease = await easeOn5000(context);
  const approximateMet = meetsTarget(ann.hnsw) || meetsTarget(ann.ivf);
  return [
    `## Speed: top-10 for one user over ${n.toLocaleString('en')} items`,
    '',
    `${n.toLocaleString('en')} unit item vectors of dimension ${d} around 1,000 cluster centres; ${count} test queries (seed 2) and ${count} validation queries (seed 99), each the sum of 5 random items' vectors (a user profile); inner-product top-10; latency of one query, wall clock (p50, p99) and process CPU per query; recall@10 against the exact top-10. Note that the items come from 1,000 true clusters, a structure k-means cells match well; real embeddings are less clustered.`,
    '',
    ann.markdown,
    '',
    `**Test queries** (exact search, and each approximate index once at its validation-chosen setting):`,
    '',
    markdownTable(['index', 'setting', 'test recall@10', 'p50 ms', 'p99 ms', 'CPU ms / query'], rows),
    '',
    `Targets: exact p99 < 5 ms → ${exactTime.p99.toFixed(2)} ms (${exactTime.p99 < 5 ? 'met' : 'NOT met'}; CPU ${exactTime.cpu.toFixed(2)} ms/query); approximate p99 < 1 ms at recall@10 >= 0.95 → **${approximateMet ? 'met' : 'NOT met'}** (${verdict(ann.ivf, 'IVF-Flat')}; ${verdict(ann.hnsw, 'HNSW')}).`,
    '',
    ease,
    '',
    loadNote(before),
  ].join('\n');
}

/** EASE on 5,000 items: synthetic interactions (20,000 users × 40 items from 50 taste clusters, Zipf popularity inside). */
async function easeOn5000(context: BenchContext): Promise<string> {
  const items = context.quick ? 1500 : 5000;
  const users = context.quick ? 5000 : 20_000;
  const rng = createRng(3);
  const rows: InteractionRow[] = [];
  for (let u = 0; u < users; u++) {
    const cluster = rng.int(50);
    const seen = new Set<number>();
    while (seen.size < 40) {
      const inCluster = rng.next() < 0.7;
      const rank = Math.floor(Math.exp(rng.next() * Math.log(items / 50)));
      const item = inCluster ? (cluster * (items / 50) + rank - 1) % items : rng.int(items);
      seen.add(item);
    }
    for (const item of seen) rows.push({ userId: `u${u}`, itemId: `i${item}` });
  }
  const data = createInteractions(rows);
  const fit = await timed(() => new EaseRecommender({ lambda: 500 }).fit(data));
  context.log(
    `  EASE on ${data.itemIds.length} items: ${fit.wallSeconds.toFixed(1)} s wall, ${fit.cpuSeconds.toFixed(1)} s CPU`,
  );
  return [
    `EASE fit on ${data.itemIds.length.toLocaleString('en')} items (${users.toLocaleString('en')} synthetic users × 40 items; Gram matrix + blocked Cholesky inverse in Float64Array): ${fit.wallSeconds.toFixed(1)} s wall, ${fit.cpuSeconds.toFixed(1)} s process CPU → target < 60 s ${fit.wallSeconds < 60 ? 'met' : fit.cpuSeconds < 60 ? 'met in CPU time, NOT in wall time on the shared machine' : 'NOT met'}.`,
  ].join('\n');
}
