import { parseDeadline } from '@workflows/index';
import { eventFieldProblems, PlanEventDto } from './plan-event.dto';

const dto = (fields: Partial<PlanEventDto>) => Object.assign(new PlanEventDto(), fields);

describe('plan event fields', () => {
  it('a bare date is the end of that day in Vietnam; a date-time needs its offset', () => {
    expect(parseDeadline('2024-01-31')?.toISOString()).toBe('2024-01-31T16:59:59.000Z');
    expect(parseDeadline('2024-01-31T08:00:00+07:00')?.toISOString()).toBe('2024-01-31T01:00:00.000Z');
    expect(parseDeadline('2024-02-30')).toBeNull();
    expect(parseDeadline('2024-01-31T08:00:00')).toBeNull();
    expect(parseDeadline('31/01/2024')).toBeNull();
  });

  it('each type takes its own fields: missing ones are required, others not allowed', () => {
    expect(eventFieldProblems(dto({ type: 'APPROVE' }))).toEqual([]);
    expect(eventFieldProblems(dto({ type: 'RETURN', reason: '   ' })).map((p) => `${p.path}:${p.code}`)).toEqual(['reason:required']);
    expect(eventFieldProblems(dto({ type: 'SIGN', password: 'x', note: 'y' })).map((p) => `${p.path}:${p.code}`)).toEqual(['note:not_allowed']);
    expect(eventFieldProblems(dto({ type: 'CIRCULATE', consultees: [], deadline: 'soon' })).map((p) => `${p.path}:${p.code}`)).toEqual([
      'consultees:required',
      'deadline:invalid_date',
    ]);
    expect(eventFieldProblems(dto({ type: 'RESOLVE_COMMENT', commentId: 'c' })).map((p) => p.path)).toEqual(['resolution', 'note']);
    for (const problem of eventFieldProblems(dto({ type: 'CANCEL' }))) expect(problem.message).toMatch(/cần có lý do/);
  });
});
