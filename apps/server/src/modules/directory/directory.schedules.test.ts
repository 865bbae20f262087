import { describe, expect, it } from 'vitest';
import { fromSchedules, parseOpeningHours, toSchedules } from './directory.schedules.ts';

describe('opening hours as HSDS schedules', () => {
  it('reads the usual Chinese notices into weekdays and time ranges', () => {
    expect(parseOpeningHours('周一至周五 8:30-12:00，14:30-17:30')).toEqual({
      days: ['MO', 'TU', 'WE', 'TH', 'FR'],
      ranges: [
        ['08:30', '12:00'],
        ['14:30', '17:30'],
      ],
    });
    expect(parseOpeningHours('周二至周日 9:00-18:00')?.days).toEqual(['TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
    expect(parseOpeningHours('每天 9:00-17:00')?.days).toHaveLength(7);
  });

  it('keeps what it cannot express as text only', () => {
    for (const text of [
      '预约开放',
      '周一至周五 上午',
      '周五至周一 9:00-17:00',
      '周一 17:00-09:00',
      '周一至周五 9:00-12:00 节假日除外',
    ]) {
      expect(parseOpeningHours(text), text).toBeNull();
      expect(toSchedules('0190d0a0-0000-7000-8000-000000000001', text)).toEqual([
        expect.objectContaining({ description: text }),
      ]);
    }
  });

  it('restores the wording an export wrote, and rebuilds it from a foreign recurrence', () => {
    const text = '周一至周六 9:00-17:00';
    expect(fromSchedules(toSchedules('0190d0a0-0000-7000-8000-000000000001', text))).toBe(text);
    expect(
      fromSchedules([
        { byday: 'MO,TU,WE', opens_at: '08:00', closes_at: '12:00' },
        { byday: 'SA', opens_at: '09:00', closes_at: '11:00' },
      ]),
    ).toBe('周一至周三 08:00-12:00，周六 09:00-11:00');
    expect(fromSchedules([{ byday: 'MO,WE,FR', opens_at: '14:00', closes_at: '17:00' }])).toBe(
      '周一、周三、周五 14:00-17:00',
    );
    expect(fromSchedules([])).toBe('');
  });
});
