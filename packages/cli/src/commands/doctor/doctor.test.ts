import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonOutput, runShoppilot } from '../../testing/index';
import type { DoctorCheck } from './checks';

interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}

const byName = (report: DoctorReport) =>
  Object.fromEntries(report.checks.map((check) => [check.name, check]));

/** A local OpenAI-compatible endpoint: /good/v1/models lists two models, /denied/v1/models answers 401. */
let server: Server;
let base = '';
const seen: IncomingHttpHeaders[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.headers);
    if (request.url === '/good/v1/models') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'list', data: [{ id: 'qwen-plus' }, { id: 'deepseek-chat' }] }));
    } else {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('{"error":{"message":"bad key"}}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('shoppilot doctor (process)', () => {
  it('reports Node.js, the tensor backend, onnxruntime-node and SQLite; an answering LLM endpoint is ok', async () => {
    const run = await runShoppilot(['doctor', '--json', '--llm-url', `${base}/good/v1`], {
      env: { SHOPPILOT_PG_URL: undefined, SHOPPILOT_LLM_API_KEY: 'sk-test-secret' },
    });
    const report = parseJsonOutput<DoctorReport>(run);
    const checks = byName(report);
    expect(run.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(checks.node).toMatchObject({
      status: 'ok',
      required: true,
      detail: `Node.js ${process.versions.node}`,
    });
    expect(checks['tensor-backend'].status).toBe('ok');
    expect(checks['tensor-backend'].detail).toMatch(/^(tfjs-node-gpu|tfjs-node|wasm|cpu)\b/);
    expect(checks['onnxruntime-node'].status).toBe('ok');
    expect(checks.sqlite).toMatchObject({ status: 'ok' });
    expect(checks.postgres).toMatchObject({ status: 'missing', required: false });
    expect(checks.llm).toMatchObject({ status: 'ok', required: true });
    expect(checks.llm.detail).toMatch(/2 model\(s\) \(qwen-plus, deepseek-chat\)/);
    expect(seen.at(-1)?.authorization).toBe('Bearer sk-test-secret');
    expect(run.stdout + run.stderr).not.toMatch(/sk-test-secret/);
  });

  it('a given URL that fails makes the check required and missing, exit 1, passwords never shown', async () => {
    const run = await runShoppilot(
      [
        'doctor',
        '--json',
        '--llm-url',
        `${base}/denied/v1`,
        '--pg-url',
        'postgres://shop:hunter2@127.0.0.1:1/shop',
        '--timeout',
        '3000',
      ],
      { env: { SHOPPILOT_LLM_API_KEY: undefined, OPENAI_API_KEY: undefined } },
    );
    const report = parseJsonOutput<DoctorReport>(run);
    const checks = byName(report);
    expect(run.code).toBe(1);
    expect(report.ok).toBe(false);
    expect(checks.llm).toMatchObject({ status: 'missing', required: true });
    expect(checks.llm.detail).toMatch(/answered HTTP 401/);
    expect(checks.postgres).toMatchObject({ status: 'missing', required: true });
    expect(checks.postgres.detail).toMatch(/^postgres:\/\/shop:\*\*\*@127\.0\.0\.1:1\/shop does not answer/);
    expect(run.stdout).not.toMatch(/hunter2/);
  });

  it('prints a readable report; PostgreSQL from $SHOPPILOT_PG_URL answers where the environment has one (CI does)', async () => {
    const url = process.env.SHOPPILOT_PG_URL;
    const run = await runShoppilot(['doctor'], {
      env: { SHOPPILOT_PG_URL: url, SHOPPILOT_LLM_URL: undefined },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok\s+node\s+Node\.js/m);
    expect(run.stdout).toMatch(/^missing\s+llm\s+no URL/m);
    if (url) expect(run.stdout).toMatch(/^ok\s+postgres\s+\S+ answers: PostgreSQL \d+/m);
    else expect(run.stdout).toMatch(/^missing\s+postgres\s+no URL/m);
    expect(run.stderr).not.toMatch(/ExperimentalWarning/);
  });
});
