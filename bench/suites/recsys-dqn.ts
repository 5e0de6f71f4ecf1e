/** DQN against the greedy one-step policy in a user simulator fitted on the Taobao log; planning headroom; IPS/SNIPS. */
import { loadavg } from 'node:os';
import { createRng, type Rng } from '@shoppilot/core';
import {
  candidateItems,
  DqnRecommender,
  evaluatePolicy,
  fitUserSimulator,
  type LoggedDecision,
  type Observation,
  observe,
  offPolicyEstimate,
  type PolicyEvaluation,
  pairedDifference,
  rolloutPlanner,
  type SimulatedSession,
  type SimulatorSettings,
  trueGreedyPolicy,
  UserSimulator,
} from '@shoppilot/recsys';
import { type BenchContext, dataFile, markdownTable } from '../harness';
import { loadNote, type Timed, timed } from './recsys-common';
import { loadTaobao, sequentialDataset } from './recsys-data';

/** Discount and n-step of the DQN, chosen on validation sessions (seed 999, see VALIDATION). */
const GAMMA = 0.9;
const N_STEP = 3;

/** How the settings were chosen: validation runs (1,000 sessions, seed 999 ≠ the test seed 2024, training seed 11 unless stated). */
const VALIDATION = [
  '| configuration | DQN (Q) | greedy r̂ of the same model | paired difference |',
  '| --- | --- | --- | --- |',
  '| before: γ 0.5, raw rewards, one network (the earlier bench, test sessions) | 0.1197 | 0.1241 (separate γ = 0 net) | −0.0043 ± 0.0018 |',
  '| rewards ÷ warm-up mean, exposure / drifted-interest features, Q = r̂ + Ĉ, γ 0.5, 1-step | 0.1334 | 0.1334 | −0.0000 ± 0.0013 |',
  '| the same, γ 0.9, 3-step | 0.1200 | 0.1311 | −0.0112 ± 0.0019 |',
  '| + dueling split of Ĉ into state baseline B(s) + Â(s, a) on all features, γ 0.9, 3-step | 0.1294 | 0.1377 | −0.0083 ± 0.0016 |',
  '| + Â on the state and item-summary features only (no item embedding), γ 0.9, 3-step (chosen) | 0.1319 | 0.1261 | +0.0057 ± 0.0019 |',
  '| the chosen configuration with training seed 12 (robustness check) | 0.1344 | 0.1362 | −0.0018 ± 0.0014 |',
  '| warm start (`fit(…, { warmStart })`): r̂ = a separate γ = 0 network, frozen; only B + Â learn; γ 0.9, 3-step | 0.1355 | 0.1383 | −0.0029 ± 0.0015 |',
  '| the same warm start, γ 0.8, 5,000 training sessions | 0.1384 | 0.1383 | +0.0001 ± 0.0013 |',
];

/** The earlier run in the original stated setting (φ 1.2, leave 0.15), training seed 11: kept as is, not re-run here. */
const ORIGINAL_RUN = [
  '| policy | mean reward / session | SE | clicks | buys (sampled) | steps | train s (wall / CPU) |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  '| DQN (γ = 0.9, 3-step) | 0.1278 | 0.0035 | 3.833 | 0.1030 | 8.773 | 403 / 122 |',
  '| greedy one-step: r̂ head of the same DQN | 0.1246 | 0.0036 | 3.526 | 0.1025 | 8.440 | — |',
  '| greedy one-step: separate γ = 0 network | 0.1327 | 0.0036 | 4.043 | 0.1140 | 8.819 | 34 / 14 |',
  '| highest affinity not yet shown | 0.0564 | 9.579e-4 | 2.832 | 0.0485 | 8.057 | — |',
  '| random candidate | 0.0349 | 9.811e-4 | 1.718 | 0.0340 | 7.006 | — |',
];

/** Training sessions in the second setting, chosen on validation sessions (see VALIDATION_SECOND). */
const EPISODES_SECOND = 10_000;

/** Validation runs in the second setting (1,000 sessions, seed 999 ≠ the test seed 2024). */
const VALIDATION_SECOND = [
  '| configuration (second setting) | training seed | DQN | r̂ head of the same DQN | separate γ = 0 network | DQN − r̂ head | DQN − γ = 0 network |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  '| the chosen configuration as is (3,000 training sessions) | 11 | 0.1359 | 0.1723 | 0.1527 | −0.0363 ± 0.0044 | −0.0168 ± 0.0035 |',
  '| the same with 10,000 training sessions (chosen) | 11 | 0.1988 | 0.1954 | 0.1914 | +0.0034 ± 0.0018 | +0.0074 ± 0.0022 |',
  '| the same, 10,000 training sessions | 12 | 0.1969 | 0.1845 | 0.1794 | +0.0124 ± 0.0026 | +0.0175 ± 0.0030 |',
  '| the same, 10,000 training sessions | 13 | 0.1941 | 0.1839 | 0.1966 | +0.0102 ± 0.0029 | −0.0025 ± 0.0028 |',
];

const CANDIDATES = 20;
const TEST_SEED = 2024;
/** Sessions for the headroom grid (never the test seed). */
const HEADROOM_SEED = 555;
const TRAINING_SEEDS = [11, 12, 13];
/** The stated settings tried for planning headroom, in order of increasing change from the original
 * (leave only, then fatigue only, then both); the first with headroom ≥ 10% at > 2 SE is chosen. */
const GRID: Array<Pick<SimulatorSettings, 'fatigue' | 'leaveAfterNoClick'>> = [
  { fatigue: 1.2, leaveAfterNoClick: 0.15 },
  ...[0.3, 0.45, 0.6].map((leave) => ({ fatigue: 1.2, leaveAfterNoClick: leave })),
  ...[0.6, 2.4].map((fatigue) => ({ fatigue, leaveAfterNoClick: 0.15 })),
  ...[0.6, 2.4].flatMap((fatigue) =>
    [0.3, 0.45, 0.6].map((leave) => ({ fatigue, leaveAfterNoClick: leave })),
  ),
];
const HEADROOM_TARGET = 0.1;

type AnyPolicy = (o: Observation, rng: Rng, session: SimulatedSession) => number;

interface Headroom {
  greedy: PolicyEvaluation;
  planner: PolicyEvaluation;
  difference: { mean: number; standardError: number };
  cpuSeconds: number;
}

/** True-model rollout planner against true-model greedy on the same sessions. */
function headroom(simulator: UserSimulator, sessions: number, seed: number): Headroom {
  const cpu = process.cpuUsage();
  const run = (policy: AnyPolicy) =>
    evaluatePolicy(simulator, policy, { sessions, seed, candidates: CANDIDATES });
  const greedy = run(trueGreedyPolicy(simulator));
  const planner = run(rolloutPlanner(simulator));
  const used = process.cpuUsage(cpu);
  return {
    greedy,
    planner,
    difference: pairedDifference(planner.rewards, greedy.rewards),
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

const withSettings = (simulator: UserSimulator, settings: Partial<SimulatorSettings>) =>
  new UserSimulator(simulator.items, simulator.profiles, { ...simulator.settings, ...settings });

const signed = (v: number, digits = 4) => `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;
const percent = (d: { mean: number }, reference: number) => `${signed((100 * d.mean) / reference, 1)}%`;
const ratio = (d: { mean: number; standardError: number }) => (d.mean / d.standardError).toFixed(1);

/** Runs the grid on headroom sessions and picks the first setting that reaches the target. */
function headroomGrid(simulator: UserSimulator, sessions: number, log: (line: string) => void) {
  const rows: Array<Array<string | number>> = [];
  let chosen: (typeof GRID)[number] | undefined;
  let chosenGain = 0;
  let best = { gain: Number.NEGATIVE_INFINITY, setting: GRID[0] };
  for (const setting of GRID) {
    const h = headroom(withSettings(simulator, setting), sessions, HEADROOM_SEED);
    const gain = h.difference.mean / h.greedy.meanReward;
    const reaches = gain >= HEADROOM_TARGET && h.difference.mean > 2 * h.difference.standardError;
    if (reaches && !chosen) {
      chosen = setting;
      chosenGain = gain;
    }
    if (gain > best.gain) best = { gain, setting };
    log(
      `  headroom φ ${setting.fatigue} leave ${setting.leaveAfterNoClick}: ${percent(h.difference, h.greedy.meanReward)} (${ratio(h.difference)} SE)`,
    );
    rows.push([
      String(setting.fatigue),
      String(setting.leaveAfterNoClick),
      h.greedy.meanReward,
      h.planner.meanReward,
      `${signed(h.difference.mean)} ± ${h.difference.standardError.toFixed(4)}`,
      `${percent(h.difference, h.greedy.meanReward)} (${ratio(h.difference)} SE)`,
      `${h.greedy.meanLength.toFixed(2)} / ${h.planner.meanLength.toFixed(2)}`,
      h.cpuSeconds.toFixed(1),
    ]);
  }
  return {
    rows,
    chosen: chosen ?? best.setting,
    reached: chosen !== undefined,
    chosenGain: `${signed(100 * (chosen ? chosenGain : best.gain), 1)}%`,
  };
}

interface SeedRun {
  seed: number;
  dqn: PolicyEvaluation;
  head: PolicyEvaluation;
  greedy: PolicyEvaluation;
  dqnFit: Timed<DqnRecommender>;
  greedyFit: Timed<DqnRecommender>;
}

/** Trains the chosen DQN and the separate γ = 0 network with one seed and evaluates both greedy baselines. */
async function trainAndCompare(
  simulator: UserSimulator,
  seed: number,
  options: { episodes: number; sessions: number; evaluationSeed: number },
): Promise<SeedRun> {
  const base = { ...DQN_BASE, episodes: options.episodes, seed };
  const dqnFit = await timed(() =>
    new DqnRecommender({ ...base, gamma: GAMMA, nStep: N_STEP, decomposed: true }).fit(simulator),
  );
  const greedyFit = await timed(() =>
    new DqnRecommender({ ...base, gamma: 0, decomposed: false }).fit(simulator),
  );
  const run = (policy: (o: Observation) => number) =>
    evaluatePolicy(simulator, policy, {
      sessions: options.sessions,
      seed: options.evaluationSeed,
      candidates: CANDIDATES,
    });
  return {
    seed,
    dqn: run(policyOf(simulator, dqnFit.value)),
    head: run(policyOf(simulator, dqnFit.value, true)),
    greedy: run(policyOf(simulator, greedyFit.value)),
    dqnFit,
    greedyFit,
  };
}

const DQN_BASE = {
  candidates: CANDIDATES,
  hidden: [32, 16],
  trainEvery: 4,
  batchSize: 32,
  learningRate: 0.001,
  targetSync: 100,
  warmup: 1000,
};

const policyOf =
  (simulator: UserSimulator, model: DqnRecommender, immediate = false) =>
  (o: Observation) =>
    model.act(simulator, o, { immediate }).item;

/** Per-session rewards averaged over the training seeds (the sessions are common to every seed). */
function seedMean(runs: SeedRun[], pick: (run: SeedRun) => PolicyEvaluation): Float64Array {
  const n = pick(runs[0]).rewards.length;
  const out = new Float64Array(n);
  for (const run of runs) for (let s = 0; s < n; s++) out[s] += pick(run).rewards[s] / runs.length;
  return out;
}

/** The seed table, the mean-over-seeds differences, and whether the target is met. */
function seedTable(runs: SeedRun[]) {
  const rows = runs.map((r) => {
    const vsHead = pairedDifference(r.dqn.rewards, r.head.rewards);
    const vsGreedy = pairedDifference(r.dqn.rewards, r.greedy.rewards);
    return {
      vsHead,
      vsGreedy,
      cells: [
        r.seed,
        r.dqn.meanReward,
        r.head.meanReward,
        r.greedy.meanReward,
        `${signed(vsHead.mean)} ± ${vsHead.standardError.toFixed(4)} (${ratio(vsHead)} SE)`,
        `${signed(vsGreedy.mean)} ± ${vsGreedy.standardError.toFixed(4)} (${ratio(vsGreedy)} SE)`,
        `${r.dqnFit.cpuSeconds.toFixed(0)} / ${r.greedyFit.cpuSeconds.toFixed(0)}`,
      ] as Array<string | number>,
    };
  });
  const dqn = seedMean(runs, (r) => r.dqn);
  const head = seedMean(runs, (r) => r.head);
  const greedy = seedMean(runs, (r) => r.greedy);
  const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
  const vsHead = pairedDifference(dqn, head);
  const vsGreedy = pairedDifference(dqn, greedy);
  const clearlyNegative = rows.some(
    (r) => r.vsHead.mean < -2 * r.vsHead.standardError || r.vsGreedy.mean < -2 * r.vsGreedy.standardError,
  );
  const met =
    vsHead.mean > 2 * vsHead.standardError && vsGreedy.mean > 2 * vsGreedy.standardError && !clearlyNegative;
  const acrossSeeds = (values: number[]) => {
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    const v = values.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, values.length - 1);
    const d = { mean: m, standardError: Math.sqrt(v / values.length) };
    return `${signed(d.mean)} ± ${d.standardError.toFixed(4)} (${ratio(d)} SE)`;
  };
  const seedLevel = `Across training seeds (each seed's mean paired difference as one observation, n = ${rows.length}; this SE includes the seed-to-seed spread of training, which the session-level SE of the rule does not): DQN − r̂ head ${acrossSeeds(rows.map((r) => r.vsHead.mean))}; DQN − γ = 0 network ${acrossSeeds(rows.map((r) => r.vsGreedy.mean))}.`;
  const cells = [
    `mean of ${runs.length} seeds`,
    mean(dqn),
    mean(head),
    mean(greedy),
    `${signed(vsHead.mean)} ± ${vsHead.standardError.toFixed(4)} (${ratio(vsHead)} SE, ${percent(vsHead, mean(head))})`,
    `${signed(vsGreedy.mean)} ± ${vsGreedy.standardError.toFixed(4)} (${ratio(vsGreedy)} SE, ${percent(vsGreedy, mean(greedy))})`,
    `${runs.reduce((a, r) => a + r.dqnFit.cpuSeconds, 0).toFixed(0)} / ${runs.reduce((a, r) => a + r.greedyFit.cpuSeconds, 0).toFixed(0)} (total)`,
  ];
  return {
    table: markdownTable(
      [
        'training seed',
        'DQN',
        'greedy: r̂ head of the same DQN',
        'greedy: separate γ = 0 network',
        'DQN − r̂ head (paired)',
        'DQN − γ = 0 network (paired)',
        'train CPU s (DQN / γ = 0)',
      ],
      [...rows.map((r) => r.cells), cells],
    ),
    vsHead,
    vsGreedy,
    clearlyNegative,
    met,
    seedLevel,
  };
}

export async function dqnSection(context: BenchContext): Promise<string> {
  const before = loadavg()[0];
  const { rows, behaviours } = loadTaobao(dataFile(context, 'clickstream/taobao_userbehavior_head.csv'));
  const conversions: Record<string, { views: number; buys: number }> = {};
  rows.forEach((row, k) => {
    conversions[row.itemId] ??= { views: 0, buys: 0 };
    const c = conversions[row.itemId];
    if (behaviours[k] === 'pv') c.views++;
    if (behaviours[k] === 'buy') c.buys++;
  });
  const data = sequentialDataset(rows, 2, 2);
  const { simulator: fitted, report } = await fitUserSimulator(data, {
    items: 500,
    dimension: 16,
    conversions,
    seed: 1,
  });
  const quick = context.quick;
  const grid = headroomGrid(fitted, quick ? 100 : 500, context.log);
  const simulator = withSettings(fitted, grid.chosen);
  const sessions = quick ? 300 : 2000;
  const episodes = quick ? 300 : EPISODES_SECOND;
  const seeds = quick ? TRAINING_SEEDS.slice(0, 1) : TRAINING_SEEDS;
  const runs: SeedRun[] = [];
  for (const seed of seeds) {
    runs.push(await trainAndCompare(simulator, seed, { episodes, sessions, evaluationSeed: TEST_SEED }));
    const r = runs[runs.length - 1];
    context.log(
      `  seed ${seed}: DQN ${r.dqn.meanReward.toFixed(4)}, r̂ head ${r.head.meanReward.toFixed(4)}, γ = 0 ${r.greedy.meanReward.toFixed(4)} (train CPU ${r.dqnFit.cpuSeconds.toFixed(0)} + ${r.greedyFit.cpuSeconds.toFixed(0)} s)`,
    );
  }
  const seedsResult = seedTable(runs);
  const evaluate = (sim: UserSimulator, policy: AnyPolicy) =>
    evaluatePolicy(sim, policy, { sessions, seed: TEST_SEED, candidates: CANDIDATES });
  const reference = (sim: UserSimulator) => {
    const h = headroom(sim, sessions, TEST_SEED);
    return {
      h,
      affinity: evaluate(sim, (o) => o.candidates.find((c) => !o.shown.includes(c)) ?? o.candidates[0]),
      random: evaluate(sim, (o, rng) => o.candidates[rng.int(o.candidates.length)]),
    };
  };
  const chosenReference = reference(simulator);
  const originalReference = reference(fitted);
  const policyRow = (name: string, r: PolicyEvaluation) => [
    name,
    r.meanReward,
    r.standardError,
    r.meanClicks,
    r.meanBuys,
    r.meanLength,
  ];
  const referenceTable = (ref: ReturnType<typeof reference>, extra: Array<Array<string | number>>) =>
    markdownTable(
      ['policy', 'mean reward / session', 'SE', 'clicks', 'buys (sampled)', 'steps'],
      [
        ...extra,
        policyRow('true-model rollout planner (reads the hidden state)', ref.h.planner),
        policyRow('true-model greedy (argmax of the true expected one-step reward)', ref.h.greedy),
        policyRow('highest affinity not yet shown', ref.affinity),
        policyRow('random candidate', ref.random),
      ],
    );
  const s = report.settings;
  const c = simulator.settings;
  const meanOf = (pick: (run: SeedRun) => PolicyEvaluation) =>
    (runs.reduce((a, r) => a + pick(r).meanReward, 0) / runs.length).toFixed(4);
  const dqnSeed11 = runs[0];
  const headroomLine = (ref: ReturnType<typeof reference>) =>
    `planner − true greedy, paired: ${signed(ref.h.difference.mean)} ± ${ref.h.difference.standardError.toFixed(4)} (${percent(ref.h.difference, ref.h.greedy.meanReward)}, ${ratio(ref.h.difference)} SE; ${ref.h.cpuSeconds.toFixed(0)} CPU s)`;
  return [
    '## DQN against the greedy one-step policy (simulated 20-step sessions)',
    '',
    `Simulator fitted on the Taobao log (${data.userIds.length} users, ${data.itemIds.length} items after first-occurrence and 2-core filtering; the ${report.items} most popular items are the catalogue, ${report.users} user profiles): topic vectors = normalised 16-factor ALS item factors; a user's logged profile = mean topic of their history; click utility \`β·interest·item + quality − φ·fatigue\` against a no-click utility, with β = ${report.affinity.toFixed(3)} and the popularity weight ${report.qualityWeight.toFixed(3)} fitted by logistic regression of each logged item against 4 random items; the no-click utility ${report.noClickUtility.toFixed(3)} makes the mean first-step click rate of a user's top 20 items 0.35; conversion per item = smoothed buys / page views from the log (mean ${report.meanConversion.toFixed(4)}).`,
    '',
    `Stated settings (not identifiable from a log without impressions). Original setting: fatigue φ = ${s.fatigue} per unit of exposure (every shown item adds cos(shown, item)² to each item, decaying ×${s.fatigueDecay} per step); interest drift η = ${s.drift} towards clicked items; a step without a click ends the session with probability ${s.leaveAfterNoClick} (×1.5 on mobile, half the sessions); at most ${s.sessionLength} steps. Second setting (chosen below by planning headroom only): the same with φ = ${c.fatigue} and a step without a click ending the session with probability ${c.leaveAfterNoClick} (×1.5 on mobile: ${Math.min(1, 1.5 * c.leaveAfterNoClick).toFixed(2)}).`,
    '',
    `Reward = click × conversion × order value: a click earns P(buy | click) × (conversion weight ${s.reward.conversion} + value weight ${s.reward.value} × order value), order value = 1 because the log has no prices (so the reward counts expected purchases); clicks alone earn ${s.reward.click}.`,
    '',
    '### Planning headroom: how much can any planner win over greedy in this simulator?',
    '',
    `True-model greedy shows the candidate with the highest true expected one-step reward (it reads the hidden interest and fatigue). The true-model rollout planner (\`rolloutPlanner\`, one-step lookahead over greedy) values each candidate a as r(s, a) + P(the session goes on | a) · G(s'), where s' is the state after a (fatigue exactly, interest drifted by the expected share p·η) and G the return of true-model greedy from s' with the survival probability carried step by step; deterministic, so its values have no sampling noise. Both choose among the same ${CANDIDATES} candidates as the learnt policies. The grid below is run on ${quick ? 100 : 500} headroom sessions (seed ${HEADROOM_SEED}, not the test seed) in order of increasing change from the original setting (leave only, fatigue only, then both); rule fixed before any DQN run in a new setting: the first setting whose planner gains ≥ ${100 * HEADROOM_TARGET}% over true greedy at > 2 SE is the second setting (if none did, the largest gain). No DQN result is used.`,
    '',
    markdownTable(
      [
        'fatigue φ',
        'leave after a miss',
        'true greedy',
        'rollout planner',
        'difference (paired)',
        'gain',
        'steps (greedy / planner)',
        'CPU s',
      ],
      grid.rows,
    ),
    '',
    `Chosen: φ = ${grid.chosen.fatigue}, leave = ${grid.chosen.leaveAfterNoClick} (${grid.reached ? `the first setting that reaches ${100 * HEADROOM_TARGET}%` : `no setting reached ${100 * HEADROOM_TARGET}%; the largest gain`}). Why this makes sense for a shop: users who get an irrelevant recommendation often leave, so a miss costs the rest of the session, and the value of keeping the user (shown by the planner's longer sessions) can outweigh the one-step expected purchase that greedy maximises.`,
    '',
    `### Second setting (φ = ${c.fatigue}, leave ${c.leaveAfterNoClick}): DQN against both greedy baselines, ${seeds.length} training seed${seeds.length > 1 ? 's' : ''}`,
    '',
    `DQN configuration as chosen in the original setting (validation table at the end), with one change chosen on validation sessions of this setting (seed 999, table below): ${episodes} training sessions instead of 3,000 — sessions here are about half as long, and with 3,000 of them the DQN stayed far below both greedy baselines. Double DQN with ${N_STEP}-step returns, γ = ${GAMMA}, rewards divided by the mean reward per step of the ${DQN_BASE.warmup} warm-up transitions (${(dqnSeed11.dqnFit.value.toJSON().state?.rewardScale ?? 1).toPrecision(3)} for seed ${dqnSeed11.seed}; Q-values are reported back in reward units), Huber loss (δ = 10 scaled units), Q(s, a) = r̂(s, a) + B(s) + Â(s, a): an immediate-reward head r̂ regressed on r_t and a continuation (the discounted rest of the same Double-DQN target) split dueling-style into a state baseline B and an action head Â; each an MLP ${DQN_BASE.hidden.join('-')}. Features: state (profile, last 3 shown, last clicked, mobile, progress, steps since click, click share) → B; + item summary (quality, conversion, similarity to profile / recent / a click-drifted interest estimate, largest similarity to the last 5 shown, repeats, recency-weighted exposure at decays 0.5 and 0.85) → Â; + item vector and profile ⊙ item → r̂. Replay 50,000, batch ${DQN_BASE.batchSize}, an update every ${DQN_BASE.trainEvery} steps, target sync every ${DQN_BASE.targetSync} updates, ε 1 → 0.05 over 60% of ${episodes} training sessions. Greedy from the same model: argmax of its r̂ head. Greedy γ = 0: a separate network on all features trained by the same loop (same seed) with γ = 0, acting by its argmax. The learnt policies see only the observation (profile, context, what was shown and clicked), never the hidden state.`,
    '',
    seedsResult.table,
    '',
    `${sessions} test sessions per policy with common random numbers (session s draws the same user and context for every policy and seed; seed ${TEST_SEED}, used once for these figures). The mean row averages each session's reward over the seeds, then takes the paired SE over sessions. Target (set before the run): mean paired difference > 2 SE against BOTH greedy baselines and no seed clearly negative (< −2 SE): DQN − r̂ head ${seedsResult.vsHead.mean > 2 * seedsResult.vsHead.standardError ? 'passes' : 'fails'}, DQN − γ = 0 network ${seedsResult.vsGreedy.mean > 2 * seedsResult.vsGreedy.standardError ? 'passes' : 'fails'}, ${seedsResult.clearlyNegative ? 'a seed is clearly negative' : 'no seed clearly negative'} → **${seedsResult.met ? 'met' : 'NOT met'}** in this setting. ${seedsResult.seedLevel}`,
    '',
    'Every configuration tried in the second setting (validation sessions; the test sessions were used once, for the table above):',
    '',
    ...VALIDATION_SECOND,
    '',
    'Reference policies on the same test sessions (second setting):',
    '',
    referenceTable(chosenReference, []),
    '',
    `Headroom on the test sessions: ${headroomLine(chosenReference)}, against ${grid.chosenGain} on the ${quick ? 100 : 500} headroom sessions that chose this setting. The test figure is the unbiased one: the choice took the first of ${GRID.length} noisy measurements to pass the bar, so its own figure is optimistic. The DQN's gain is measured against the learnt greedy policies, not against the true model: mean over seeds, DQN ${meanOf((r) => r.dqn)}, r̂ head ${meanOf((r) => r.head)}, γ = 0 network ${meanOf((r) => r.greedy)}, true greedy ${chosenReference.h.greedy.meanReward.toFixed(4)}.`,
    '',
    '### Original setting (φ = 1.2, leave 0.15)',
    '',
    'DQN and greedy baselines: the earlier run (training seed 11, 2000 test sessions, seed 2024), kept as is and not re-run; a second training seed (12) flipped the sign of DQN − r̂ head on validation sessions (table below).',
    '',
    ...ORIGINAL_RUN,
    '',
    'Paired: DQN − r̂ head of the same model +0.0032 ± 0.0012 (2.6 SE); DQN − separate γ = 0 network −0.0049 ± 0.0013 (−3.7 SE) → NOT met.',
    '',
    'True-model reference policies re-run now on the same test sessions (original setting):',
    '',
    referenceTable(originalReference, []),
    '',
    `Headroom on the test sessions: ${headroomLine(originalReference)}. With so little to win, DQN against greedy is close to a coin toss by construction in this setting.`,
    '',
    'How the DQN settings were chosen (original setting, validation sessions, never the test seed):',
    '',
    ...VALIDATION,
    '',
    offPolicySection(
      simulator,
      CANDIDATES,
      {
        [`dqn (seed ${dqnSeed11.seed})`]: policyOf(simulator, dqnSeed11.dqnFit.value),
        'greedy r̂ (same model)': policyOf(simulator, dqnSeed11.dqnFit.value, true),
        'greedy γ = 0': policyOf(simulator, dqnSeed11.greedyFit.value),
      },
      quick,
    ),
    '',
    loadNote(before),
  ].join('\n');
}

/** Off-policy estimates of the first-step reward of deterministic policies from a softmax logging policy. */
function offPolicySection(
  simulator: UserSimulator,
  candidates: number,
  policies: Record<string, (o: Observation) => number>,
  quick: boolean,
): string {
  const rng = createRng(77);
  const log: Array<LoggedDecision<Observation, number>> = [];
  const n = quick ? 2000 : 20_000;
  const temperature = 0.5;
  for (let k = 0; k < n; k++) {
    const session = simulator.reset(rng);
    const list = candidateItems(simulator, session.profile, candidates);
    const observation = observe(session, list, simulator.settings.sessionLength);
    const logits = list.map(
      (item) =>
        (simulator.settings.affinity * dot(session.profile, simulator.items[item].embedding)) /
        temperature /
        4,
    );
    const max = Math.max(...logits);
    const weights = logits.map((l) => Math.exp(l - max));
    const total = weights.reduce((a, b) => a + b, 0);
    const choice = rng.weightedIndex(weights);
    const outcome = simulator.step(session, list[choice], rng);
    log.push({
      context: observation,
      action: list[choice],
      reward: outcome.reward,
      propensity: weights[choice] / total,
    });
  }
  const rows = Object.entries(policies).map(([name, policy]) => {
    const truth = firstStepValue(simulator, policy, candidates, quick ? 2000 : 20_000);
    const estimate = offPolicyEstimate(log, (o, a) => (policy(o) === a ? 1 : 0));
    return [
      name,
      truth,
      estimate.ips,
      estimate.ipsStandardError,
      estimate.snips,
      estimate.effectiveSampleSize,
    ];
  });
  return [
    `Off-policy evaluation (second setting, seed-11 models) from a log of ${n} first-step decisions made by a softmax logging policy over the same candidates (temperature 0.5 on affinity/4): estimated first-step reward of each policy against its simulated value.`,
    '',
    markdownTable(
      ['target policy', 'simulated first-step reward', 'IPS', 'IPS SE', 'SNIPS', 'effective sample size'],
      rows,
    ),
  ].join('\n');
}

function firstStepValue(
  simulator: UserSimulator,
  policy: (o: Observation) => number,
  candidates: number,
  n: number,
): number {
  const rng = createRng(78);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const session = simulator.reset(rng);
    const list = candidateItems(simulator, session.profile, candidates);
    total += simulator.expectedReward(
      session,
      policy(observe(session, list, simulator.settings.sessionLength)),
    );
  }
  return total / n;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
