import { describe, expect, it } from 'vitest';
import { histogram } from './bar-chart';
import { niceTicks, valueDomain } from './chart-frame';
import { escapeHtml, jsonForScript } from './escape';
import { formatMoney, formatPercent } from './format';
import { lineChart } from './line-chart';
import { table } from './table';

describe('escapeHtml', () => {
  it('escapes every character that can open markup or end an attribute', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&\``)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;&#96;',
    );
  });

  it('keeps JSON inside a script element from closing it', () => {
    const json = jsonForScript({ text: '</script><script>alert(1)</script>\u2028' });
    expect(json).not.toContain('</script');
    expect(JSON.parse(json)).toEqual({ text: '</script><script>alert(1)</script>\u2028' });
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 7, 5)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(-0.3, 0.3, 6)).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
  });

  it('extends a domain to include zero and its outer ticks', () => {
    expect(valueDomain([12, 87])).toEqual([0, 100]);
  });
});

describe('charts', () => {
  it('draws one mark per defined point and leaves gaps for nulls', () => {
    const html = lineChart({
      id: 'c',
      title: 't',
      xLabels: ['a', 'b', 'c', 'd'],
      series: [{ name: 's', values: [1, null, 3, 4] }],
    });
    expect(html).toContain('data-marks="3"');
    expect(html.match(/<polyline/g)).toHaveLength(1); // the run c-d; a stands alone
  });

  it('counts only non-empty histogram bins as marks', () => {
    const html = histogram({ id: 'h', title: 't', edges: [0, 1, 2, 3], counts: [5, 0, 2] });
    expect(html).toContain('data-marks="2"');
  });

  it('escapes data-derived titles and labels', () => {
    const html = lineChart({
      id: 'x"y',
      title: '<b>',
      xLabels: ['<i>'],
      series: [{ name: '<s>', values: [1] }],
    });
    expect(html).not.toMatch(/<(b|i|s)>/);
    expect(html).toContain('data-chart="x&quot;y"');
  });
});

describe('table and format', () => {
  it('escapes text cells and counts rows', () => {
    const html = table({
      id: 't',
      columns: ['a', 'b'],
      rows: [
        ['<x>', 1],
        ['y', 2],
      ],
    });
    expect(html).toContain('data-rows="2"');
    expect(html).toContain('&lt;x&gt;');
  });

  it('formats money and shares with units', () => {
    expect(formatMoney(1234.5)).toBe('£1,234.50');
    expect(formatMoney(-3)).toBe('−£3.00');
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(Number.NaN)).toBe('–');
  });
});
