import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./role-process.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** A spawned role process with its parsed events. */
export interface RoleProcess {
  name: string;
  child: ChildProcess;
  events: Array<Record<string, unknown>>;
  stderr: string[];
  /** Resolves with the first event matching `predicate` (rejects after `timeoutMs`). */
  waitFor(
    predicate: (event: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/** Spawns `role-process.ts` under Node with tsx and the workspace source condition. */
export function spawnRole(name: string, config: object): RoleProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@shoppilot/source', '--import', 'tsx', script, JSON.stringify(config)],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const events: Array<Record<string, unknown>> = [];
  const stderr: string[] = [];
  const listeners = new Set<() => void>();
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      try {
        events.push({
          ...(JSON.parse(line) as { event: Record<string, unknown> }).event,
          receivedAt: Date.now(),
        });
      } catch {
        stderr.push(`stdout: ${line}`);
      }
      for (const listener of [...listeners]) listener();
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (predicate: (event: Record<string, unknown>) => boolean, timeoutMs = 60_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const found = events.find(predicate);
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `${name}: no matching event within ${timeoutMs} ms; events: ${JSON.stringify(events).slice(-2000)}; stderr: ${stderr.join('').slice(-2000)}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  return { name, child, events, stderr, waitFor, exited };
}

/** Kills every still-running process started by the tests (by its own pid). */
export async function killAll(processes: readonly RoleProcess[]): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGKILL');
        await p.exited;
      }
    }),
  );
}

/** A free TCP port on 127.0.0.1 (so every process can be started at once). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Sends SIGTERM and waits for the exit. */
export async function stop(p: RoleProcess): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  await p.exited;
}
