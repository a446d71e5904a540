/**
 * The scale curve as a chart: milliseconds against paragraphs, both on log
 * scales (the figures span five orders of magnitude), one line per measure.
 * Drawn as SVG text here and rasterised to PNG by resvg, so a bench run
 * needs no browser.
 */
import { Resvg } from '@resvg/resvg-js';

export interface ChartSeries {
  label: string;
  color: string;
  /** [paragraphs, milliseconds]; points at or under zero are left out (log scale). */
  points: readonly (readonly [number, number])[];
  dashed?: boolean;
}

const WIDTH = 900;
const HEIGHT = 560;
const MARGIN = { left: 80, right: 260, top: 50, bottom: 60 };
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

export function scaleCurveSvg(title: string, series: readonly ChartSeries[]): string {
  const points = series.flatMap((s) => s.points).filter(([x, y]) => x > 0 && y > 0);
  if (points.length === 0) throw new Error('a chart needs at least one positive point');
  const xs = decades(points.map(([x]) => x));
  const ys = decades(points.map(([, y]) => y));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (value: number) => MARGIN.left + ((Math.log10(value) - xs.from) / (xs.to - xs.from)) * plotWidth;
  const y = (value: number) => MARGIN.top + plotHeight - ((Math.log10(value) - ys.from) / (ys.to - ys.from)) * plotHeight;
  const parts: string[] = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${MARGIN.left}" y="28" font-size="17" font-weight="bold">${escape(title)}</text>`,
  ];
  for (let decade = xs.from; decade <= xs.to; decade++) {
    const at = x(10 ** decade);
    parts.push(`<line x1="${at}" y1="${MARGIN.top}" x2="${at}" y2="${MARGIN.top + plotHeight}" stroke="#e3e3e3"/>`);
    parts.push(`<text x="${at}" y="${MARGIN.top + plotHeight + 20}" font-size="12" text-anchor="middle">${formatNumber(10 ** decade)}</text>`);
  }
  for (let decade = ys.from; decade <= ys.to; decade++) {
    const at = y(10 ** decade);
    parts.push(`<line x1="${MARGIN.left}" y1="${at}" x2="${MARGIN.left + plotWidth}" y2="${at}" stroke="#e3e3e3"/>`);
    parts.push(`<text x="${MARGIN.left - 8}" y="${at + 4}" font-size="12" text-anchor="end">${formatNumber(10 ** decade)}</text>`);
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#888"/>`,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 16}" font-size="13" text-anchor="middle">paragraphs in the index</text>`,
    `<text transform="translate(22 ${MARGIN.top + plotHeight / 2}) rotate(-90)" font-size="13" text-anchor="middle">milliseconds (p50)</text>`,
  );
  series.forEach((s, i) => {
    const shown = s.points.filter(([px, py]) => px > 0 && py > 0);
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    if (shown.length > 1) {
      const path = shown.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ');
      parts.push(`<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2.5"${dash}/>`);
    }
    for (const [px, py] of shown) parts.push(`<circle cx="${x(px).toFixed(1)}" cy="${y(py).toFixed(1)}" r="4" fill="${s.color}"/>`);
    const legendY = MARGIN.top + 12 + i * 24;
    const legendX = MARGIN.left + plotWidth + 20;
    parts.push(
      `<line x1="${legendX}" y1="${legendY}" x2="${legendX + 26}" y2="${legendY}" stroke="${s.color}" stroke-width="2.5"${dash}/>`,
      `<text x="${legendX + 34}" y="${legendY + 4}" font-size="12">${escape(s.label)}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="${FONT}" fill="#222">${parts.join('')}</svg>`;
}

export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}

/** The whole decades that hold the values, as powers of ten. */
function decades(values: readonly number[]): { from: number; to: number } {
  const from = Math.floor(Math.log10(Math.min(...values)));
  const to = Math.ceil(Math.log10(Math.max(...values)));
  return { from, to: Math.max(to, from + 1) };
}

function formatNumber(value: number): string {
  if (value >= 1000) return value.toLocaleString('en-US');
  return String(Number(value.toPrecision(1)));
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
