import { usccCheckChar } from '@lianxin/shared';

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check character of an 8-digit organization code body. */
function orgCodeCheck(body: string): string {
  const sum = [...body].reduce((acc, c, i) => acc + Number(c) * ORG_WEIGHTS[i], 0);
  const c = 11 - (sum % 11);
  return c === 11 ? '0' : c === 10 ? 'X' : String(c);
}

/**
 * A well-formed 统一社会信用代码 for demo and test data: registration authority and type (52 民办非企业
 * 单位/社会服务机构, 91 企业, 12 事业单位, …), the 6-digit division, an organization code made from
 * `serial` with its own check digit, and the GB 32100 check character.
 */
export function makeCreditCode(authorityAndType: string, division: string, serial: number): string {
  const body = String(serial % 1e8).padStart(8, '0');
  const first17 = `${authorityAndType}${division.slice(0, 6).padEnd(6, '0')}${body}${orgCodeCheck(body)}`;
  return first17 + usccCheckChar(first17);
}
