import type { StageRecord } from '../runner/stage-runner';
import type { FederateSection } from '../stages/federate';
import type { ForecastSection } from '../stages/forecast';
import type { IngestSection } from '../stages/ingest';
import type { MarketSection } from '../stages/market';
import type { ProfileSection } from '../stages/profile';
import type { RecommendSection } from '../stages/recommend';
import type { ReplenishSection } from '../stages/replenish';

/** Everything `report.json` holds; `report.html` is rendered from it. */
export interface DemoReport {
  title: string;
  generatedAt: string;
  /** `degraded` when a stage failed or ran on a fallback. */
  status: 'complete' | 'degraded';
  seed: number;
  options: {
    dataDir: string;
    outDir: string;
    store: string;
    storeUrl: string;
    llm: string;
    stages: string[];
    sample: number;
  };
  environment: {
    node: string;
    platform: string;
    cpus: number;
    /** 1-minute load average when the run started (above the core count = a shared machine). */
    loadAverageAtStart: number;
    tensorBackend?: string;
  };
  timing: {
    wallSeconds: number;
    /** User + system CPU seconds of the demo process. */
    cpuSeconds: number;
    /** CPU seconds of child processes (federated roles), where measured. */
    childCpuSeconds?: number;
  };
  stages: StageRecord[];
  ingest?: IngestSection;
  profile?: ProfileSection;
  recommend?: RecommendSection;
  forecast?: ForecastSection;
  replenish?: ReplenishSection;
  market?: MarketSection;
  federate?: FederateSection;
}
