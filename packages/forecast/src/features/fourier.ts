import { InvalidArgumentError } from '@shoppilot/core';

/**
 * Fourier terms sin(2πk·t/period), cos(2πk·t/period) for k = 1..order at times `t` (any unit, the
 * same as `period`), as named columns `sin{k}_{label}`, `cos{k}_{label}`.
 */
export function fourierTerms(
  times: ArrayLike<number>,
  period: number,
  order: number,
  label = String(period),
): Record<string, Float64Array> {
  if (!(period > 0))
    throw new InvalidArgumentError({ argument: 'period', message: 'must be > 0', value: period });
  if (!Number.isInteger(order) || order < 1 || 2 * order > period) {
    throw new InvalidArgumentError({
      argument: 'order',
      message: 'must be an integer in 1..period/2',
      value: order,
    });
  }
  const out: Record<string, Float64Array> = {};
  for (let k = 1; k <= order; k++) {
    const sin = new Float64Array(times.length);
    const cos = new Float64Array(times.length);
    for (let i = 0; i < times.length; i++) {
      const angle = (2 * Math.PI * k * times[i]) / period;
      sin[i] = Math.sin(angle);
      cos[i] = Math.cos(angle);
    }
    out[`sin${k}_${label}`] = sin;
    out[`cos${k}_${label}`] = cos;
  }
  return out;
}
