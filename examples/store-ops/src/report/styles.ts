/** The report's inline stylesheet (system fonts only: nothing is fetched). */
export const STYLES = `
:root { color-scheme: light; --ink: #111827; --muted: #4b5563; --line: #e5e7eb; --bg: #f9fafb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--bg); }
header.top { background: #0f172a; color: #f8fafc; padding: 24px 32px; }
header.top h1 { margin: 0 0 4px; font-size: 26px; }
header.top p { margin: 2px 0; color: #cbd5e1; }
nav { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: 8px 32px; z-index: 1; display: flex; flex-wrap: wrap; gap: 4px 16px; }
nav a { color: #1d4ed8; text-decoration: none; font-size: 14px; }
main { max-width: 1100px; margin: 0 auto; padding: 8px 24px 48px; }
section.stage { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 8px 24px 20px; margin: 20px 0; }
section.stage > h2 { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
h3 { margin: 20px 0 6px; font-size: 17px; }
p.lead { color: var(--muted); margin-top: 0; }
.stage-time { font-size: 13px; font-weight: normal; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; background: #fcfcfd; }
.card .label { font-size: 13px; color: var(--muted); }
.card .value { font-size: 22px; font-weight: 600; }
.card .hint { font-size: 12px; color: var(--muted); }
.card.unavailable .value { color: #9ca3af; font-size: 16px; }
figure.chart { margin: 16px 0; }
figure.chart svg { width: 100%; height: auto; max-width: 760px; display: block; }
.chart-title { font-weight: 600; margin-bottom: 4px; }
figcaption, .note { color: var(--muted); font-size: 13px; }
svg .grid { stroke: #eef0f3; stroke-width: 1; }
svg .tick { font-size: 11px; fill: #4b5563; }
svg .value { font-size: 11px; fill: #111827; }
svg .axis-title { font-size: 12px; fill: #374151; }
svg .marker { stroke: #6b7280; stroke-dasharray: 3 3; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; color: #374151; }
.legend-item { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 18px; height: 10px; background: var(--c); }
.swatch-line { height: 3px; }
.swatch-dashed { height: 0; border-top: 3px dashed var(--c); background: none; }
.swatch-band { opacity: 0.3; }
.table-wrap { overflow-x: auto; margin: 10px 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
caption { text-align: left; color: var(--muted); font-size: 13px; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; }
td ul { margin: 0; padding-left: 1.1em; }
tr.has-detail td { border-bottom: none; }
tr.detail td { font-size: 13px; color: #374151; padding-top: 0; }
td.wide, th.wide { min-width: 26em; font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; }
.badge-ok { background: #dcfce7; color: #166534; }
.badge-warn { background: #fef3c7; color: #92400e; }
.badge-bad { background: #fee2e2; color: #991b1b; }
.badge-info { background: #e0e7ff; color: #3730a3; }
.alert { border-radius: 8px; padding: 10px 14px; margin: 12px 0; }
.alert-bad { background: #fef2f2; border: 1px solid #fecaca; }
.alert-warn { background: #fffbeb; border: 1px solid #fde68a; }
.alert pre { white-space: pre-wrap; font-size: 12px; margin: 6px 0 0; }
.copy { border-left: 3px solid #93c5fd; padding: 4px 10px; margin: 6px 0; background: #f8fafc; }
.grid-2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 8px 24px; }
.empty { color: #9ca3af; }
footer { color: var(--muted); font-size: 13px; text-align: center; padding: 24px; }
`;
