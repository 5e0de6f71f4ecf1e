import { type Item, itemSchema } from '../schema/item';
import { createDomainReader } from './domain-reader';
import type { ReadSource } from './open-source';
import type { ReadOptions, RecordReader } from './record-reader';

/** Usual column names of item fields (normalised). */
export const ITEM_COLUMN_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  itemId: ['sku', 'productid', 'product', 'item', 'id', 'stockcode', 'aid'],
  title: ['name', 'productname', 'itemname'],
  description: ['desc', 'details', 'body'],
  categoryPath: ['category', 'categories', 'categorypath', 'categoryid'],
  price: ['unitprice', 'listprice'],
  inStock: ['instock', 'available', 'availability'],
  imageVector: ['imageembedding', 'embedding', 'vector'],
};

/**
 * Streams catalogue items (`Item`) in batches. `categoryPath` accepts a JSON array or text split
 * on `|` or `>` (`Food > Drinks > Juice`); `imageVector` a JSON array or numbers split on `|`,
 * `;`, `,` or spaces; `attributes` a JSON object, or single attributes mapped as
 * `'attributes.color': 'colour'`.
 */
export function readItems(source: ReadSource, options: ReadOptions = {}): RecordReader<Item> {
  return createDomainReader(
    source,
    { schema: itemSchema, timestampFields: [], synonyms: ITEM_COLUMN_SYNONYMS },
    options,
  );
}
