/** Counts as Chinese users read them: 4,873 (grouped in thousands, as in the statistical bulletins). */
const COUNT = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '-' : COUNT.format(n);
}

/** A change with its sign: +1,149 / -12 / 0. */
export function formatChange(n: number | null | undefined): string {
  if (n === null || n === undefined) return '-';
  return n > 0 ? `+${COUNT.format(n)}` : COUNT.format(n);
}

/** A share 0–1 as a percentage with one decimal: 0.6667 → 66.7%. */
export function formatShare(r: number | null | undefined): string {
  return r === null || r === undefined ? '-' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}
