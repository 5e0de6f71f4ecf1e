import type { RecommendSection } from '../../stages/recommend';
import { barChart } from '../bar-chart';
import { escapeHtml } from '../escape';
import { formatNumber, formatPercent } from '../format';
import { cards, heading, paragraph, stageSection } from '../layout';
import { table } from '../table';
import type { DemoReport } from '../types';

const reasonList = (reasons: readonly string[]) =>
  `<ul>${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`;

function bodyHtml(s: RecommendSection): string {
  const knn = s.evaluation.models[0];
  const popularity = s.evaluation.models.find((m) => m.name === 'popularity');
  const [mobile, desktop] = s.contexts.lists;
  const rows = s.users.flatMap((u) => u.items.map((item) => ({ u, item })));
  return [
    cards([
      {
        label: 'Customers and products',
        value: `${formatNumber(s.customers)} × ${formatNumber(s.products)}`,
        hint: `${formatNumber(s.interactions)} customer-product purchases`,
      },
      {
        label: 'Hit rate @10, item-kNN',
        value: formatPercent(knn?.hr),
        hint: 'customers who bought one of their 10 next month',
      },
      {
        label: 'Hit rate @10, best sellers',
        value: formatPercent(popularity?.hr),
        hint: 'the same top 10 for everyone',
      },
      {
        label: 'Catalogue covered',
        value: formatPercent(knn?.coverage),
        hint: `best sellers: ${formatPercent(popularity?.coverage)}`,
      },
    ]),
    paragraph(
      `Products bought together by the same customers are similar (item-kNN, cosine); a customer's recommendations are the products most similar to what they bought, with the purchases that led to each. Checked before use — ${s.evaluation.protocol}.`,
      'note',
    ),
    table({
      id: 'recommender-evaluation',
      columns: [
        'Model',
        'Hit rate @10',
        'NDCG @10',
        'Recall @10',
        'Catalogue coverage',
        'Intra-list diversity',
      ],
      rows: s.evaluation.models.map((m) => [
        m.name,
        formatPercent(m.hr),
        m.ndcg.toFixed(3),
        formatPercent(m.recall),
        formatPercent(m.coverage),
        m.diversity.toFixed(3),
      ]),
    }),
    heading('Top 10 for three customers'),
    paragraph(
      s.users
        .map((u) => `Customer ${u.userId} (${u.purchases} products bought; lately ${u.recent.join(', ')})`)
        .join('. '),
      'note',
    ),
    table({
      id: 'recommendations',
      columns: ['Customer', 'Rank', 'Product', 'Product group', 'Score'],
      numeric: [1, 4],
      rows: rows.map(({ u, item }) => [
        u.userId,
        String(item.rank),
        item.description,
        item.group,
        item.score.toFixed(3),
      ]),
      details: rows.map(({ item }) => reasonList(item.reasons)),
    }),
    heading(`The same customer in two contexts (customer ${s.contexts.userId})`),
    paragraph(
      `The candidates are re-ranked for the moment: merchant rules kept as data favour product groups by time of day (below), MMR diversity (relevance weight ${s.contexts.diversityWeight}) avoids near-duplicates, at most 3 products per group, and the device decides the presentation.`,
      'note',
    ),
    table({
      id: 'merchant-rules',
      columns: ['Merchant rule', 'When', 'Favours product groups'],
      numeric: [],
      rows: s.rules.map((r) => [r.name, r.when, r.favours]),
    }),
    table({
      id: 'context-variants',
      columns: ['Rank', mobile?.name ?? '', desktop?.name ?? ''],
      numeric: [0],
      rows: Array.from(
        { length: Math.max(mobile?.items.length ?? 0, desktop?.items.length ?? 0) },
        (_, i) => [
          String(i + 1),
          mobile?.items[i] ? `${mobile.items[i].description} (${mobile.items[i].group})` : '–',
          desktop?.items[i] ? `${desktop.items[i].description} (${desktop.items[i].group})` : '–',
        ],
      ),
    }),
    `<ul class="note">${s.contexts.lists.map((l) => `<li>${escapeHtml(`${l.name}: ${l.presentation}; rules applied: ${l.rulesApplied.join(', ') || 'none'}`)}</li>`).join('')}</ul>`,
    barChart({
      id: 'recommendation-categories',
      title: 'Product groups in the top 10',
      caption: `Without diversity the desktop list's items have a mean description similarity of ${s.contexts.withoutDiversity.meanSimilarity.toFixed(2)}; with MMR ${desktop ? desktop.meanSimilarity.toFixed(2) : '–'}.`,
      unit: 'groups',
      bars: [
        ...s.contexts.lists.map((l) => ({ label: `${l.name}, diversity on`, value: l.distinctGroups })),
        {
          label: 'desktop, weekend evening, diversity off',
          value: s.contexts.withoutDiversity.distinctGroups,
        },
      ],
    }),
  ].join('\n');
}

/** Recommendations with reasons, the offline check, and context variants. */
export function recommendSection(report: DemoReport): string {
  const s = report.recommend;
  return stageSection({
    id: 'recommend',
    title: '3. Recommendations',
    lead: 'What to show each customer next, why, and how the list changes with the moment and the screen.',
    record: report.stages.find((r) => r.name === 'recommend'),
    hasData: s !== undefined,
    body: () => (s ? bodyHtml(s) : ''),
  });
}
