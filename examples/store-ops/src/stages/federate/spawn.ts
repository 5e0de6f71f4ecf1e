import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RoleConfig } from './role';

const script = fileURLToPath(new URL('./role.ts', import.meta.url));

export type RoleEvent = Record<string, unknown> & { type: string };

/** A role running in its own Node process, with the events it printed. */
export class RoleProcess {
  readonly events: RoleEvent[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly name: string,
    config: RoleConfig,
    onEvent: (name: string, event: RoleEvent) => void,
  ) {
    this.child = spawn(
      process.execPath,
      ['--conditions=@shoppilot/source', '--import', 'tsx', '--no-warnings', script, JSON.stringify(config)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let buffer = '';
    this.child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try {
          const event = JSON.parse(line) as RoleEvent;
          this.events.push(event);
          onEvent(name, event);
        } catch {
          this.stderr.push(line);
        }
        for (const listener of [...this.listeners]) listener();
      }
    });
    this.child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => {
        for (const listener of [...this.listeners]) listener();
        resolve(code);
      }),
    );
  }

  /** The first event of a type (rejects on a deadline, or when the process exits without it). */
  waitFor(type: string, timeoutMs: number): Promise<RoleEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.find((event) => event.type === type);
        if (found) return done(() => resolve(found));
        const failed = this.events.find((event) => event.type === 'error');
        if (failed || this.child.exitCode !== null) {
          done(() =>
            reject(
              new Error(
                `${this.name} ended before "${type}": ${String(failed?.message ?? this.stderr.join('').slice(-1500))}`,
              ),
            ),
          );
        }
      };
      const timer = setTimeout(
        () =>
          done(() =>
            reject(
              new Error(
                `${this.name}: no "${type}" within ${timeoutMs} ms; ${this.stderr.join('').slice(-1500)}`,
              ),
            ),
          ),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        settle();
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Asks the process to stop (SIGTERM) and waits for it, killing it after a grace period. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  cpuSeconds(): number {
    const exit = this.events.find((event) => event.type === 'exit');
    return typeof exit?.cpuSeconds === 'number' ? exit.cpuSeconds : 0;
  }
}
