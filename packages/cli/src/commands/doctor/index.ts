import { defineCommand } from 'citty';
import { integerFlag, printJson, printLines } from '../../output/index';
import {
  checkLlm,
  checkNode,
  checkOnnxRuntime,
  checkPostgres,
  checkSqlite,
  checkTensorBackend,
  type DoctorCheck,
} from './checks';

export const doctorCommand = defineCommand({
  meta: {
    name: 'doctor',
    description:
      'Check what this machine can use: Node.js, tensor backend, onnxruntime-node, SQLite, PostgreSQL, an LLM endpoint.',
  },
  args: {
    'pg-url': { type: 'string', description: 'PostgreSQL URL to try (default: $SHOPPILOT_PG_URL)' },
    'llm-url': {
      type: 'string',
      description:
        'OpenAI-compatible base URL whose /models to ask (default: $SHOPPILOT_LLM_URL); key from $SHOPPILOT_LLM_API_KEY or $OPENAI_API_KEY',
    },
    timeout: {
      type: 'string',
      description: 'Milliseconds to wait for PostgreSQL and the LLM endpoint',
      default: '5000',
    },
    json: { type: 'boolean', description: 'Print the report as JSON' },
  },
  async run({ args }) {
    const timeoutMs = integerFlag(args.timeout, 'timeout') ?? 5000;
    const checks = await runChecks({
      pgUrl: args['pg-url'] || process.env.SHOPPILOT_PG_URL,
      llmUrl: args['llm-url'] || process.env.SHOPPILOT_LLM_URL,
      apiKey: process.env.SHOPPILOT_LLM_API_KEY || process.env.OPENAI_API_KEY,
      timeoutMs,
    });
    const ok = checks.every((check) => check.status === 'ok' || !check.required);
    if (args.json) printJson({ ok, checks });
    else printLines(...checks.map(formatCheck), '', ok ? 'ok' : 'some required checks failed');
    if (!ok) process.exitCode = 1;
  },
});

/**
 * Runs every check. Node.js and a tensor backend are required; PostgreSQL and the LLM endpoint
 * become required when a URL for them is given (so `doctor --pg-url …` fails when it does not answer).
 */
export async function runChecks(options: {
  pgUrl?: string;
  llmUrl?: string;
  apiKey?: string;
  timeoutMs: number;
}): Promise<DoctorCheck[]> {
  return [
    checkNode(),
    await checkTensorBackend(),
    await checkOnnxRuntime(),
    await checkSqlite(),
    await checkPostgres(options.pgUrl, options.timeoutMs),
    await checkLlm(options.llmUrl, options.apiKey, options.timeoutMs),
  ];
}

function formatCheck(check: DoctorCheck): string {
  const mark = check.status === 'ok' ? 'ok     ' : check.required ? 'MISSING' : 'missing';
  return `${mark}  ${check.name.padEnd(16)} ${check.detail}`;
}
