/**
 * Objective measures of a case (pure): its readings grouped per measure, first and last by date,
 * so a letter and a page show each measure before and after. No I/O.
 */
import type { ObjectiveMeasure } from './case.types.js';

/** One reading as shown: value, unit, date and the document page it comes from. */
export interface MeasureReading {
  value: number;
  unit: string;
  date: string;
  documentId: string | null;
  page: number | null;
}

/** A measure's first reading and, when there is a later one, its last. */
export interface MeasureTrend {
  name: string;
  unit: string;
  before: MeasureReading;
  after: MeasureReading | null;
  readings: number;
}

const reading = (m: ObjectiveMeasure): MeasureReading => ({
  value: m.value,
  unit: m.unit,
  date: m.date,
  documentId: m.documentId ?? null,
  page: m.page ?? null,
});

/**
 * Each measure (by name, ignoring case, and unit: degrees and centimetres of one motion are two
 * measures) with its first and last reading, in the order the measures were first taken.
 */
export function measureTrends(measures: readonly ObjectiveMeasure[]): MeasureTrend[] {
  const groups = new Map<string, ObjectiveMeasure[]>();
  const byDate = [...measures].sort((a, b) => a.date.localeCompare(b.date));
  for (const m of byDate) {
    const key = `${m.name.trim().toLowerCase()}\u0000${m.unit.trim()}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.values()].map((list) => ({
    name: list[0].name.trim(),
    unit: list[0].unit.trim(),
    before: reading(list[0]),
    after: list.length > 1 ? reading(list[list.length - 1]) : null,
    readings: list.length,
  }));
}
