/**
 * Re-renders report.html from a report.json (e.g. after changing the report's layout):
 *   node --conditions=@shoppilot/source --import tsx examples/store-ops/src/tools/render-report.ts out/report.json out/report.html
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReport } from '../report/html';
import type { DemoReport } from '../report/types';

const [input = 'out/report.json', output = 'out/report.html'] = process.argv.slice(2);
const report = JSON.parse(readFileSync(input, 'utf8')) as DemoReport;
writeFileSync(output, renderReport(report));
console.log(output);
