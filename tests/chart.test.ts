import { describe, expect, it } from 'vitest';
import { scaleCurveSvg, svgToPng } from '../src/apps/bench/chart.ts';

describe('the bench scale-curve chart', () => {
  const series = [
    { label: '/ask under load', color: '#c0392b', points: [[13, 2.36], [1003, 2.49], [10003, 4.28], [100003, 5.84]] as const },
    { label: 'baseline <vectra>', color: '#34495e', dashed: true, points: [[13, 0.014], [100003, 142.4], [1003, 0]] as const },
  ];

  it('draws one line per measure on log scales, leaving out points a log scale cannot place', () => {
    const svg = scaleCurveSvg('scale & speed', series);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(6);
    expect(svg).toContain('scale &amp; speed');
    expect(svg).toContain('baseline &lt;vectra&gt;');
    // Decade gridlines cover the data: 0.01 ms to 1,000 ms, 10 to 1,000,000 paragraphs.
    expect(svg).toContain('>0.01<');
    expect(svg).toContain('>1,000<');
    expect(svg).toContain('>1,000,000<');
    // Larger indexes sit further right; slower lines sit higher (smaller y).
    const [ask] = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1]!.split(' ').map((p) => p.split(',').map(Number)));
    const xs = ask!.map(([x]) => x!);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(ask![3]![1]).toBeLessThan(ask![0]![1]!);
    expect(() => scaleCurveSvg('empty', [])).toThrow(/positive point/);
  });

  it('rasterises to a PNG', () => {
    const png = svgToPng(scaleCurveSvg('scale', series));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(900);
    expect(png.readUInt32BE(20)).toBe(560);
  });
});
