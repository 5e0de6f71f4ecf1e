import {
  applyScaling,
  assignPersonas,
  chooseK,
  DEFAULT_PERSONAS,
  fillMissing,
  type KScore,
  type PersonaRule,
  rfmSegments,
  selectFeatures,
  standardStatistics,
  type UserFeatures,
} from '@shoppilot/profiling';

/** Features the invoices support, used for clustering (money on a log scale). */
export const CLUSTER_FEATURES = [
  'recencyDays',
  'frequency',
  'monetary',
  'aov',
  'interPurchaseMeanDays',
  'pricePosition',
  'refundRate',
  'tenureDays',
] as const;

const LOG_SCALED = new Set(['frequency', 'monetary', 'aov', 'interPurchaseMeanDays']);

/** Words for a cluster centre far above (+) or below (−) the population on a feature. */
const DESCRIPTORS: Record<string, [string, string]> = {
  recencyDays: ['lapsed', 'recently active'],
  frequency: ['frequent', 'rare'],
  monetary: ['big spenders', 'small spenders'],
  aov: ['large baskets', 'small baskets'],
  interPurchaseMeanDays: ['long gaps between orders', 'short gaps between orders'],
  pricePosition: ['premium-priced items', 'low-priced items'],
  refundRate: ['many returns', 'few returns'],
  tenureDays: ['long-standing', 'new'],
};

/**
 * Personas for invoice data, as data: the package's `high-value` and `dormant`, plus rules on
 * what invoices show. Its `price-sensitive`, `quality-seeking` and `impulse` need views, carts,
 * review reads and discount flags, which this data does not have.
 */
export const DEMO_PERSONAS: readonly PersonaRule[] = [
  ...DEFAULT_PERSONAS.filter((rule) => rule.name === 'high-value' || rule.name === 'dormant'),
  {
    name: 'bulk-buyer',
    description: 'top-decile order value (wholesale-like baskets)',
    required: [{ feature: 'frequency', op: '>=', value: 1 }],
    conditions: [{ feature: 'aov', op: '>=', quantile: 0.9 }],
  },
  {
    name: 'bargain-hunter',
    description: 'buys well below the median price of each product group, repeatedly',
    required: [{ feature: 'frequency', op: '>=', value: 2 }],
    conditions: [{ feature: 'pricePosition', op: '<=', quantile: 0.2 }],
  },
  {
    name: 'premium-buyer',
    description: 'buys above the median price of each product group',
    required: [{ feature: 'frequency', op: '>=', value: 1 }],
    conditions: [{ feature: 'pricePosition', op: '>=', quantile: 0.8 }],
  },
  {
    name: 'one-time',
    description: 'a single order, more than 60 days ago',
    conditions: [
      { feature: 'frequency', op: '<=', value: 1 },
      { feature: 'recencyDays', op: '>=', value: 60 },
    ],
  },
  {
    name: 'returner',
    description: 'returns at least one line in five bought',
    required: [{ feature: 'frequency', op: '>=', value: 1 }],
    conditions: [{ feature: 'refundRate', op: '>=', value: 0.2 }],
  },
];

export interface ClusterProfile {
  id: number;
  name: string;
  size: number;
  share: number;
  /** Mean of each clustering feature in the cluster (original units). */
  means: Record<string, number>;
  /** Features where the centre is furthest from the population, in standard deviations. */
  evidence: Array<{ feature: string; z: number; clusterMean: number; populationMean: number }>;
  /** The most common persona among its members. */
  topPersona?: string;
}

export interface SegmentResult {
  rfm: Array<{
    segment: string;
    users: number;
    share: number;
    recencyDays: number;
    frequency: number;
    monetary: number;
  }>;
  k: number;
  criterion: string;
  scores: KScore[];
  clusters: ClusterProfile[];
  filled: Record<string, { value: number; count: number }>;
  personas: Array<{ name: string; description: string; users: number }>;
  personaExamples: Array<{
    userId: string;
    persona: string;
    evidence: Array<{ feature: string; op: string; threshold: number; value: number; met: boolean }>;
  }>;
  /** Primary persona per user (for other stages). */
  primaryPersona: Map<string, string>;
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
}

function rfmTable(features: UserFeatures): SegmentResult['rfm'] {
  const rfm = rfmSegments(features);
  const column = (name: string) => features.names.indexOf(name);
  const width = features.names.length;
  const groups = new Map<string, number[]>();
  rfm.segment.forEach((segment, row) => {
    const rows = groups.get(segment) ?? [];
    rows.push(row);
    groups.set(segment, rows);
  });
  const value = (row: number, name: string) => features.values[row * width + column(name)];
  return [...groups]
    .map(([segment, rows]) => ({
      segment,
      users: rows.length,
      share: rows.length / features.userIds.length,
      recencyDays: mean(rows.map((r) => value(r, 'recencyDays'))),
      frequency: mean(rows.map((r) => value(r, 'frequency'))),
      monetary: mean(rows.map((r) => value(r, 'monetary'))),
    }))
    .sort((a, b) => b.users - a.users);
}

function clusterMatrix(features: UserFeatures) {
  const { features: filledFeatures, filled } = fillMissing(
    selectFeatures(features, CLUSTER_FEATURES),
    'median',
  );
  const data = filledFeatures.values.slice();
  const cols = CLUSTER_FEATURES.length;
  CLUSTER_FEATURES.forEach((name, k) => {
    if (!LOG_SCALED.has(name)) return;
    for (let i = k; i < data.length; i += cols) data[i] = Math.log1p(Math.max(0, data[i]));
  });
  const raw = { rows: data.length / cols, cols, data };
  return { raw, original: filledFeatures.values, filled, scaled: applyScaling(raw, standardStatistics(raw)) };
}

function describeClusters(
  labels: Int32Array,
  k: number,
  matrix: ReturnType<typeof clusterMatrix>,
  primary: (string | undefined)[],
): ClusterProfile[] {
  const cols = CLUSTER_FEATURES.length;
  const n = labels.length;
  return Array.from({ length: k }, (_, id) => {
    const rows = Array.from({ length: n }, (_, i) => i).filter((i) => labels[i] === id);
    const means: Record<string, number> = {};
    const evidence: ClusterProfile['evidence'] = [];
    CLUSTER_FEATURES.forEach((feature, c) => {
      means[feature] = mean(rows.map((r) => matrix.original[r * cols + c]));
      const z = mean(rows.map((r) => matrix.scaled.data[r * cols + c]));
      const populationMean = mean(Array.from({ length: n }, (_, r) => matrix.original[r * cols + c]));
      evidence.push({ feature, z, clusterMean: means[feature], populationMean });
    });
    evidence.sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
    const name = evidence
      .slice(0, 2)
      .map((e) => DESCRIPTORS[e.feature][e.z >= 0 ? 0 : 1])
      .join(', ');
    const counts = new Map<string, number>();
    for (const r of rows)
      if (primary[r]) counts.set(primary[r] as string, (counts.get(primary[r] as string) ?? 0) + 1);
    const topPersona = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    return {
      id,
      name,
      size: rows.length,
      share: rows.length / n,
      means,
      evidence: evidence.slice(0, 4),
      topPersona,
    };
  }).sort((a, b) => b.size - a.size);
}

/** RFM segments, k-means clusters (k by silhouette) described by their evidence, and personas. */
export function segmentCustomers(features: UserFeatures, seed: number): SegmentResult {
  const matrix = clusterMatrix(features);
  const choice = chooseK(matrix.scaled, {
    candidates: [3, 4, 5, 6],
    criterion: 'silhouette',
    nInit: 4,
    seed,
  });
  const personas = assignPersonas(features, DEMO_PERSONAS);
  const primary = personas.map((p) => p.primary);
  const counts = new Map<string, number>();
  for (const p of personas)
    for (const match of p.personas) counts.set(match.name, (counts.get(match.name) ?? 0) + 1);
  const examples = DEMO_PERSONAS.flatMap((rule) => {
    const user = personas.find((p) => p.primary === rule.name);
    const match = user?.personas.find((m) => m.name === rule.name);
    return user && match
      ? [
          {
            userId: user.userId,
            persona: rule.name,
            evidence: match.evidence.map(({ source: _source, ...e }) => e),
          },
        ]
      : [];
  });
  return {
    rfm: rfmTable(features),
    k: choice.k,
    criterion: choice.criterion,
    scores: choice.scores,
    clusters: describeClusters(choice.best.labels, choice.k, matrix, primary),
    filled: matrix.filled,
    personas: DEMO_PERSONAS.map((rule) => ({
      name: rule.name,
      description: rule.description,
      users: counts.get(rule.name) ?? 0,
    })),
    personaExamples: examples,
    primaryPersona: new Map(
      personas.flatMap((p) => (p.primary ? [[p.userId, p.primary] as [string, string]] : [])),
    ),
  };
}
