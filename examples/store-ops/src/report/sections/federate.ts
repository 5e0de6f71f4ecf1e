import type { FederateSection } from '../../stages/federate';
import { barChart } from '../bar-chart';
import { formatNumber, formatPercent } from '../format';
import { cards, heading, paragraph, stageSection } from '../layout';
import { lineChart } from '../line-chart';
import { table } from '../table';
import type { DemoReport } from '../types';

function kilobytes(bytes: number): string {
  return `${formatNumber(bytes / 1024, 1)} KB`;
}

function bodyHtml(s: FederateSection): string {
  const gap = s.final.federated / s.final.central - 1;
  return [
    cards([
      {
        label: 'Federated model error',
        value: `${formatNumber(s.final.federated, 1)} units`,
        hint: `RMSE per product-week after ${s.rounds} rounds`,
      },
      {
        label: 'Trained centrally on pooled data',
        value: `${formatNumber(s.final.central, 1)} units`,
        hint: `federated is ${gap >= 0 ? `${formatPercent(gap)} worse` : `${formatPercent(-gap)} better`}`,
      },
      {
        label: 'Each warehouse alone',
        value: `${formatNumber(s.final.localOnly, 1)} units`,
        hint: 'mean over the warehouses',
      },
      {
        label: 'Repeat last week',
        value: `${formatNumber(s.naive, 1)} units`,
        hint: 'the simplest forecast, for scale',
      },
    ]),
    paragraph(
      `Three warehouses keep their own orders: ${s.warehouses.map((w) => `${w.name} (${w.rule}, ${formatNumber(w.orderLines)} order lines)`).join('; ')}. Each is a separate process; so are the coordinator and the key holder, talking HTTP with signed messages. In each of ${s.rounds} rounds every warehouse trains the shared demand network (inputs: last two weeks, 4- and 13-week means, weeks ahead; one hidden layer) for ${s.localEpochs} epoch on its own weekly sales of the ${s.products} best sellers, encrypts its update, and the coordinator averages the ciphertexts without being able to read them. Encryption: ${s.secure}.`,
      'note',
    ),
    lineChart({
      id: 'federated-curve',
      title: 'Forecast error on each warehouse’s last 4 weeks, by round (RMSE, units per product-week)',
      caption:
        'Federated: the shared model after each round. Local only: each warehouse training alone on the same schedule. Central: the same network trained on everyone’s data pooled in one place (what federation avoids). Round 0 is the shared starting point. Each warehouse is scored on its last 4 weeks of the 30 products (120 product-weeks), so differences of a unit or two are noise.',
      xLabels: s.curve.map((c) => String(c.round)),
      yLabel: 'RMSE (units)',
      includeZero: false,
      series: [
        { name: 'federated (encrypted)', values: s.curve.map((c) => c.federated) },
        { name: 'local only', values: s.curve.map((c) => c.localOnly), dashed: true },
        { name: 'central (pooled data)', values: s.curve.map((c) => c.central), dashed: true },
      ],
    }),
    table({
      id: 'federated-comparison',
      columns: [
        'Warehouse',
        'Training rows',
        'Validation rows',
        'Federated RMSE',
        'Local-only RMSE',
        'Sent',
        'Received',
      ],
      rows: s.warehouses.map((w) => [
        w.name,
        formatNumber(w.trainRows),
        formatNumber(w.validationRows),
        formatNumber(w.federatedRmse, 1),
        formatNumber(w.localRmse, 1),
        kilobytes(w.bytesSent),
        kilobytes(w.bytesReceived),
      ]),
    }),
    heading('Cost of the federation'),
    paragraph(
      `Each warehouse sent ${kilobytes(s.bytesPerClientPerRound)} per round (one CKKS ciphertext holds up to 4,096 values). Status: ${s.status}.`,
      'note',
    ),
    barChart({
      id: 'federated-round-times',
      title: 'Time per round (seconds)',
      unit: 's',
      bars: s.roundSeconds.map((seconds, i) => ({
        label: `round ${i + 1}`,
        value: seconds,
        text: `${seconds.toFixed(1)} s`,
      })),
    }),
    table({
      id: 'federated-processes',
      columns: ['Process', 'CPU time'],
      rows: s.processes.map((p) => [p.name, `${p.cpuSeconds.toFixed(1)} s`]),
    }),
  ].join('\n');
}

/** The federated training curve against local-only and central training. */
export function federateSection(report: DemoReport): string {
  const s = report.federate;
  return stageSection({
    id: 'federate',
    title: '7. Warehouses training one demand model without sharing data',
    lead: 'Federated learning with encrypted aggregation: the warehouses end with one forecasting model trained on all their sales, yet none of them, nor the coordinator, ever sees another’s orders.',
    record: report.stages.find((r) => r.name === 'federate'),
    hasData: s !== undefined,
    body: () => (s ? bodyHtml(s) : ''),
  });
}
