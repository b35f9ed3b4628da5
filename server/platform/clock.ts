/** Time source passed to services so that tests control the clock instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests and scripted demos. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Today's calendar date in UTC as YYYY-MM-DD. */
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** Adds calendar days to a YYYY-MM-DD date, in UTC so that daylight saving never shifts it. */
export const addDays = (date: string, days: number): string => isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
