import type { Coordinator } from './coordinator';
import type { RoundAttempt } from './round-attempt';

/**
 * Runs an attempt to its end: collect until every selected client reported or the deadline passed,
 * check the quorum, recover dropped clients' masks (masking), aggregate. Every wait is bounded.
 */
export async function closeAttempt(
  c: Coordinator,
  current: RoundAttempt,
): Promise<{ global?: Float64Array; reason?: string }> {
  const stopped = () => c.stop.signal.aborted;
  while (!current.allSubmitted && Date.now() < current.deadline && !stopped()) {
    await current.waitForChange(current.deadline - Date.now());
  }
  current.phase = 'closed';
  if (stopped()) return { reason: 'coordinator stopped' };
  const contributors = [...current.contributors];
  if (contributors.length < current.quorum) {
    return {
      reason: `quorum not reached: ${contributors.length} of ${current.selected.length} updates, ${current.quorum} needed`,
    };
  }
  const dropped = current.selected.filter((id) => !contributors.includes(id));
  if (c.plan.secure === 'masking' && dropped.length > 0) {
    current.beginRecovery(dropped, Date.now() + c.plan.recoveryTimeoutMs);
    c.emit({ type: 'recovery-started', round: current.round, dropped });
    c.wakePollers();
    while (!current.allRevealed && Date.now() < current.deadline && !stopped()) {
      await current.waitForChange(current.deadline - Date.now());
    }
    current.phase = 'closed';
    if (!current.allRevealed) {
      const missing = contributors.filter((id) => !current.revealed.has(id));
      return { reason: `mask recovery incomplete: no keys from ${missing.join(', ')}` };
    }
  }
  try {
    const global = await current.accumulator.finish({
      contributors,
      weights: current.weights,
      weightScale: current.weightScale,
      revealed: [...current.revealed.values()].flat(),
      dropped,
      decrypt: (ciphertexts) => c.decrypt(current, ciphertexts),
    });
    if (global.length !== c.progress.parameterCount || !global.every(Number.isFinite)) {
      return { reason: 'aggregate is not a finite vector of the expected length' };
    }
    return { global };
  } catch (error) {
    return { reason: `aggregation failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
