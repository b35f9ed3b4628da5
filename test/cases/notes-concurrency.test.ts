/**
 * Notes under concurrency: several people noting one case at the same moment, and a note racing
 * an edit of the case, against the real database. A note needs no version, so none is refused;
 * each is kept exactly once, in order of time.
 */
import { expect } from 'chai';
import supertest from 'supertest';
import { createApp } from '../../server/app.js';
import { loadTestConfig } from '../../server/config.js';
import type { Clock } from '../../server/platform/clock.js';
import { dateIn } from '../../server/platform/clock.js';
import { moveEmbeddedNotes } from '../../server/cases/index.js';
import { CaseModel } from '../../server/cases/case.model.js';
import { makeUser, silentLogger, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';

/** A clock that moves on a millisecond each time it is read, so every note has its own instant. */
class TickingClock implements Clock {
  private at = new Date('2026-11-23T14:00:00Z').getTime();
  readonly timeZone = loadTestConfig().clinic.timeZone;
  now(): Date {
    return new Date(++this.at);
  }
  today(): string {
    return dateIn(new Date(this.at), this.timeZone);
  }
}

interface Entry {
  type: string;
  at: string;
  note?: string;
  toStatus?: string;
}

describe('notes added to one case at the same moment', () => {
  const { app } = createApp({ config: loadTestConfig(), logger: silentLogger, clock: new TickingClock() });
  const http = supertest(app);
  const WRITERS = 10;
  const NOTES_EACH = 6;
  let writers: TestUser[];
  before(async () => {
    writers = await Promise.all(
      Array.from({ length: WRITERS }, (_, w) => makeUser(w % 2 ? 'medical_director' : 'billing', `Writer ${w}`)),
    );
  });

  const open = async () => {
    const res = await http.post('/api/v1/cases').set(writers[0].auth).send(caseBody());
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { id: string; version: number };
  };

  /** Each writer sends its notes one after another ("writer 3 note 0", "writer 3 note 1", …), all writers at once. */
  const writeNotes = (caseId: string) =>
    Promise.all(
      writers.map(async (writer, w) => {
        const statuses: number[] = [];
        for (let k = 0; k < NOTES_EACH; k++) {
          const res = await http
            .post(`/api/v1/cases/${caseId}/timeline`)
            .set(writer.auth)
            .send({ note: `writer ${w} note ${k}` });
          statuses.push(res.status);
        }
        return statuses;
      }),
    );

  const timeline = async (caseId: string): Promise<Entry[]> => {
    const res = await http.get(`/api/v1/cases/${caseId}`).set(writers[0].auth);
    expect(res.status).to.equal(200);
    return res.body.timeline as Entry[];
  };

  const expectEveryNoteOnceInOrder = (entries: Entry[]) => {
    const notes = entries.filter((e) => e.type === 'note').map((e) => e.note!);
    expect(notes).to.have.length(WRITERS * NOTES_EACH);
    expect(new Set(notes).size).to.equal(WRITERS * NOTES_EACH);
    for (let w = 0; w < WRITERS; w++)
      expect(notes.filter((n) => n.startsWith(`writer ${w} `))).to.deep.equal(
        Array.from({ length: NOTES_EACH }, (_, k) => `writer ${w} note ${k}`),
      );
    const times = entries.map((e) => e.at);
    expect(times).to.deep.equal([...times].sort());
  };

  it(
    'when ten people each add six notes to one case at once, then all 60 are accepted ' +
      'and each is on the timeline once, in order of time',
    async () => {
      const c = await open();
      const statuses = (await writeNotes(c.id)).flat();
      expect(statuses.filter((s) => s !== 201)).to.deep.equal([]);
      expectEveryNoteOnceInOrder(await timeline(c.id));
    },
  );

  it('when a move and an edit race the notes, then the move, the edit and every note are kept', async () => {
    const c = await open();
    // One person moves the case and then edits it, each on the version they read, while the others add notes.
    const [notes, [moved, edited]] = await Promise.all([
      writeNotes(c.id),
      (async () => {
        const move = await http
          .post(`/api/v1/cases/${c.id}/transitions`)
          .set(writers[0].auth)
          .send({ to: 'gathering_evidence', version: c.version });
        const edit = await http
          .patch(`/api/v1/cases/${c.id}`)
          .set(writers[0].auth)
          .send({ version: move.body.version, priority: 'expedited' });
        return [move, edit];
      })(),
    ]);
    expect(notes.flat().filter((s) => s !== 201)).to.deep.equal([]);
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
    const res = await http.get(`/api/v1/cases/${c.id}`).set(writers[0].auth);
    expect(res.body).to.include({ status: 'gathering_evidence', priority: 'expedited', version: 2 });
    const entries = res.body.timeline as Entry[];
    expect(entries.filter((e) => e.type === 'status_changed').map((e) => e.toStatus)).to.deep.equal([
      'gathering_evidence',
    ]);
    expect(entries.filter((e) => e.type === 'updated')).to.have.length(1);
    expectEveryNoteOnceInOrder(entries);
  });

  it('when notes were added, then an edit made on the version read before them is still accepted', async () => {
    const c = await open();
    await http.post(`/api/v1/cases/${c.id}/timeline`).set(writers[2].auth).send({ note: 'Called the plan' });
    const res = await http
      .patch(`/api/v1/cases/${c.id}`)
      .set(writers[2].auth)
      .send({ version: c.version, amountAtStake: 900 });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.timeline.map((e: Entry) => e.type)).to.deep.equal(['created', 'note', 'updated']);
  });

  it('when a case holds notes stored inside it from before, then the migration moves them out once', async () => {
    const c = await open();
    await http.post(`/api/v1/cases/${c.id}/timeline`).set(writers[4].auth).send({ note: 'new style' });
    const old = (k: number) => ({
      at: new Date(`2026-11-2${k}T09:00:00Z`),
      actorId: writers[4].id,
      actorName: writers[4].name,
      type: 'note',
      note: `stored inside ${k}`,
    });
    await CaseModel.updateOne({ _id: c.id }, { $push: { timeline: { $each: [old(0), old(1)] } } });
    expect(await moveEmbeddedNotes()).to.equal(1);
    expect(await moveEmbeddedNotes()).to.equal(0);
    const stored = await CaseModel.findById(c.id).lean();
    expect(stored!.timeline.map((e) => e.type)).to.deep.equal(['created']);
    expect((await timeline(c.id)).map((e) => e.note ?? e.type)).to.deep.equal([
      'stored inside 0',
      'stored inside 1',
      'created',
      'new style',
    ]);
  });
});
