/**
 * `pnpm demo`: the end-to-end store operations demo. For now it runs the core smoke path:
 * tensor backend, seeded randomness and the governance primitives. Later stages are added as the
 * domain packages land.
 */
import { createDecision, createRng, initTensorBackend, withFallback } from '@shoppilot/core';

const started = performance.now();
const backend = await initTensorBackend();
console.log(
  `tensor backend: ${backend.backend}${backend.tried.length ? ` (skipped: ${backend.tried.map((t) => t.backend).join(', ')})` : ''}`,
);

const rng = createRng(42);
console.log(`seeded draws (seed 42): ${Array.from({ length: 3 }, () => rng.next().toFixed(4)).join(', ')}`);

const safeDivide = withFallback(
  ({ a, b }: { a: number; b: number }) => {
    if (b === 0) throw new Error('division by zero');
    return a / b;
  },
  () => 0,
);
const result = await safeDivide({ a: 1, b: 0 });
const decision = createDecision({
  value: result.value,
  reasons: [result.source === 'fallback' ? `fallback used: ${result.reason}` : 'primary answered'],
  model: { name: 'demo.safe-divide', version: '1' },
});
console.log(`decision ${decision.status}: value ${decision.value}; ${decision.reasons.join('; ')}`);
console.log(`done in ${((performance.now() - started) / 1000).toFixed(2)} s`);
