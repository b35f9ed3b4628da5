/**
 * Server-rendered SVG charts: horizontal bars and stacked monthly columns. Pure string
 * builders, every text escaped; each chart carries a <title> and <desc>, and the page shows
 * the same numbers in a table beside it, so nothing is conveyed by the picture alone.
 */
export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Okabe–Ito palette: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#6B6B6B', '#F0E442'];

export interface Bar {
  label: string;
  value: number;
  /** What is printed at the end of the bar, e.g. "$12,400 · 3 cases". */
  valueText: string;
}

const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** A chart with nothing to draw says so in one line, instead of an empty frame. */
const NO_DATA = '<p class="chart-empty muted">No data yet</p>';

let chartCounter = 0;
const nextId = (prefix: string) => `${prefix}-${++chartCounter}`;

/** Horizontal bars, longest scale = `max` (default: the largest value). */
export function barChart(options: {
  title: string;
  description: string;
  bars: Bar[];
  max?: number;
  colour?: string;
}): string {
  const { title, description, bars, colour = PALETTE[0] } = options;
  if (!bars.length) return NO_DATA;
  const rowHeight = 24;
  // Wide enough for "Employer group (ERISA)" and "$1,234,567 · 999 cases" at 12px, uncut.
  const labelWidth = 180;
  const valueWidth = 160;
  const width = 500;
  const barArea = width - labelWidth - valueWidth;
  const height = bars.length * rowHeight + 8;
  const max = options.max ?? Math.max(1, ...bars.map((b) => b.value));
  const id = nextId('chart');
  const rows = bars.map((b, i) => {
    const y = 4 + i * rowHeight;
    const w = max > 0 ? Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * barArea)) : 0;
    return [
      `<g><title>${escapeXml(`${b.label}: ${b.valueText}`)}</title>`,
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" font-size="12" ` +
        `fill="#1f2937">${escapeXml(truncate(b.label, 26))}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 8}" fill="${colour}" rx="2"/>`,
      `<text x="${labelWidth + w + 6}" y="${y + 17}" font-size="12" fill="#1f2937">` +
        `${escapeXml(b.valueText)}</text></g>`,
    ].join('');
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${escapeXml(title)}</title><desc ` +
    `id="${id}-d">${escapeXml(description)}</desc><line x1="${labelWidth}" y1="0" ` +
    `x2="${labelWidth}" y2="${height}" stroke="#9ca3af"/>${rows.join('')}</svg>`
  );
}

export interface Series {
  name: string;
  colour: string;
  values: number[];
}

/** Columns per period (e.g. month), each stacked by series, with a y axis in whole numbers. */
export function stackedColumns(options: {
  title: string;
  description: string;
  periods: string[];
  series: Series[];
}): string {
  const { title, description, periods, series } = options;
  const width = 440;
  const height = 212;
  const left = 36;
  const bottom = 40;
  const top = 10;
  const plotH = height - bottom - top;
  const totals = periods.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  if (!totals.some((t) => t > 0)) return NO_DATA;
  const max = Math.max(1, ...totals);
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const colW = (width - left - 8) / Math.max(1, periods.length);
  const id = nextId('chart');
  const grid: string[] = [];
  for (let v = 0; v <= yMax; v += step) {
    const y = top + plotH - (v / yMax) * plotH;
    grid.push(
      `<line x1="${left}" y1="${y}" x2="${width - 4}" y2="${y}" stroke="#e5e7eb"/><text ` +
        `x="${left - 6}" y="${y + 4}" text-anchor="end" font-size="11" fill="#4b5563">${v}</text>`,
    );
  }
  const columns = periods.map((period, i) => {
    let y = top + plotH;
    const x = left + i * colW + colW * 0.15;
    const parts = series
      .filter((s) => (s.values[i] ?? 0) > 0)
      .map((s) => {
        const h = ((s.values[i] ?? 0) / yMax) * plotH;
        y -= h;
        const tooltip = `${period.replace('\n', ' ')}, ${s.name}: ${s.values[i]}`;
        return (
          `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(colW * 0.7).toFixed(1)}" ` +
          `height="${h.toFixed(1)}" fill="${s.colour}"><title>${escapeXml(tooltip)}</title></rect>`
        );
      });
    // "Jan\n2026" puts the year on a second line, so narrow columns never overlap.
    const [first, second] = period.split('\n');
    const cx = (x + colW * 0.35).toFixed(1);
    const axisText = (baseline: number, fill: string, text: string) =>
      `<text x="${cx}" y="${baseline}" text-anchor="middle" font-size="11" fill="${fill}">${escapeXml(text)}</text>`;
    const label = axisText(height - 24, '#1f2937', first) + (second ? axisText(height - 10, '#4b5563', second) : '');
    return `${parts.join('')}${label}`;
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${escapeXml(title)}</title><desc ` +
    `id="${id}-d">${escapeXml(description)}</desc>${grid.join('')}${columns.join('')}</svg>`
  );
}

/** 1, 2 or 5 times a power of ten, giving at most about five gridlines. */
function niceStep(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? power * 10;
}
