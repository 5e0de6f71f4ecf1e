import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface RenderedChart {
  id: string;
  /** Data marks the report says it drew (`data-marks`). */
  declaredMarks: number;
  /** Marks (`.mark`) that have a non-zero rendered box in the browser. */
  visibleMarks: number;
  width: number;
  height: number;
}

export interface RenderedTable {
  id: string;
  rows: number;
  /** Rows whose cells all have text. */
  filledRows: number;
}

export interface ReportInspection {
  title: string;
  charts: RenderedChart[];
  tables: RenderedTable[];
  sections: Array<{ id: string; status: string | null; hasError: boolean }>;
  consoleErrors: string[];
  pageErrors: string[];
  /** Every request other than the report file itself. */
  requests: string[];
  scriptsThatRun: number;
  /** Elements that only injected markup would create: img, iframe, object, inline handlers. */
  injectedElements: number;
  /** alert/confirm/prompt dialogs that opened. */
  dialogs: string[];
}

/** Opens a report in headless Chromium (fresh profile), inspects it and saves a screenshot. */
export async function inspectReport(htmlPath: string, screenshotPath: string): Promise<ReportInspection> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium)`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'shoppilot-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
  });
  const reportUrl = pathToFileURL(htmlPath).href;
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  try {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        consoleErrors.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (request.url() !== reportUrl) requests.push(request.url());
    });
    await page.goto(reportUrl, { waitUntil: 'load' });
    const found = await page.evaluate(() => {
      const charts = Array.from(document.querySelectorAll<HTMLElement>('figure[data-chart]')).map(
        (figure) => {
          const svg = figure.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          const visible = Array.from(figure.querySelectorAll<SVGGraphicsElement>('.mark')).filter((mark) => {
            const b = mark.getBoundingClientRect();
            return b.width > 0 && b.height > 0;
          }).length;
          return {
            id: figure.dataset.chart ?? '',
            declaredMarks: Number(figure.dataset.marks),
            visibleMarks: visible,
            width: box?.width ?? 0,
            height: box?.height ?? 0,
          };
        },
      );
      const tables = Array.from(document.querySelectorAll<HTMLTableElement>('table[data-table]')).map(
        (table) => {
          const rows = Array.from(table.tBodies[0].rows).filter(
            (row) => !row.querySelector('td.empty') && !row.classList.contains('detail'),
          );
          return {
            id: table.dataset.table ?? '',
            rows: rows.length,
            filledRows: rows.filter((row) =>
              Array.from(row.cells).every((cell) => (cell.textContent ?? '').trim() !== ''),
            ).length,
          };
        },
      );
      const sections = Array.from(document.querySelectorAll<HTMLElement>('section[data-stage]')).map(
        (section) => ({
          id: section.dataset.stage ?? '',
          status: section.querySelector('[data-status]')?.getAttribute('data-status') ?? null,
          hasError: section.querySelector('[data-error]') !== null,
        }),
      );
      const scriptsThatRun = Array.from(document.scripts).filter((s) => s.type !== 'application/json').length;
      const handlers = Array.from(document.querySelectorAll('*')).filter((element) =>
        Array.from(element.attributes).some((attribute) => attribute.name.startsWith('on')),
      ).length;
      const injectedElements =
        document.querySelectorAll('img, iframe, object, embed, foreignObject').length + handlers;
      return { title: document.title, charts, tables, sections, scriptsThatRun, injectedElements };
    });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    await page.close();
    return { ...found, consoleErrors, pageErrors, requests, dialogs };
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
