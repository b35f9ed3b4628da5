/**
 * The floor for `npm run bench -- capacity`: a bare Express app on the MongoDB driver alone
 * (no mongoose, no auth, no audit, no validation) that answers the capacity section's six
 * requests with the same queries the service sends, on the same database and indexes.
 * `tsx scripts/bench/bare-app.ts` with MONGODB_URI and PORT set; prints `listening` when ready.
 */
import express from 'express';
import mongoose from 'mongoose';

// The fields a row of the service's case list reads (LIST_FIELDS in server/cases/case.service.ts).
const LIST_PROJECTION = Object.fromEntries(
  (
    'reference status appealLevel priority appellant amountAtStake assigneeId createdById peerToPeer ' +
    'patient.firstName patient.lastName payer.name payer.planType payer.profileId ' +
    'service.description service.cptCodes service.requestType ' +
    'denial.noticeDate denial.receivedDate denial.category denial.reasonCodes ' +
    'treatingClinician.name treatingClinician.userId deadlines nextDueDate submittedAt closedAt createdAt updatedAt __v'
  )
    .split(' ')
    .map((f) => [f, 1]),
);
const WORKLIST_PROJECTION = { reference: 1, status: 1, appealLevel: 1, assigneeId: 1, 'payer.name': 1, deadlines: 1 };
const WORKLIST_LIMIT = 1000;

const client = await new mongoose.mongo.MongoClient(process.env.MONGODB_URI!).connect();
const db = client.db();
const cases = db.collection('cases');
const notes = db.collection('case_notes');
const oid = (id: string) => new mongoose.mongo.ObjectId(id);

const app = express();
app.use(express.json());
// The service's default list: every case (a billing user's sight), in due order, a page of 50 and the total.
app.get('/api/v1/cases', async (req, res) => {
  const filter = req.query.open === 'true' ? { statusGroup: 'open' } : {};
  const limit = Number(req.query.limit ?? 50);
  const [docs, total] = await Promise.all([
    cases.find(filter, { projection: LIST_PROJECTION }).sort({ dueOrder: 1, _id: 1 }).limit(limit).toArray(),
    cases.countDocuments(filter),
  ]);
  res.json({ cases: docs, total });
});
app.get('/api/v1/worklist/deadlines', async (_req, res) => {
  const until = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const filter = { statusGroup: 'open', worklistDue: { $lte: `${until}T24:00` } };
  const docs = await cases
    .find(filter, { projection: WORKLIST_PROJECTION })
    .sort({ dueOrder: 1, _id: 1 })
    .limit(WORKLIST_LIMIT)
    .toArray();
  const total = docs.length < WORKLIST_LIMIT ? docs.length : await cases.countDocuments(filter);
  res.json({ deadlines: docs, cases: total });
});
app.get('/api/v1/cases/:id', async (req, res) => {
  const doc = await cases.findOne({ _id: oid(req.params.id) });
  if (!doc) return void res.sendStatus(404);
  const timeline = await notes.find({ caseId: doc._id }).sort({ at: 1, _id: 1 }).toArray();
  res.json({ ...doc, timeline: [...doc.timeline, ...timeline] });
});
// A versioned save: the write lands only on the version the client read.
app.patch('/api/v1/cases/:id', async (req, res) => {
  const { version, amountAtStake } = req.body as { version: number; amountAtStake: number };
  const done = await cases.updateOne(
    { _id: oid(req.params.id), __v: version },
    { $set: { amountAtStake, updatedAt: new Date() }, $inc: { __v: 1 } },
  );
  if (!done.matchedCount) return void res.sendStatus(409);
  res.json({ version: version + 1 });
});
app.post('/api/v1/cases/:id/timeline', async (req, res) => {
  const caseId = oid(req.params.id);
  if (!(await cases.findOne({ _id: caseId }, { projection: { _id: 1 } }))) return void res.sendStatus(404);
  const note = { caseId, at: new Date(), actorId: 'bench', actorName: 'Bench', type: 'note', note: req.body.note };
  await notes.insertOne(note);
  res.status(201).json(note);
});
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
