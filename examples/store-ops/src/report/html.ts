import { escapeHtml, jsonForScript } from './escape';
import { federateSection } from './sections/federate';
import { forecastSection } from './sections/forecast';
import { ingestSection } from './sections/ingest';
import { marketSection } from './sections/market';
import { overviewSection } from './sections/overview';
import { profileSection } from './sections/profile';
import { recommendSection } from './sections/recommend';
import { replenishSection } from './sections/replenish';
import { STYLES } from './styles';
import type { DemoReport } from './types';

/** Section renderers in page order, with their navigation labels. */
const SECTIONS: ReadonlyArray<{ id: string; label: string; render: (report: DemoReport) => string }> = [
  { id: 'overview', label: 'Overview', render: overviewSection },
  { id: 'ingest', label: 'Data & KPIs', render: ingestSection },
  { id: 'profile', label: 'Customers', render: profileSection },
  { id: 'recommend', label: 'Recommendations', render: recommendSection },
  { id: 'forecast', label: 'Forecast', render: forecastSection },
  { id: 'replenish', label: 'Replenishment', render: replenishSection },
  { id: 'market', label: 'Marketing', render: marketSection },
  { id: 'federate', label: 'Federated', render: federateSection },
];

/**
 * The whole report as one self-contained HTML page: inline CSS and SVG, no scripts that run, no
 * external resources (a strict Content-Security-Policy forbids any). Every data-derived string
 * is escaped; the report's JSON is embedded as an inert `application/json` block.
 */
export function renderReport(report: DemoReport): string {
  const nav = SECTIONS.map((s) => `<a href="#${s.id}">${escapeHtml(s.label)}</a>`).join('');
  const body = SECTIONS.map((s) => s.render(report)).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(report.title)}</title>
<style>${STYLES}</style>
</head>
<body>
<header class="top"><h1>${escapeHtml(report.title)}</h1>
<p>Generated ${escapeHtml(report.generatedAt)} · seed ${escapeHtml(report.seed)} · ${escapeHtml(report.status === 'complete' ? 'all stages ran' : 'degraded run: see the marked sections')}</p></header>
<nav>${nav}</nav>
<main>
${body}
</main>
<footer>ShopPilot store-ops demo · data: UCI Online Retail (CC0), UCI Sentiment Labelled Sentences (CC BY 4.0) · this file loads nothing from the network.</footer>
<script type="application/json" id="report-data">${jsonForScript(report)}</script>
</body>
</html>
`;
}
