import { describe, expect, it } from 'vitest';
import { formatDay } from '../history/dates.js';
import { dayInTimeZone } from './timezone.js';

describe("today in the clinic's time zone", () => {
  it('late evening in New York is still the previous day there while it is already tomorrow in UTC', () => {
    const instant = new Date('2024-03-01T02:30:00Z');
    expect(formatDay(dayInTimeZone(instant, 'UTC'))).toBe('2024-03-01');
    expect(formatDay(dayInTimeZone(instant, 'America/New_York'))).toBe('2024-02-29');
  });
  it('early morning in Sydney is already the next day', () => {
    expect(formatDay(dayInTimeZone(new Date('2024-12-31T14:00:00Z'), 'Australia/Sydney'))).toBe('2025-01-01');
  });
});
