import { AppConfig } from '@app/config';
import { Clock, DAY_MS } from './clock';

describe('Clock', () => {
  const config = (clockAdjustable: boolean) => Object.assign(new AppConfig(), { clockAdjustable });

  it('moves forward only when the configuration allows it, telling its listeners', async () => {
    const clock = new Clock(config(true));
    const moved: number[] = [];
    clock.onAdvance(async (ms) => {
      moved.push(ms);
    });
    const before = clock.now().getTime();
    await clock.advance(2 * DAY_MS);
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(2 * DAY_MS);
    expect(clock.offset).toBe(2 * DAY_MS);
    expect(moved).toEqual([2 * DAY_MS]);
    await expect(clock.advance(-1)).rejects.toThrow(/forward/);
  });

  it('cannot be moved in production', async () => {
    const clock = new Clock(config(false));
    await expect(clock.advance(DAY_MS)).rejects.toThrow(/CLOCK_ADJUSTABLE/);
    expect(clock.offset).toBe(0);
  });

  it('says today as the calendar date in Vietnam (UTC+7), moving with the clock', async () => {
    const clock = new Clock(config(true));
    const before = clock.today();
    await clock.advance(DAY_MS);
    const shifted = new Date(clock.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    expect(clock.today()).toBe(shifted);
    expect(Date.parse(clock.today()) - Date.parse(before)).toBe(DAY_MS);
  });
});
