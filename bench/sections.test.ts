import { describe, expect, it } from 'vitest';
import { mergeSections, splitSections } from './sections';

const page = [
  '<!-- written by a full run -->',
  '## Alpha',
  'alpha 1',
  '### inside alpha',
  'alpha 2',
  '',
  '## Beta',
  'beta 1',
  '',
  '## Gamma',
  'gamma 1',
].join('\n');

describe('splitSections', () => {
  it('splits at level-2 headings and keeps sub-headings inside', () => {
    const sections = splitSections(page);
    expect(sections.map((s) => s.heading)).toEqual(['', 'Alpha', 'Beta', 'Gamma']);
    expect(sections[1].text).toBe('## Alpha\nalpha 1\n### inside alpha\nalpha 2');
    expect(sections[0].text).toBe('<!-- written by a full run -->');
  });
});

describe('mergeSections', () => {
  it('replaces only the re-run sections, in place, and stamps them', () => {
    const merged = mergeSections(page, '## Beta\nbeta 2', 're-run X');
    expect(merged).toBe(
      [
        '<!-- written by a full run -->',
        '## Alpha\nalpha 1\n### inside alpha\nalpha 2',
        '## Beta\n<!-- section re-run X -->\nbeta 2',
        '## Gamma\ngamma 1',
      ].join('\n\n'),
    );
  });

  it('appends a section the page did not have and keeps every old one', () => {
    const merged = mergeSections(page, '## Delta\ndelta 1', 'run Y');
    expect(splitSections(merged).map((s) => s.heading)).toEqual(['', 'Alpha', 'Beta', 'Gamma', 'Delta']);
    expect(merged).toContain('gamma 1');
  });

  it('replaces an earlier stamp instead of stacking stamps', () => {
    const once = mergeSections(page, '## Beta\nbeta 2', 'first');
    const twice = mergeSections(once, '## Beta\n<!-- section first -->\nbeta 3', 'second');
    expect(twice).toContain('## Beta\n<!-- section second -->\nbeta 3');
    expect(twice).not.toContain('first');
  });

  it("takes the update's preamble when it has one", () => {
    const merged = mergeSections(page, '<!-- new header -->\n## Gamma\ngamma 2', 's');
    expect(merged.startsWith('<!-- new header -->\n\n## Alpha')).toBe(true);
  });
});
