import type { RankingContext } from './ranking-context';

/** How a front end should show the list. */
export interface PresentationHint {
  /** `compact` cards for small screens; `comparison` table side by side for large ones; `grid` in between. */
  layout: 'compact' | 'grid' | 'comparison';
  /** How many items to show at once. */
  visibleItems: number;
  /** Item fields worth showing in this layout. */
  fields: string[];
  reason: string;
}

/** Mobile → compact (image, title, price); tablet → grid; desktop → detailed comparison (attributes side by side). */
export function presentationHint(context: RankingContext): PresentationHint {
  const device = (context.device ?? '').toLowerCase();
  if (device === 'mobile' || device === 'phone' || device === 'mini-program') {
    return {
      layout: 'compact',
      visibleItems: 4,
      fields: ['image', 'title', 'price'],
      reason: `device "${device}": small screen, compact cards`,
    };
  }
  if (device === 'tablet') {
    return {
      layout: 'grid',
      visibleItems: 6,
      fields: ['image', 'title', 'price', 'rating'],
      reason: 'tablet: grid of cards',
    };
  }
  if (device === 'desktop' || device === 'web' || device === 'pc') {
    return {
      layout: 'comparison',
      visibleItems: 10,
      fields: ['image', 'title', 'price', 'rating', 'brand', 'attributes', 'reasons'],
      reason: `device "${device}": room for a detailed side-by-side comparison`,
    };
  }
  return {
    layout: 'grid',
    visibleItems: 8,
    fields: ['image', 'title', 'price'],
    reason: 'unknown device: default grid',
  };
}
