import { planMachineAfterIssuance, planMachineV1 as planMachine, planMachineV5 } from '@workflows/index';
import { buildStatechart } from './statechart';

describe('statechart drawn from the machine definition', () => {
  const chart = buildStatechart(planMachine.config as never, 'review', [
    { from: 'draft', to: 'review', event: 'SUBMIT' },
    { from: 'review', to: 'draft', event: 'RETURN' },
    { from: 'draft', to: 'review', event: 'SUBMIT' },
    { from: 'review', to: 'review', event: 'APPROVE' },
  ]);

  it('has every state of the machine, the initial first and the final ones last', () => {
    const ids = chart.states.map((s) => s.id);
    expect(new Set(ids)).toEqual(new Set(Object.keys(planMachine.config.states!)));
    expect(ids[0]).toBe('draft');
    expect(ids.slice(-2).sort()).toEqual(['cancelled', 'distributed']);
  });

  it('has every transition of the definition, grouped by source and target, with Vietnamese labels', () => {
    const fromReview = chart.edges.filter((e) => e.from === 'review').map((e) => [e.to, e.events.sort()]);
    expect(fromReview).toEqual(
      expect.arrayContaining([
        ['awaitingSignature', ['APPROVE']],
        ['draft', ['RETURN', 'WITHDRAW']],
        ['cancelled', ['CANCEL']],
      ]),
    );
    expect(chart.edges.find((e) => e.from === 'draft' && e.to === 'review')!.label).toBe('Trình duyệt');
    expect(chart.states.find((s) => s.id === 'review')!.selfEvents).toContain('Duyệt');
  });

  it('marks the current state, the states visited and the transitions taken, with their count', () => {
    expect(chart.states.filter((s) => s.current).map((s) => s.id)).toEqual(['review']);
    expect(
      chart.states
        .filter((s) => s.visited)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['draft', 'review']);
    expect(chart.edges.find((e) => e.from === 'draft' && e.to === 'review')!.taken).toBe(2);
    expect(chart.edges.find((e) => e.from === 'review' && e.to === 'draft')!.taken).toBe(1);
    expect(chart.edges.find((e) => e.from === 'awaitingSignature' && e.to === 'signed')!.taken).toBe(0);
    expect(chart.svg).toContain('<svg');
    expect(chart.svg).toContain('Đang duyệt');
  });

  it('draws the revocation after issuance: REVOKE from distributed to revoked, marked when taken; PARENT_REVOKED cancels', () => {
    const revoked = buildStatechart(planMachineAfterIssuance.config as never, 'revoked', [
      { from: 'distributing', to: 'distributed', event: 'DISTRIBUTED' },
      { from: 'distributed', to: 'revoked', event: 'REVOKE' },
    ]);
    const edge = revoked.edges.find((e) => e.from === 'distributed' && e.to === 'revoked')!;
    expect(edge).toMatchObject({ events: ['REVOKE'], label: 'Thu hồi', taken: 1 });
    expect(revoked.states.find((s) => s.id === 'revoked')).toMatchObject({ label: 'Đã thu hồi', current: true, final: false });
    expect(revoked.edges.find((e) => e.from === 'review' && e.to === 'cancelled')!.events.sort()).toEqual(['CANCEL', 'PARENT_REVOKED']);
    expect(revoked.svg).toContain('Đã thu hồi');
  });

  it("draws v5: REPLACED from distributed to replaced, and the correction notice's SUBMIT straight to the signers", () => {
    const replaced = buildStatechart(planMachineV5.config as never, 'replaced', [
      { from: 'distributing', to: 'distributed', event: 'DISTRIBUTED' },
      { from: 'distributed', to: 'replaced', event: 'REPLACED' },
    ]);
    const edge = replaced.edges.find((e) => e.from === 'distributed' && e.to === 'replaced')!;
    expect(edge).toMatchObject({ events: ['REPLACED'], label: 'Được thay thế bằng văn bản mới', taken: 1 });
    expect(replaced.states.find((s) => s.id === 'replaced')).toMatchObject({ label: 'Đã được thay thế', current: true, final: false });
    expect(replaced.edges.find((e) => e.from === 'draft' && e.to === 'awaitingSignature')!.events).toEqual(['SUBMIT']);
    expect(replaced.edges.find((e) => e.from === 'draft' && e.to === 'review')!.events).toEqual(['SUBMIT']);
    expect(replaced.svg).toContain('Đã được thay thế');
  });
});
