import { describe, expect, it } from 'vitest';
import { readItems } from './read-items';
import { readReviews } from './read-reviews';
import { readTransactions } from './read-transactions';

const text = (name: string, data: string) => ({ name, data });

describe('readItems', () => {
  it('reads category paths, attributes, image vectors and stock flags; usual column names', async () => {
    const csv = [
      'sku,name,category,price,colour,in_stock,embedding',
      'a1,Orange juice,Food > Drinks > Juice,3.5,orange,yes,"[0.1,0.2,0.3]"',
      'b2,Green tea,"[""Food"",""Drinks""]",2,,0,0.5|0.25',
    ].join('\n');
    const { records, summary } = await readItems(text('items.csv', csv), {
      mapping: { 'attributes.colour': 'colour' },
    }).collect();
    expect(records).toEqual([
      {
        itemId: 'a1',
        title: 'Orange juice',
        categoryPath: ['Food', 'Drinks', 'Juice'],
        price: 3.5,
        attributes: { colour: 'orange' },
        inStock: true,
        imageVector: [0.1, 0.2, 0.3],
      },
      {
        itemId: 'b2',
        title: 'Green tea',
        categoryPath: ['Food', 'Drinks'],
        price: 2,
        inStock: false,
        imageVector: [0.5, 0.25],
      },
    ]);
    expect(summary.columns?.used).toMatchObject({
      itemId: 'sku',
      title: 'name',
      categoryPath: 'category',
      inStock: 'in_stock',
    });
  });

  it('rejects a vector with a non-number and a negative price, naming the field', async () => {
    const csv = 'itemId,title,price,imageVector\nx,X,-1,\ny,Y,1,0.1|oops\n';
    const { summary } = await readItems(text('items.csv', csv), { mode: 'lenient' }).collect();
    expect(
      summary.rejections.map((rejection) => [
        rejection.row,
        rejection.issues[0].field,
        rejection.issues[0].message,
      ]),
    ).toEqual([
      [1, 'price', 'out of range'],
      [2, 'imageVector', 'list item 2 is not a number'],
    ]);
  });
});

describe('readReviews', () => {
  it('maps labels through valueMaps and reads ratings', async () => {
    const csv = 'review,score,sentiment\n"Great, fast delivery",5,positive\n很差,1,negative\n';
    const { records } = await readReviews(text('reviews.csv', csv), {
      valueMaps: { label: { positive: 1, negative: 0 } },
    }).collect();
    expect(records).toEqual([
      { text: 'Great, fast delivery', rating: 5, label: 1 },
      { text: '很差', rating: 1, label: 0 },
    ]);
  });
});

describe('readTransactions, European CSV', () => {
  it('reads ; delimiters with decimal commas and date-only timestamps, filling amount', async () => {
    const csv = 'Order;Customer;SKU;Date;Qty;Price\nT1;C1;S1;2024-03-01;3;2,55\nT2;C1;S2;2024-03-02;-1;10\n';
    const { records } = await readTransactions(text('orders.csv', csv), {
      delimiter: ';',
      decimalSeparator: ',',
    }).collect();
    expect(records).toEqual([
      {
        transactionId: 'T1',
        customerId: 'C1',
        itemId: 'S1',
        timestamp: Date.UTC(2024, 2, 1),
        quantity: 3,
        unitPrice: 2.55,
        amount: 7.65,
      },
      {
        transactionId: 'T2',
        customerId: 'C1',
        itemId: 'S2',
        timestamp: Date.UTC(2024, 2, 2),
        quantity: -1,
        unitPrice: 10,
        amount: -10,
      },
    ]);
  });
});
