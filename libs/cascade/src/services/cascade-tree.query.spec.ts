import { EntityManager } from 'typeorm';
import { loadCascadeTree } from './cascade-tree.query';

/** Rows as the recursive query returns them; the shaping is what this spec is about. */
function row(id: string, parent: string | null, depth: number, name: string, state: string, extra: Partial<Record<string, unknown>> = {}) {
  return {
    depth,
    id,
    parent_plan_id: parent,
    state,
    summary: `kế hoạch ${id}`,
    number: null,
    number_symbol: null,
    issued_on: null,
    due_date: '2024-03-01',
    untouched: state === 'draft',
    overdue: false,
    organization_id: `org-${id}`,
    code: id,
    full_name: name,
    short_name: name,
    level: depth + 1,
    ...extra,
  };
}

const manager = (rows: unknown[]) => ({ query: async () => rows }) as unknown as EntityManager;

describe('loadCascadeTree shaping', () => {
  it("orders depth first, keeping the query's Vietnamese order of siblings, and counts each level", async () => {
    // In the query's order: by organization name in PostgreSQL's Vietnamese collation (Â < D < Đ, O < Ô < Ơ).
    const rows = [
      row('a', 'root', 1, 'Huyện Ân Thi', 'review'),
      row('c', 'root', 1, 'Huyện Dương Minh', 'draft', { overdue: true }),
      row('b', 'root', 1, 'Huyện Đức Phổ', 'issued'),
      row('root', null, 0, 'Tỉnh', 'issued'),
      row('a1', 'a', 2, 'Xã An Hòa', 'distributed'),
      row('b1', 'b', 2, 'Xã Ô Loan', 'cancelled'),
      row('b2', 'b', 2, 'Xã Ơ Rê', 'draft', { untouched: false }),
    ];
    const tree = (await loadCascadeTree(manager(rows), 'root', '2024-03-05'))!;
    expect(tree.root).toMatchObject({ id: 'root', depth: 0, status: 'issued' });
    // Vietnamese alphabet: A < Ă < Â < ... D < Đ; O < Ô < Ơ
    expect(tree.descendants.map((n) => n.id)).toEqual(['a', 'a1', 'c', 'b', 'b1', 'b2']);
    expect(tree.descendants.map((n) => n.status)).toEqual(['in_progress', 'issued', 'not_started', 'issued', 'cancelled', 'in_progress']);
    expect(tree.levels).toEqual([
      { depth: 1, total: 3, issued: 1, inProgress: 1, notStarted: 1, cancelled: 0, overdue: 1 },
      { depth: 2, total: 3, issued: 1, inProgress: 1, notStarted: 0, cancelled: 1, overdue: 0 },
    ]);
  });

  it('is null for a plan that does not exist', async () => {
    expect(await loadCascadeTree(manager([]), 'nope', '2024-03-05')).toBeNull();
  });
});
