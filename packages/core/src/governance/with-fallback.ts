export interface FallbackResult<T> {
  value: T;
  /** `primary` when the primary model answered, `fallback` otherwise. */
  source: 'primary' | 'fallback';
  /** Why the fallback was used: the guard's reason or the primary's error message. */
  reason?: string;
  /** The primary's error, when it threw. */
  error?: unknown;
}

export interface WithFallbackOptions<I> {
  /**
   * Checked before calling the primary: return a reason to go straight to the fallback
   * (e.g. `series too short for the neural model: 12 < 52 points`).
   */
  guard?: (input: I) => string | undefined;
  /** Errors for which not to fall back (rethrown). Default: abort errors are rethrown. */
  rethrow?: (error: unknown) => boolean;
}

/**
 * Wraps a model with a rule-based fallback. The wrapped call never hides that it degraded: the
 * result says which one answered and why.
 */
export function withFallback<I, T>(
  primary: (input: I) => T | Promise<T>,
  fallback: (input: I) => T | Promise<T>,
  options: WithFallbackOptions<I> = {},
): (input: I) => Promise<FallbackResult<T>> {
  const rethrow =
    options.rethrow ?? ((error: unknown) => error instanceof Error && error.name === 'AbortError');
  return async (input: I) => {
    const guardReason = options.guard?.(input);
    if (guardReason) return { value: await fallback(input), source: 'fallback', reason: guardReason };
    try {
      return { value: await primary(input), source: 'primary' };
    } catch (error) {
      if (rethrow(error)) throw error;
      const reason = `primary failed: ${error instanceof Error ? error.message : String(error)}`;
      return { value: await fallback(input), source: 'fallback', reason, error };
    }
  };
}
