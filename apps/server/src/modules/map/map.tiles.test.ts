import { describe, expect, it } from 'vitest';
import { resolveTemplate, tileOrigins, tileTemplateProblem } from './map.tiles.ts';

const TIANDITU =
  'https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}';
const source = { url: '', labelUrl: '', key: '', subdomains: '', crs: 'wgs84' as const, attribution: '' };

describe('tile URL templates', () => {
  it('accepts Tianditu WMTS and an intranet XYZ server', () => {
    expect(tileTemplateProblem(TIANDITU)).toBeNull();
    expect(tileTemplateProblem('http://10.1.2.3:8080/tiles/{z}/{x}/{-y}.png')).toBeNull();
  });

  it('says what is wrong with one that cannot work', () => {
    expect(tileTemplateProblem('https://tiles.example.cn/{z}/{x}.png')).toBe('needs {z}, {x} and {y}');
    expect(tileTemplateProblem('https://tiles.example.cn/{z}/{x}/{y}.png?token={token}')).toBe(
      'unknown placeholder {token}',
    );
    expect(tileTemplateProblem('javascript:alert({z}{x}{y})')).toBe('must be http(s)');
    expect(tileTemplateProblem('tiles/{z}/{x}/{y}.png')).toBe('not a URL');
  });

  it('fills in the key and leaves the tile placeholders to the browser', () => {
    expect(resolveTemplate(TIANDITU, 'ab12&x')).toMatch(/TILEMATRIX=\{z\}&TILEROW=\{y\}&TILECOL=\{x\}&tk=ab12%26x$/);
  });

  it('names every tile host for the page policy, one per subdomain', () => {
    expect(tileOrigins({ ...source, url: TIANDITU, subdomains: '012' })).toEqual([
      'https://t0.tianditu.gov.cn',
      'https://t1.tianditu.gov.cn',
      'https://t2.tianditu.gov.cn',
    ]);
    expect(tileOrigins({ ...source, url: 'https://{s}.tiles.example.cn/{z}/{x}/{y}.png' })).toEqual([
      'https://a.tiles.example.cn',
      'https://b.tiles.example.cn',
      'https://c.tiles.example.cn',
    ]);
    expect(
      tileOrigins({
        ...source,
        url: 'http://10.1.2.3:8080/{z}/{x}/{y}.png',
        labelUrl: 'http://10.1.2.4/{z}/{x}/{y}.png',
      }),
    ).toEqual(['http://10.1.2.3:8080', 'http://10.1.2.4']);
  });
});
