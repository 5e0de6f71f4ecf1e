/**
 * Absolute terms banned in advertising by the Advertising Law of the People's Republic of China
 * (2015, art. 9(3): "国家级"、"最高级"、"最佳" and similar wording), as commonly enforced by the SAMR
 * and marketplace rules. Kept as data: extend or replace it per market with `bannedTerms`.
 */
export const chinaAdLawAbsoluteTerms: readonly string[] = [
  '最',
  '第一',
  '唯一',
  '顶级',
  '国家级',
  '世界级',
  '最高级',
  '最佳',
  '最低价',
  '首个',
  '首选',
  '极致',
  '极品',
  '绝对',
  '独一无二',
  '全网第一',
  '销量冠军',
  'NO.1',
  'No.1',
  'TOP1',
  '万能',
  '史无前例',
  '永久',
  '王牌',
  '领袖品牌',
  '遥遥领先',
];
