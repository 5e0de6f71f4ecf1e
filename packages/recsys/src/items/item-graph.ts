import type { BehaviorEvent, Item } from '@shoppilot/core';
import { TopKHeap } from '../search/top-k';

export type GraphNodeKind = 'item' | 'category' | 'attribute' | 'brand';
export type GraphRelation =
  | 'co-view'
  | 'co-buy'
  | 'in-category'
  | 'subcategory'
  | 'has-attribute'
  | 'has-brand';

export interface ItemGraphOptions {
  /** Weight of one co-view (view/click events of one user at most `window` positions apart). Default 1. */
  coViewWeight?: number;
  /** Weight of one co-buy (two items bought by the same user). Default 3. */
  coBuyWeight?: number;
  /** Weight of item–category (leaf), category–parent links. Default 2. */
  categoryWeight?: number;
  /** Weight of item–attribute links. Default 1. */
  attributeWeight?: number;
  /** Weight of item–brand links. Default 1. */
  brandWeight?: number;
  /** Co-view window in positions of a user's view sequence. Default 3. */
  window?: number;
}

export interface GraphNeighbour {
  id: string;
  kind: GraphNodeKind;
  weight: number;
  relations: GraphRelation[];
}

/**
 * A "knowledge graph lite" over the catalogue: item, category (every level of the path), attribute
 * (`key=value`) and brand nodes, plus co-view and co-buy edges between items from behaviour.
 * Undirected and weighted. Node ids are `item:<id>`, `category:<a>>b>c`, `attribute:<k>=<v>`,
 * `brand:<name>`.
 */
export class ItemGraph {
  readonly #index = new Map<string, number>();
  readonly ids: string[] = [];
  readonly kinds: GraphNodeKind[] = [];
  readonly #edges: Array<Map<number, { weight: number; relations: Set<GraphRelation> }>> = [];

  static build(
    items: readonly Item[],
    events: readonly BehaviorEvent[] = [],
    options: ItemGraphOptions = {},
  ): ItemGraph {
    const graph = new ItemGraph();
    for (const item of items) graph.#addItem(item, options);
    graph.#addBehaviour(events, options);
    return graph;
  }

  get size(): number {
    return this.ids.length;
  }

  /** Index of a node id, or undefined. */
  node(id: string): number | undefined {
    return this.#index.get(id);
  }

  /** The neighbours of a node (strongest first), optionally of one kind only. */
  neighbours(id: string, options: { kind?: GraphNodeKind; limit?: number } = {}): GraphNeighbour[] {
    const node = this.#index.get(id);
    if (node === undefined) return [];
    const out: GraphNeighbour[] = [];
    for (const [other, edge] of this.#edges[node]) {
      if (options.kind && this.kinds[other] !== options.kind) continue;
      out.push({
        id: this.ids[other],
        kind: this.kinds[other],
        weight: edge.weight,
        relations: [...edge.relations],
      });
    }
    out.sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1));
    return out.slice(0, options.limit ?? out.length);
  }

  /** Weighted degree of every node. */
  degrees(): Float64Array {
    const out = new Float64Array(this.size);
    this.#edges.forEach((edges, node) => {
      for (const edge of edges.values()) out[node] += edge.weight;
    });
    return out;
  }

  /** Calls `visit(neighbour, weight)` for each edge of `node`. */
  forEachEdge(node: number, visit: (neighbour: number, weight: number) => void): void {
    for (const [other, edge] of this.#edges[node]) visit(other, edge.weight);
  }

  /** Adds `weight` to the undirected edge a–b with a relation label. */
  addEdge(
    a: string,
    aKind: GraphNodeKind,
    b: string,
    bKind: GraphNodeKind,
    weight: number,
    relation: GraphRelation,
  ): void {
    const x = this.#ensure(a, aKind);
    const y = this.#ensure(b, bKind);
    if (x === y || weight <= 0) return;
    for (const [from, to] of [
      [x, y],
      [y, x],
    ]) {
      const edge = this.#edges[from].get(to) ?? { weight: 0, relations: new Set<GraphRelation>() };
      edge.weight += weight;
      edge.relations.add(relation);
      this.#edges[from].set(to, edge);
    }
  }

  #ensure(id: string, kind: GraphNodeKind): number {
    let node = this.#index.get(id);
    if (node === undefined) {
      node = this.ids.length;
      this.#index.set(id, node);
      this.ids.push(id);
      this.kinds.push(kind);
      this.#edges.push(new Map());
    }
    return node;
  }

  #addItem(item: Item, options: ItemGraphOptions): void {
    const id = `item:${item.itemId}`;
    this.#ensure(id, 'item');
    const path = item.categoryPath ?? [];
    const category = (depth: number) => `category:${path.slice(0, depth + 1).join('>')}`;
    const categoryWeight = options.categoryWeight ?? 2;
    if (path.length > 0)
      this.addEdge(id, 'item', category(path.length - 1), 'category', categoryWeight, 'in-category');
    for (let depth = path.length - 1; depth > 0; depth--) {
      this.addEdge(
        category(depth),
        'category',
        category(depth - 1),
        'category',
        categoryWeight,
        'subcategory',
      );
    }
    for (const [key, value] of Object.entries(item.attributes ?? {})) {
      this.addEdge(
        id,
        'item',
        `attribute:${key}=${String(value)}`,
        'attribute',
        options.attributeWeight ?? 1,
        'has-attribute',
      );
    }
    if (item.brand)
      this.addEdge(id, 'item', `brand:${item.brand}`, 'brand', options.brandWeight ?? 1, 'has-brand');
  }

  #addBehaviour(events: readonly BehaviorEvent[], options: ItemGraphOptions): void {
    const byUser = new Map<string, BehaviorEvent[]>();
    for (const event of events) {
      if (!event.itemId) continue;
      const list = byUser.get(event.userId) ?? [];
      list.push(event);
      byUser.set(event.userId, list);
    }
    const window = options.window ?? 3;
    for (const list of byUser.values()) {
      list.sort((a, b) => a.timestamp - b.timestamp);
      const views = list
        .filter((e) => e.type === 'view' || e.type === 'click')
        .map((e) => e.itemId as string);
      for (let p = 0; p < views.length; p++) {
        for (let q = p + 1; q < Math.min(views.length, p + 1 + window); q++) {
          if (views[p] !== views[q])
            this.addEdge(
              `item:${views[p]}`,
              'item',
              `item:${views[q]}`,
              'item',
              options.coViewWeight ?? 1,
              'co-view',
            );
        }
      }
      const bought = [...new Set(list.filter((e) => e.type === 'buy').map((e) => e.itemId as string))];
      for (let p = 0; p < bought.length; p++) {
        for (let q = p + 1; q < bought.length; q++) {
          this.addEdge(
            `item:${bought[p]}`,
            'item',
            `item:${bought[q]}`,
            'item',
            options.coBuyWeight ?? 3,
            'co-buy',
          );
        }
      }
    }
  }
}

/** Best `k` item nodes of a node-score vector (ids without the `item:` prefix), skipping `exclude`. */
export function topItems(
  graph: ItemGraph,
  scores: Float64Array,
  k: number,
  exclude: ReadonlySet<number>,
): Array<{ itemId: string; score: number }> {
  const heap = new TopKHeap(k);
  for (let node = 0; node < scores.length; node++) {
    if (graph.kinds[node] === 'item' && !exclude.has(node) && scores[node] > 0) heap.push(scores[node], node);
  }
  const best = heap.drain();
  return Array.from(best.indices, (node, r) => ({ itemId: graph.ids[node].slice(5), score: best.scores[r] }));
}
