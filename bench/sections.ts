/**
 * Merging a partial bench run into its results page. A page is a preamble followed by sections,
 * each starting at a line `## heading`. A run that measured only some sections (an environment
 * switch such as `PROFILING_BENCH_PARTS`) replaces those sections by heading and keeps the rest,
 * instead of overwriting the page with a fraction of it.
 */

export interface PageSection {
  /** The heading text after `## `, or '' for the preamble before the first heading. */
  heading: string;
  /** The section's lines, its heading line included. */
  text: string;
}

/** Splits a page at its `## ` lines (a `### ` sub-heading stays inside its section). */
export function splitSections(page: string): PageSection[] {
  const sections: PageSection[] = [];
  let current: { heading: string; lines: string[] } = { heading: '', lines: [] };
  for (const line of page.split('\n')) {
    if (line.startsWith('## ')) {
      sections.push(finish(current));
      current = { heading: line.slice(3).trim(), lines: [line] };
    } else current.lines.push(line);
  }
  sections.push(finish(current));
  return sections.filter((section, index) => index > 0 || section.text.trim() !== '');
}

function finish(section: { heading: string; lines: string[] }): PageSection {
  return { heading: section.heading, text: section.lines.join('\n').replace(/\n+$/, '') };
}

/**
 * The previous page with every section of `update` put in place of the section with the same
 * heading; sections new to the page are appended in the update's order. The update's preamble
 * (if any) replaces the previous one. `stamp` is inserted under each replaced or added heading,
 * so a reader sees which sections come from which run.
 */
export function mergeSections(previous: string, update: string, stamp: string): string {
  const fresh = splitSections(update);
  const byHeading = new Map(fresh.filter((s) => s.heading !== '').map((s) => [s.heading, s]));
  const used = new Set<string>();
  const merged: string[] = [];
  const freshPreamble = fresh.find((s) => s.heading === '');
  for (const section of splitSections(previous)) {
    if (section.heading === '') {
      merged.push(freshPreamble?.text ?? section.text);
      continue;
    }
    const replacement = byHeading.get(section.heading);
    if (replacement && !used.has(section.heading)) {
      used.add(section.heading);
      merged.push(stamped(replacement, stamp));
    } else if (!replacement) merged.push(section.text);
  }
  for (const section of fresh) {
    if (section.heading !== '' && !used.has(section.heading)) merged.push(stamped(section, stamp));
  }
  return merged.join('\n\n');
}

function stamped(section: PageSection, stamp: string): string {
  const [heading, ...rest] = section.text.split('\n');
  const body = rest[0]?.startsWith('<!-- section') ? rest.slice(1) : rest;
  return [heading, `<!-- section ${stamp} -->`, ...body].join('\n');
}
