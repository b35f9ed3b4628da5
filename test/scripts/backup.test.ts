import { expect } from 'chai';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { loadTestConfig } from '../../server/config.js';
import { testApp, makeUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { notePdf, PROGRESS_NOTE, upload as uploadNote } from '../evidence/support.js';
import { narrative } from '../packets/packet-support.js';

const run = promisify(execFile);
const { BSON } = mongoose.mongo;

/** Every file under a folder, by relative path, with its SHA-256. */
async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    out[path.relative(dir, full)] = crypto
      .createHash('sha256')
      .update(await fs.readFile(full))
      .digest('hex');
  }
  return out;
}

/** Every document of every collection, as exact extended JSON, sorted by _id. */
async function contents(db: mongoose.mongo.Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    const docs = await db.collection(name).find().sort({ _id: 1 }).toArray();
    out[name] = docs.map((d) => BSON.EJSON.stringify(d, { relaxed: false }));
  }
  return out;
}

/**
 * `npm run backup` then `npm run restore` as an operator runs them (issue 15): a clinic's case
 * with an uploaded note and a packet comes back into an empty database and upload folder with
 * every document and every file the same.
 */
describe('npm run backup and npm run restore', function () {
  this.timeout(240_000);
  const { http } = testApp();
  const server = () => `mongodb://${mongoose.connection.host}:${mongoose.connection.port}`;
  let work: string;

  before(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'overturn-backup-'));
    const billing = await makeUser('billing');
    // With the clinician's narrative, so a packet may be generated (its template needs it).
    const created = await http.post('/api/v1/cases').set(billing.auth).send(caseBody({ narrative }));
    expect(created.status).to.equal(201);
    const upload = await uploadNote(http, created.body.id, billing, {
      bytes: await notePdf(PROGRESS_NOTE),
      title: 'Progress note',
      kind: 'progress_note',
      date: '2026-10-01',
    });
    expect(upload.status, upload.text).to.equal(201);
    const packet = await http.post(`/api/v1/cases/${created.body.id}/packets`).set(billing.auth).send({});
    expect(packet.status, packet.text).to.equal(201);
  });

  after(() => fs.rm(work, { recursive: true, force: true }));

  const cli = (script: string, dir: string, env: NodeJS.ProcessEnv) =>
    run('npx', ['tsx', `scripts/${script}.ts`, dir], { env: { ...process.env, LOG_LEVEL: 'error', ...env } });

  it('when a backup is restored into an empty database, then every document and file comes back the same', async () => {
    const { uploadDir } = loadTestConfig();
    const source = mongoose.connection;
    const backup = path.join(work, 'backup');
    const saved = JSON.parse(
      (await cli('backup', backup, { MONGODB_URI: `${server()}/${source.name}`, UPLOAD_DIR: uploadDir })).stdout,
    );
    expect(saved.files).to.be.at.least(2); // the note and the packet's PDF
    // FerretDB has no snapshot reads, and the backup must not claim one it did not get.
    const { ferretdbVersion } = await source.db!.admin().command({ buildInfo: 1 });
    if (ferretdbVersion) expect(saved.snapshot).to.equal(false);

    const restoredName = `${source.name}_restored`;
    const restoredUploads = path.join(work, 'restored-uploads');
    const env = { MONGODB_URI: `${server()}/${restoredName}`, UPLOAD_DIR: restoredUploads };
    const restored = JSON.parse((await cli('restore', backup, env)).stdout);
    expect(restored.documents).to.equal(saved.documents);

    const copy = await mongoose.createConnection(`${server()}/${restoredName}`).asPromise();
    try {
      const before = await contents(source.db!);
      expect(await contents(copy.db!)).to.deep.equal(before);
      const files = await hashes(uploadDir);
      for (const name of Object.keys(files)) if (name.startsWith(`tmp${path.sep}`)) delete files[name];
      expect(await hashes(restoredUploads)).to.deep.equal(files);

      // A second restore into the same, now full, database is refused and changes nothing.
      const again = await cli('restore', backup, env).then(
        () => 'accepted',
        (err: { code: number; stderr: string }) => err.stderr,
      );
      expect(again).to.contain('restore into an empty database');
      expect(await contents(copy.db!)).to.deep.equal(before);
    } finally {
      await copy.dropDatabase();
      await copy.close();
    }
  });

  it('when a file of the backup was damaged, then the restore refuses it whole and writes nothing', async () => {
    const { uploadDir } = loadTestConfig();
    const backup = path.join(work, 'damaged');
    await cli('backup', backup, { MONGODB_URI: `${server()}/${mongoose.connection.name}`, UPLOAD_DIR: uploadDir });
    const manifest = JSON.parse(await fs.readFile(path.join(backup, 'manifest.json'), 'utf8'));
    await fs.appendFile(path.join(backup, 'uploads', manifest.files[0].path), 'x');
    const target = `${mongoose.connection.name}_damaged`;
    const refused = await cli('restore', backup, {
      MONGODB_URI: `${server()}/${target}`,
      UPLOAD_DIR: path.join(work, 'u2'),
    }).then(
      () => 'accepted',
      (err: { stderr: string }) => err.stderr,
    );
    expect(refused).to.contain('missing or damaged');
    const copy = await mongoose.createConnection(`${server()}/${target}`).asPromise();
    try {
      // Opening the database may create the service's own empty collections; none holds a document.
      for (const { name } of await copy.db!.listCollections().toArray())
        expect(await copy.db!.collection(name).countDocuments(), name).to.equal(0);
    } finally {
      await copy.dropDatabase();
      await copy.close();
    }
  });
});
