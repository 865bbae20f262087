import { idCardCheckChar } from '@lianxin/shared';

type Rand = () => number;

/*
 * Fake people for the demo: valid in form (GB 11643 checksum, real region prefixes, real calendar
 * dates, mobile number format) so every check and mask works on them, and fictitious on sight —
 * a surname followed by a 天干 and a numeral (陈甲三, 黄丁七), the way Chinese documents write
 * placeholder parties.
 */
const SURNAMES = '陈李黄梁林何张王吴冯罗邓谭苏莫叶周郑杨刘欧钟伍麦区潘卢严蔡'.split('');
const STEMS = '甲乙丙丁戊己庚辛壬癸'.split('');
const NUMERALS = '一二三四五六七八九十'.split('');

/** Where the demo's people were born: mostly 肇庆's counties, some elsewhere in 广东 and beyond. */
const HOME_COUNTIES = ['441202', '441203', '441204', '441223', '441224', '441225', '441226', '441284'];
const ELSEWHERE = ['440103', '440106', '440604', '445302', '440883', '441802', '450103', '430104', '360102', '510104'];

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

export function fakeName(rand: Rand): string {
  return pick(rand, SURNAMES) + pick(rand, STEMS) + pick(rand, NUMERALS);
}

/** 1 male, 2 female (GB/T 2261.1); the social-work force is about seven in ten women. */
export function fakeSex(rand: Rand): '1' | '2' {
  return rand() < 0.7 ? '2' : '1';
}

/**
 * A resident ID number for `birthDate` and `sex` that no other call in `taken` has produced:
 * 6-digit region, 8-digit birth date, 3-digit sequence (odd for men, even for women), check character.
 */
export function fakeIdNumber(rand: Rand, birthDate: string, sex: '1' | '2', taken: Set<string>): string {
  for (;;) {
    const region = rand() < 0.8 ? pick(rand, HOME_COUNTIES) : pick(rand, ELSEWHERE);
    const seq = Math.floor(rand() * 500) * 2 + (sex === '1' ? 1 : 0);
    const body = `${region}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    const id = body + idCardCheckChar(body);
    if (taken.has(id)) continue;
    taken.add(id);
    return id;
  }
}

const MOBILE_PREFIXES = [
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '152',
  '158',
  '159',
  '176',
  '186',
  '188',
  '189',
  '199',
];

export function fakeMobile(rand: Rand): string {
  return pick(rand, MOBILE_PREFIXES) + String(Math.floor(rand() * 1e8)).padStart(8, '0');
}
