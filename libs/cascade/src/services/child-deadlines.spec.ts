import { overdueInstant, reminderInstant } from './child-deadlines.service';

describe('deadline instants (Vietnam time, UTC+7)', () => {
  it('reminds at 08:00 in Vietnam the given number of days before the due date', () => {
    expect(reminderInstant('2024-03-01', 3).toISOString()).toBe('2024-02-27T01:00:00.000Z');
    expect(reminderInstant('2024-01-02', 3).toISOString()).toBe('2023-12-30T01:00:00.000Z');
  });

  it('makes a child overdue at midnight in Vietnam at the end of its due date', () => {
    expect(overdueInstant('2024-02-08').toISOString()).toBe('2024-02-08T17:00:00.000Z');
  });
});
