import type { CopyLanguage } from './channels';

/** Short phrases the built-in templates assemble copy from, per language. */
export interface PhraseBook {
  /** Joins parts of one line. */
  separator: string;
  /** Sentence end and exclamation for this script. */
  exclamation: string;
  nowOnly: (price: string) => string;
  was: (price: string) => string;
  until: (date: string) => string;
  callToAction: string[];
  forSegment: (segment: string) => string;
  newArrival: string;
}

export const phraseBooks: Record<CopyLanguage, PhraseBook> = {
  zh: {
    separator: ' ',
    exclamation: '！',
    nowOnly: (p) => `到手价${p}`,
    was: (p) => `原价${p}`,
    until: (d) => `${d}截止`,
    callToAction: ['立即抢购', '马上查看', '点击了解'],
    forSegment: (s) => `${s}专享`,
    newArrival: '新品上市',
  },
  en: {
    separator: ' · ',
    exclamation: '!',
    nowOnly: (p) => `now ${p}`,
    was: (p) => `was ${p}`,
    until: (d) => `ends ${d}`,
    callToAction: ['Shop now', 'See details', 'Grab yours'],
    forSegment: (s) => `For ${s}`,
    newArrival: 'New in',
  },
  ja: {
    separator: ' ',
    exclamation: '！',
    nowOnly: (p) => `特価${p}`,
    was: (p) => `通常${p}`,
    until: (d) => `${d}まで`,
    callToAction: ['今すぐチェック', '詳しくはこちら', 'お見逃しなく'],
    forSegment: (s) => `${s}限定`,
    newArrival: '新発売',
  },
  ko: {
    separator: ' · ',
    exclamation: '!',
    nowOnly: (p) => `특가 ${p}`,
    was: (p) => `정가 ${p}`,
    until: (d) => `${d}까지`,
    callToAction: ['지금 확인하세요', '자세히 보기', '놓치지 마세요'],
    forSegment: (s) => `${s} 전용`,
    newArrival: '신상품',
  },
  es: {
    separator: ' · ',
    exclamation: '!',
    nowOnly: (p) => `ahora ${p}`,
    was: (p) => `antes ${p}`,
    until: (d) => `hasta el ${d}`,
    callToAction: ['Compra ya', 'Descúbrelo', 'Ver oferta'],
    forSegment: (s) => `Para ${s}`,
    newArrival: 'Novedad',
  },
  fr: {
    separator: ' · ',
    exclamation: ' !',
    nowOnly: (p) => `à ${p}`,
    was: (p) => `au lieu de ${p}`,
    until: (d) => `jusqu'au ${d}`,
    callToAction: ['Découvrez-le', 'Voir l’offre', 'J’en profite'],
    forSegment: (s) => `Pour ${s}`,
    newArrival: 'Nouveauté',
  },
  de: {
    separator: ' · ',
    exclamation: '!',
    nowOnly: (p) => `jetzt ${p}`,
    was: (p) => `statt ${p}`,
    until: (d) => `bis ${d}`,
    callToAction: ['Jetzt entdecken', 'Mehr erfahren', 'Jetzt sichern'],
    forSegment: (s) => `Für ${s}`,
    newArrival: 'Neu',
  },
};
