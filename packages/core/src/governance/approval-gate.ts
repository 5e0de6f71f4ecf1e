import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { Storage } from '../storage/storage';
import type { Decision } from './decision';

export interface ApprovalGateOptions<T> {
  /** Where pending and reviewed decisions are kept (any core storage adapter). */
  storage: Storage;
  /**
   * When a decision needs a human. A number means "magnitude above this value"; a function
   * returns a reason string when approval is needed, otherwise undefined. Default: never.
   */
  requireApproval?: number | ((decision: Decision<T>) => string | undefined);
  /** Key prefix in the storage's key-value state. Default `approval/`. */
  prefix?: string;
}

export interface ReviewInput {
  /** Who reviewed it. */
  by: string;
  note?: string;
}

/**
 * A persisted queue where decisions above a threshold wait for a human to approve or reject them.
 * Decisions below it pass through as `issued`. Everything is kept in storage, so a restarted
 * process sees the same queue.
 */
export class ApprovalGate<T = unknown> {
  readonly #storage: Storage;
  readonly #rule: (decision: Decision<T>) => string | undefined;
  readonly #prefix: string;

  constructor(options: ApprovalGateOptions<T>) {
    this.#storage = options.storage;
    this.#prefix = options.prefix ?? 'approval/';
    this.#rule = toRule(options.requireApproval);
  }

  /** Issues the decision, or queues it for approval with the reason added to its trace. */
  async submit(decision: Decision<T>): Promise<Decision<T>> {
    const reason = this.#rule(decision);
    const next: Decision<T> = reason
      ? {
          ...decision,
          status: 'pending-approval',
          reasons: [...decision.reasons, `needs approval: ${reason}`],
        }
      : { ...decision, status: 'issued' };
    await this.#storage.setState(this.#key(decision.id), next);
    return next;
  }

  /** Decisions waiting for review, oldest first. */
  async pending(): Promise<Decision<T>[]> {
    const all = await this.list();
    return all.filter((d) => d.status === 'pending-approval');
  }

  /** Every decision the gate has seen, oldest first. */
  async list(): Promise<Decision<T>[]> {
    const entries = await this.#storage.listState<Decision<T>>(this.#prefix);
    return entries.map((e) => e.value).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async get(id: string): Promise<Decision<T> | undefined> {
    return this.#storage.getState<Decision<T>>(this.#key(id));
  }

  approve(id: string, review: ReviewInput): Promise<Decision<T>> {
    return this.#review(id, 'approved', review);
  }

  reject(id: string, review: ReviewInput): Promise<Decision<T>> {
    return this.#review(id, 'rejected', review);
  }

  async #review(id: string, status: 'approved' | 'rejected', review: ReviewInput): Promise<Decision<T>> {
    const decision = await this.get(id);
    if (!decision)
      throw new InvalidArgumentError({
        argument: 'id',
        message: `no decision "${id}" in the approval queue`,
        value: id,
      });
    if (decision.status !== 'pending-approval') {
      throw new InvalidArgumentError({
        argument: 'id',
        message: `decision "${id}" is ${decision.status}, not pending approval`,
        value: id,
      });
    }
    const reviewed: Decision<T> = {
      ...decision,
      status,
      review: { by: review.by, at: new Date().toISOString(), note: review.note },
    };
    await this.#storage.setState(this.#key(id), reviewed);
    return reviewed;
  }

  #key(id: string): string {
    return `${this.#prefix}${id}`;
  }
}

function toRule<T>(
  rule: ApprovalGateOptions<T>['requireApproval'],
): (decision: Decision<T>) => string | undefined {
  if (rule === undefined) return () => undefined;
  if (typeof rule === 'function') return rule;
  if (!Number.isFinite(rule))
    throw new InvalidArgumentError({
      argument: 'requireApproval',
      message: 'must be a finite number or a function',
      value: rule,
    });
  return (decision) =>
    decision.magnitude !== undefined && decision.magnitude > rule
      ? `magnitude ${decision.magnitude} is above the approval threshold ${rule}`
      : undefined;
}
