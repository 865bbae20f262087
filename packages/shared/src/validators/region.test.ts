import { describe, expect, it } from 'vitest';
import { isRegionCode, REGION_CODE_OR_NATIONWIDE } from './region.ts';

describe('region codes', () => {
  it('take the five levels of the statistical division codes and nothing in between', () => {
    for (const code of ['44', '4412', '441202', '441202001', '441202001002']) expect(isRegionCode(code)).toBe(true);
    for (const code of ['', '4', '441', '44120', '4412020', '44120200', '4412020010', '4412020010020', '44a2', ' 4412'])
      expect(isRegionCode(code)).toBe(false);
  });

  it('leave the empty nationwide code to the users that may hold it', () => {
    expect(REGION_CODE_OR_NATIONWIDE.test('')).toBe(true);
    expect(REGION_CODE_OR_NATIONWIDE.test('441202')).toBe(true);
    expect(REGION_CODE_OR_NATIONWIDE.test('441')).toBe(false);
  });
});
