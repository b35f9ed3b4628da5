/**
 * Every data migration, in the order they must run: wired here because a migration may span
 * domains (cases first, then the P2P reviews that give cases their open-call summary).
 */
import { addHourToDueOrder, correctLegacyPeerToPeerCases, moveEmbeddedNotes } from './cases/index.js';
import { addListKeys, markAdherenceCited, markMissingFilingDeadlines } from './cases/index.js';
import { addReferenceToImportedSearchTerms } from './cases/index.js';
import { giveReviewsTheirTrack } from './p2p/index.js';
import type { Clock } from './platform/clock.js';
import { runMigrations, type Migration } from './platform/db/migrations.js';
import type { Logger } from './platform/logging.js';

export function allMigrations(clock: Clock): Migration[] {
  return [
    {
      id: '2026-11-p2p-own-track',
      description:
        'A peer-to-peer call is its own track: cases leave the old P2P statuses, a level opened by an upheld ' +
        'call is put back, reviews record their timing',
      run: async () => (await correctLegacyPeerToPeerCases(clock)) + (await giveReviewsTheirTrack()),
    },
    {
      id: '2026-11-due-order-by-the-hour',
      description: 'The worklist orders by the hour: each case’s sort key carries the time of its soonest deadline',
      run: addHourToDueOrder,
    },
    {
      id: '2026-11-notes-own-documents',
      description:
        'Notes are documents of their own, so adding one never waits for or fails on a version: ' +
        'notes stored inside their case move to case_notes',
      run: moveEmbeddedNotes,
    },
    {
      id: '2026-11-list-keys',
      description:
        'Each case keeps the keys its lists read from an index: open or finished, and its soonest deadline of any kind',
      run: addListKeys,
    },
    {
      id: '2026-11-filing-deadline-missing',
      description:
        'A case that must be filed with no filing deadline known (no rule gives its window) says so, ' +
        'and the board can list those cases',
      run: markMissingFilingDeadlines,
    },
    {
      id: '2026-11-denial-adherence-cited',
      description:
        'Each denial keeps whether its reason cites missed visits or non-adherence, so the board counts a flag ' +
        'instead of reading every reason',
      run: markAdherenceCited,
    },
    {
      id: '2026-11-imported-case-reference-searchable',
      description: 'An imported case is found by its reference, as a typed case is: its search terms gain it',
      run: addReferenceToImportedSearchTerms,
    },
  ];
}

/** Brings the database's records to the shape this version of the code reads. */
export function migrate(deps: { clock: Clock; logger: Logger }): Promise<string[]> {
  return runMigrations(allMigrations(deps.clock), deps.logger);
}
