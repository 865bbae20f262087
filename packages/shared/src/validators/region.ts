/**
 * 统计用区划代码: 2 digits for a province, 4 a city, 6 a county, 9 a town, 12 a village or
 * community. Nothing else names a region.
 */
export const REGION_CODE = /^(?:\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

/** A region code, or '' for the whole country (a user's nationwide region or scope). */
export const REGION_CODE_OR_NATIONWIDE = /^(?:\d{2}|\d{4}|\d{6}|\d{9}|\d{12})?$/;

export function isRegionCode(code: string): boolean {
  return REGION_CODE.test(code);
}
