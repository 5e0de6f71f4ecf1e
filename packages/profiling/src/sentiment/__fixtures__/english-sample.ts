import { readFileSync } from 'node:fs';

/** 600 English reviews: UCI Sentiment Labelled Sentences (CC BY 4.0) and Amazon Fine Foods (MIT). */
export function englishSample(): Array<{ text: string; label: number; source: string }> {
  const text = readFileSync(new URL('./english_reviews_sample.csv', import.meta.url), 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[i++];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows.slice(1).map(([t, label, source]) => ({ text: t, label: Number(label), source }));
}
