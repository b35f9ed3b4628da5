/**
 * The board's attendance figures (pure): missed sessions by barrier across the cases the user may
 * see, the attendance rate, and how many denials cite the patient's adherence (the payer's reason
 * names missed visits, no-shows or non-adherence: `denial.adherenceCited`, cases domain).
 */
import type { AttendanceTotals, BarrierCount } from '../attendance/index.js';
import type { FigureView } from './board-charts.js';
import { BARRIER_WORDS, rateText } from './attendance.service.js';
import { PALETTE, barChart } from './svg-charts.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Headline numbers and the by-barrier figure, for the board's "Attendance and adherence" section. */
export function attendanceFigureViews(
  adherence: { cases: number; denials: number },
  attendance: { totals: AttendanceTotals; barriers: BarrierCount[] },
): { kpis: { value: string; what: string }[]; figures: FigureView[] } {
  const { totals, barriers } = attendance;
  const share = adherence.denials ? `${Math.round((adherence.cases / adherence.denials) * 100)}%` : '—';
  const count = (b: BarrierCount) => `${b.byOutcome.refused + b.byOutcome.no_show}`;
  return {
    kpis: [
      {
        value: share,
        what:
          'of denials cite missed visits or non-adherence ' +
          `(${adherence.cases} of ${plural(adherence.denials, 'denial')})`,
      },
      {
        value: totals.rate === null ? '—' : `${Math.round(totals.rate * 100)}%`,
        what: `attendance: ${rateText(totals)}`,
      },
      { value: String(totals.refused + totals.no_show), what: 'refusals and no-shows recorded' },
    ],
    figures: [
      {
        id: 'missed-by-barrier',
        caption: 'Missed sessions by barrier',
        svg: barChart({
          title: 'Sessions missed, cancelled late, refused or partly done, by barrier',
          description:
            barriers.map((b) => `${BARRIER_WORDS[b.barrier]}: ${plural(b.missed, 'session')}`).join('; ') ||
            'No missed sessions recorded',
          bars: barriers.map((b) => ({
            label: BARRIER_WORDS[b.barrier],
            value: b.missed,
            valueText: `${plural(b.missed, 'session')} · ${count(b)} refused or no-show`,
          })),
          colour: PALETTE[5],
        }),
        table: {
          headers: ['Barrier', 'Missed', 'Refused', 'No-show', 'Cancelled late', 'Partly done'],
          rows: barriers.map((b) => [
            BARRIER_WORDS[b.barrier],
            String(b.missed),
            String(b.byOutcome.refused),
            String(b.byOutcome.no_show),
            String(b.byOutcome.late_cancel),
            String(b.byOutcome.partial),
          ]),
        },
      },
    ],
  };
}
