import vader from 'vader-sentiment';

/**
 * English VADER (Hutto & Gilbert 2014, through the `vader-sentiment` package): label 1 when the
 * compound score >= `threshold` (default 0.05, the authors' cut-off for "positive").
 */
export class VaderScorer {
  readonly threshold: number;

  constructor(options: { threshold?: number } = {}) {
    this.threshold = options.threshold ?? 0.05;
  }

  /** VADER's compound score in [-1, 1]. */
  compound(text: string): number {
    return vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  }

  predict(texts: readonly string[]): number[] {
    return texts.map((text) => (this.compound(text) >= this.threshold ? 1 : 0));
  }
}
