import { initTensorBackend, type Storage } from '@shoppilot/core';
import { type EventTable, EventTableBuilder, extractUserFeatures } from '@shoppilot/profiling';
import type { DemoContext } from '../context';
import { GUEST_PREFIX } from '../data/to-events';
import type { StageDefinition, StageTools } from '../runner/stage-runner';
import { type PurchaseResult, purchasePredictions } from './profile/purchase';
import { type SegmentResult, segmentCustomers } from './profile/segments';
import { reviewSentiment, type SentimentResult } from './profile/sentiment';
import { attempt, ensureStore } from './shared';

export interface ProfileSection {
  customers: number;
  guestEventsSkipped: number;
  asOf: string;
  featureCount: number;
  segments?: Omit<SegmentResult, 'primaryPersona'>;
  sentiment?: SentimentResult;
  purchase?: PurchaseResult;
}

/** Identified customers' events from the store, as the profiling package's columnar table. */
async function customerTable(
  storage: Storage,
  tools: StageTools,
): Promise<{ table: EventTable; skipped: number }> {
  const builder = new EventTableBuilder(65_536);
  const total = await storage.countEvents();
  let seen = 0;
  let skipped = 0;
  for await (const event of storage.scanEvents()) {
    seen++;
    if (event.userId.startsWith(GUEST_PREFIX)) skipped++;
    else builder.push(event);
    if (seen % 20_000 === 0) tools.progress.update('scan store', seen, total);
  }
  tools.progress.update('scan store', seen, total);
  return { table: builder.build(), skipped };
}

async function profile(context: DemoContext, tools: StageTools): Promise<void> {
  const storage = await ensureStore(context, tools);
  const { table, skipped } = await customerTable(storage, tools);
  const end = table.timestamp.reduce((a, b) => Math.max(a, b), 0);
  const features = extractUserFeatures(table, { asOf: end + 1 });
  const section: ProfileSection = {
    customers: features.userIds.length,
    guestEventsSkipped: skipped,
    asOf: new Date(end).toISOString().slice(0, 10),
    featureCount: features.names.length,
  };
  context.report.profile = section;
  tools.note(`${features.names.length} features for ${features.userIds.length} customers`);
  const segments = await attempt(tools, 'segments and personas', async () =>
    segmentCustomers(features, context.options.seed),
  );
  if (segments) {
    const { primaryPersona, ...rest } = segments;
    section.segments = rest;
    context.handoff.personas = primaryPersona;
    tools.note(`k-means chose k = ${segments.k} by silhouette`);
  }
  section.sentiment = await attempt(tools, 'review sentiment', () =>
    reviewSentiment(context.options.dataDir),
  );
  section.purchase = await attempt(tools, '7-day purchase predictor', async () => {
    const backend = await initTensorBackend();
    context.report.environment.tensorBackend = backend.backend;
    return purchasePredictions(table, end, context.options.seed, {
      onProgress: tools.progress.callback('transformer'),
    });
  });
}

export const profileStage: StageDefinition<DemoContext> = {
  name: 'profile',
  title: 'Profile customers: features, RFM, personas, sentiment, purchase predictor',
  run: profile,
};
