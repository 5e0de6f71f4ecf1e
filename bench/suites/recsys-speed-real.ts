/**
 * Speed on real embeddings: the recsys-speed protocol (validation-chosen HNSW ef and IVF nprobe,
 * one test scoring) on review texts and product descriptions embedded with core's offline
 * HashingEmbedder, vectors that were not drawn around cluster centres.
 */
import { loadavg } from 'node:os';
import { HashingEmbedder, readRecords } from '@shoppilot/core';
import { ExactIndex } from '@shoppilot/recsys';
import { type BenchContext, dataFile, markdownTable, partialRun, type SuiteOutput } from '../harness';
import { loadNote, type Timed, timed } from './recsys-common';
import { profileQueries, speedSection, verdict } from './recsys-speed';
import {
  annSection,
  type ChosenRow,
  measure,
  meetsTarget,
  RECALL_BAR,
  TARGET_P99_MS,
  TARGET_RECALL,
} from './recsys-speed-ann';

export const REAL_HEADING = '## Speed on real text embeddings (review texts and product descriptions)';
const DIMENSIONS = 64;

/** [file under the data dir, text column] of every corpus used, in this order. */
const SOURCES: Array<[string, string]> = [
  ['reviews/online_shopping_10_cats_train.csv.gz', 'review'],
  ['reviews/fine_foods_train.csv', 'review'],
  ['reviews/uci_amazon.csv', 'text'],
  ['reviews/uci_yelp.csv', 'text'],
  ['transactions/online_retail.csv.gz', 'Description'],
];

interface Corpus {
  texts: string[];
  rows: number;
  perSource: string[];
}

/** Every non-empty text of the sources, identical texts (after trimming) kept once. */
async function loadTexts(context: BenchContext): Promise<Corpus> {
  const seen = new Set<string>();
  const perSource: string[] = [];
  let rows = 0;
  for (const [file, column] of SOURCES) {
    const { records } = await readRecords(dataFile(context, file)).collect();
    const before = seen.size;
    for (const record of records) {
      const text = String(record[column] ?? '').trim();
      rows++;
      if (text !== '') seen.add(text);
    }
    perSource.push(`${file.split('/')[1]} ${(seen.size - before).toLocaleString('en')}`);
  }
  return { texts: [...seen], rows, perSource };
}

/** Unit vectors of the texts; zero vectors and vectors equal to an earlier one are left out (counted). */
function embedDistinct(texts: string[], limit: number) {
  const embedder = new HashingEmbedder({ dimensions: DIMENSIONS });
  const keys = new Set<string>();
  const kept: Float32Array[] = [];
  let zero = 0;
  let duplicate = 0;
  for (const text of texts) {
    if (kept.length >= limit) break;
    const v = embedder.embedOne(text);
    const key = Buffer.from(v.buffer).toString('base64');
    if (v.every((x) => x === 0)) zero++;
    else if (keys.has(key)) duplicate++;
    else {
      keys.add(key);
      kept.push(v);
    }
  }
  const vectors = new Float32Array(kept.length * DIMENSIONS);
  for (const [i, v] of kept.entries()) vectors.set(v, i * DIMENSIONS);
  return { vectors, n: kept.length, zero, duplicate, id: embedder.id };
}

const CHOICE_NOTE = `How the settings were chosen: exactly as in the synthetic section — for each index the smallest ef / nprobe whose **validation** recall@10 is at least ${RECALL_BAR} (fixed before the sweep), then one scoring of the test queries there. The grids are the synthetic ones extended upwards: a \`--quick\` smoke run on the first 15,000 of these vectors (490 lists) needed nprobe 192 and ef 128, so nprobe 192 … 512 and ef 384, 512 were added; the first full run then picked nprobe 384 (validation 0.983; nprobe 256 gave 0.953) and ef 384 (ef 256: 0.937), with test recall 0.982 / 0.961 at 0.97 / 1.40 CPU ms per query, so ef 320 and nprobe 288, 320 were added to the grid (a refinement on validation only; the test queries are scored once at each reported choice). The number of IVF lists is the index default round(4·√n), not tuned on this data.`;

interface Synthetic {
  hnsw?: ChosenRow;
  ivf?: ChosenRow;
}

/** Share of the IVF lists an IVF row's nprobe scans. */
function listShare(row: ChosenRow): string {
  const lists = row.lists ?? Number.NaN;
  return `${row.setting} of ${lists.toLocaleString('en')} lists (${((100 * row.value) / lists).toFixed(0)} %)`;
}

/** The paragraph saying what the figures mean, against the synthetic section's choices when they ran. */
function meaning(
  hnsw: ChosenRow | undefined,
  ivf: ChosenRow | undefined,
  exactCpu: number,
  synthetic?: Synthetic,
) {
  const met = [hnsw, ivf].filter(meetsTarget);
  const cpuUnder = [hnsw, ivf].filter(
    (row) => row && row.recall >= TARGET_RECALL && row.time.cpu < TARGET_P99_MS,
  );
  const here = [
    ivf ? `IVF-Flat needed ${listShare(ivf)}` : 'IVF-Flat reached it at no nprobe of the grid',
    hnsw ? `HNSW ${hnsw.setting}` : 'HNSW at no ef of the grid',
  ].join(' and ');
  const there =
    synthetic?.ivf && synthetic.hnsw
      ? `${listShare(synthetic.ivf)} and ${synthetic.hnsw.setting} on the 100,000 clustered synthetic vectors above`
      : 'a few percent of the lists and a smaller ef on the clustered synthetic vectors (section above, not re-run with this one)';
  const speedUps = [
    ivf && `IVF-Flat ${(exactCpu / ivf.time.cpu).toFixed(1)}×`,
    hnsw && `HNSW ${(exactCpu / hnsw.time.cpu).toFixed(1)}×`,
  ]
    .filter(Boolean)
    .join(', ');
  const names = (rows: Array<ChosenRow | undefined>) =>
    rows.map((row) => row?.index.split(' (')[0]).join(' and ');
  const outcome =
    met.length > 0
      ? `${names(met)} reached test recall 0.95 with p99 under 1 ms here.`
      : cpuUnder.length > 0
        ? `Neither index reached test recall 0.95 with p99 under 1 ms here (${names(cpuUnder)} did in mean CPU time per query, so an idle machine may come close; the wall p99 includes other engineers' load).`
        : 'Neither index reached test recall 0.95 with p99 under 1 ms here, not even in mean CPU time per query.';
  const tunedThere = synthetic?.ivf?.setting ?? 'nprobe 24';
  return [
    `What this means: to reach validation recall@10 ${RECALL_BAR} on these real vectors, ${here}, against ${there}. ${outcome}`,
    `Speed-up over exact search in CPU per query at the chosen settings: ${speedUps} (exact ${exactCpu.toFixed(2)} ms over the same items).`,
    "A likely reason, not measured separately: hashed character n-grams spread the texts over all 64 dimensions without the tight clusters of the synthetic data, so a profile's ten nearest items fall in many k-means cells and graph regions.",
    `The synthetic figures are therefore the easy case: an IVF index tuned there (${tunedThere}) returns far fewer true neighbours on data like this (its validation recall in the table above). How learned embeddings (sentence encoders) behave was not measured here.`,
  ].join(' ');
}

export async function realSpeedSection(context: BenchContext, synthetic?: Synthetic): Promise<string> {
  if (!context.dataDir) {
    return `${REAL_HEADING}\n\nNot run: needs the real data sets (../shared/datasets, or --data-dir / SHOPPILOT_DATA_DIR).`;
  }
  const before = loadavg()[0];
  const corpus = await loadTexts(context);
  const limit = context.quick ? 15_000 : Number.POSITIVE_INFINITY;
  const embedded = await timed(() => embedDistinct(corpus.texts, limit));
  const { vectors, n } = embedded.value;
  context.log(`  real: ${corpus.texts.length} distinct texts -> ${n} vectors`);
  const count = context.quick ? 200 : 1000;
  const test = profileQueries(vectors, DIMENSIONS, count, 2);
  const validation = profileQueries(vectors, DIMENSIONS, count, 99);
  const exact = new ExactIndex(vectors, DIMENSIONS, { metric: 'dot' });
  const exactTime = measure(test, (q) => exact.search(q, 10));
  const ann = await annSection(vectors, DIMENSIONS, exact, test, validation, context, {
    efs: [32, 64, 96, 128, 160, 192, 256, 320, 384, 512],
    nprobes: [4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 64, 96, 128, 192, 256, 288, 320, 384, 512],
    choiceNote: CHOICE_NOTE,
  });
  const chosen = [ann.hnsw, ann.ivf].filter((row): row is ChosenRow => row !== undefined);
  const rows: Array<Array<string | number>> = [
    [
      `exact, ${exact.simd ? 'WebAssembly SIMD' : 'scalar'} (default)`,
      '—',
      1,
      exactTime.p50,
      exactTime.p99,
      exactTime.cpu,
    ],
    ...chosen.map((row) => [row.index, row.setting, row.recall, row.time.p50, row.time.p99, row.time.cpu]),
  ];
  const N = n.toLocaleString('en');
  const met = chosen.some(meetsTarget);
  return [
    REAL_HEADING,
    '',
    itemsParagraph(corpus, embedded, count, context.quick),
    '',
    ann.markdown,
    '',
    `**Test queries** (${N} items; exact search, and each approximate index once at its validation-chosen setting):`,
    '',
    markdownTable(['index', 'setting', 'test recall@10', 'p50 ms', 'p99 ms', 'CPU ms / query'], rows),
    '',
    `Approximate p99 < 1 ms at recall@10 >= 0.95 on these ${N} real vectors → **${met ? 'met' : 'NOT met'}** (${verdict(ann.ivf, 'IVF-Flat')}; ${verdict(ann.hnsw, 'HNSW')}). Exact search over the same ${N} items: p99 ${exactTime.p99.toFixed(2)} ms, CPU ${exactTime.cpu.toFixed(2)} ms/query.`,
    '',
    meaning(ann.hnsw, ann.ivf, exactTime.cpu, synthetic),
    '',
    loadNote(before),
  ].join('\n');
}

function itemsParagraph(
  corpus: Corpus,
  embedded: Timed<ReturnType<typeof embedDistinct>>,
  count: number,
  quick: boolean,
): string {
  const { n, zero, duplicate, id } = embedded.value;
  const N = n.toLocaleString('en');
  const files = SOURCES.map(([file, column]) => `\`${file}\` (${column})`).join(', ');
  return `Items: every distinct non-empty text of ${files} — ${corpus.rows.toLocaleString('en')} rows read, ${corpus.texts.length.toLocaleString('en')} distinct texts (${corpus.perSource.join(', ')} new per file, in this order), embedded with core's \`HashingEmbedder({ dimensions: ${DIMENSIONS} })\` (\`${id}\`: signed feature hashing of character 1-3-grams, L2-normalised; ${DIMENSIONS} dimensions as in the synthetic section, so a distance costs the same). ${zero} texts gave a zero vector and ${duplicate} a vector equal to an earlier text's (left out, so that recall is not blurred by tied twins): **n = ${N} items**${quick ? ' (a --quick run: the first 15,000 only)' : ''}, below the issue's 100,000 — these figures are for ${N} items and are not extrapolated. Embedding took ${embedded.cpuSeconds.toFixed(1)} s CPU. Queries as in the synthetic section: ${count} test (seed 2) and ${count} validation (seed 99) user profiles, each the sum of 5 random items' vectors; inner-product top-10; recall@10 against the exact top-10.`;
}

/**
 * The recsys-speed suite: the synthetic 100,000-item section, then the real-embedding section.
 * `RECSYS_SPEED_PARTS=synthetic` or `=real` runs one of them alone; its section is then merged
 * into the existing page instead of overwriting it.
 */
export async function speedSections(context: BenchContext): Promise<SuiteOutput> {
  const parts = (process.env.RECSYS_SPEED_PARTS ?? 'synthetic,real').split(',').map((part) => part.trim());
  const unknown = parts.filter((part) => part !== 'synthetic' && part !== 'real');
  if (unknown.length > 0)
    throw new Error(`RECSYS_SPEED_PARTS: unknown part(s) ${unknown.join(', ')} (use synthetic, real)`);
  const markdown: string[] = [];
  let synthetic: Synthetic | undefined;
  if (parts.includes('synthetic'))
    markdown.push(await speedSection(context, (chosen) => (synthetic = chosen)));
  if (parts.includes('real')) {
    context.log('\n  real-embedding section');
    markdown.push(await realSpeedSection(context, synthetic));
  }
  return { markdown: markdown.join('\n\n'), partial: partialRun('RECSYS_SPEED_PARTS') };
}
