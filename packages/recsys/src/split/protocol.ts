import type { Interactions } from '../data/interactions';

/** The evaluation protocols of this package. */
export type ProtocolName = 'stratified' | 'loo' | 'time';

/** What every split says about itself; evaluation results repeat it. */
export interface Protocol {
  name: ProtocolName;
  /** A readable description with every setting, e.g. `random 75/25 split stratified by user (seed 42, ...)`. */
  description: string;
  /** The settings that define it. */
  settings: Record<string, string | number | boolean>;
}

/** A train/test split of one `Interactions` (shared vocabularies). */
export interface Split {
  protocol: Protocol;
  train: Interactions;
  test: Interactions;
  /** Users and interactions left out, with reasons (nothing is dropped silently). */
  dropped: { users: number; interactions: number; reasons: string[] };
}
