import { DELIVERY_STATUSES, ENDED_STATUSES, HANDLING_NEXT, HANDLING_STATUSES, OPEN_STATUSES, parseHandlingStatus } from './delivery-states';

describe('delivery and handling statuses', () => {
  it('splits delivery statuses into open and ended, each status in exactly one', () => {
    expect([...OPEN_STATUSES, ...ENDED_STATUSES].sort()).toEqual([...DELIVERY_STATUSES].sort());
  });

  it('reads a handling status by its English code or its edXML number', () => {
    expect(parseHandlingStatus('in_progress')).toBe('in_progress');
    expect(parseHandlingStatus('05')).toBe('in_progress');
    expect(parseHandlingStatus('02')).toBe('rejected');
    expect(parseHandlingStatus('5')).toBeNull();
    expect(parseHandlingStatus('lost')).toBeNull();
  });

  it('only moves handling forward, and ends at rejected or done', () => {
    const order = ['arrived', 'accepted', 'assigned', 'in_progress', 'done'];
    for (const from of HANDLING_STATUSES) {
      for (const to of HANDLING_NEXT[from]) {
        if (to !== 'rejected') expect(order.indexOf(to)).toBeGreaterThan(order.indexOf(from));
      }
    }
    expect(HANDLING_NEXT.done).toEqual([]);
    expect(HANDLING_NEXT.rejected).toEqual([]);
    expect(HANDLING_NEXT.arrived).toContain('rejected');
    expect(HANDLING_NEXT.accepted).not.toContain('rejected');
  });
});
