/**
 * A backup a clinic can restore: every collection of the database as extended JSON (one document
 * a line, so types such as ObjectId and Date come back exactly), its indexes, and the files under
 * the upload folder, each with its SHA-256 in a manifest that the restore checks before it writes.
 * Generic on purpose: it knows no domain, so a collection added later is backed up too.
 */
import crypto from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { once } from 'node:events';
import mongoose from 'mongoose';
import { AppError } from '../errors.js';

// The driver mongoose connects with (another copy of it may be installed for other libraries).
type Db = mongoose.mongo.Db;
type ClientSession = mongoose.mongo.ClientSession;
type Document = mongoose.mongo.Document;
const { BSON } = mongoose.mongo;

export interface BackupManifest {
  format: 1;
  createdAt: string;
  /**
   * Whether every collection was read at one point in time (a snapshot session, MongoDB 5+ replica
   * sets). Where the server has none (FerretDB), stop writes during the backup for a consistent copy.
   */
  snapshot: boolean;
  collections: { name: string; documents: number; sha256: string; indexes: Document[] }[];
  files: { path: string; bytes: number; sha256: string }[];
}

const MANIFEST = 'manifest.json';
const BATCH = 500;

/** Temporary files (the upload folder's tmp/, a packet's .<uuid>.tmp) are partial writes, never anything to keep. */
const isTemporary = (relative: string) =>
  relative.split(path.sep)[0] === 'tmp' || /^\..+\.tmp$/.test(path.basename(relative));

/** Writes a backup of `db` and `uploadDir` into `outDir`, which must be empty or absent. */
export async function backupDatabase(db: Db, uploadDir: string, outDir: string): Promise<BackupManifest> {
  if ((await fs.readdir(outDir).catch(() => [])).length)
    throw backupError(`The backup folder is not empty: choose a new folder`);
  await fs.mkdir(path.join(outDir, 'collections'), { recursive: true });
  const session = await snapshotSession(db);
  try {
    const collections: BackupManifest['collections'] = [];
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    for (const name of names.filter((n) => !n.startsWith('system.')).sort()) {
      const file = path.join(outDir, 'collections', `${name}.jsonl`);
      const documents = await dumpCollection(db, name, file, session);
      const indexes = (await db.collection(name).listIndexes().toArray()).filter((i) => i.name !== '_id_');
      collections.push({ name, documents, sha256: await fileHash(file), indexes });
    }
    const files: BackupManifest['files'] = [];
    for (const relative of await filesUnder(uploadDir)) {
      if (isTemporary(relative)) continue;
      const target = path.join(outDir, 'uploads', relative);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.copyFile(path.join(uploadDir, relative), target);
      const { size } = await fs.stat(target);
      files.push({ path: relative.split(path.sep).join('/'), bytes: size, sha256: await fileHash(target) });
    }
    const manifest: BackupManifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      snapshot: session !== undefined,
      collections,
      files,
    };
    await fs.writeFile(path.join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await session?.endSession();
  }
}

/**
 * Restores a backup into an empty database and upload folder. Every file is checked against the
 * manifest before anything is written, so a damaged backup is refused whole.
 */
export async function restoreDatabase(db: Db, uploadDir: string, fromDir: string): Promise<BackupManifest> {
  const manifest = await readManifest(fromDir);
  for (const c of manifest.collections) {
    if ((await db.collection(c.name).estimatedDocumentCount()) > 0)
      throw backupError(`The database already holds ${c.name}: restore into an empty database`);
    await expectHash(path.join(fromDir, 'collections', `${c.name}.jsonl`), c.sha256, `collection ${c.name}`);
  }
  for (const f of manifest.files) await expectHash(path.join(fromDir, 'uploads', f.path), f.sha256, `file ${f.path}`);
  for (const c of manifest.collections) {
    await db.createCollection(c.name).catch(() => undefined); // an empty collection may exist already
    await loadCollection(db, c.name, path.join(fromDir, 'collections', `${c.name}.jsonl`));
    for (const { key, v: _v, ns: _ns, ...options } of c.indexes) await db.collection(c.name).createIndex(key, options);
  }
  for (const f of manifest.files) {
    const target = path.join(uploadDir, ...f.path.split('/'));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.copyFile(path.join(fromDir, 'uploads', ...f.path.split('/')), target);
  }
  return manifest;
}

/**
 * A session whose reads all see one point in time, where the server has them: a MongoDB replica
 * set. FerretDB accepts the option and ignores it, and a standalone mongod refuses it.
 */
async function snapshotSession(db: Db): Promise<ClientSession | undefined> {
  const admin = db.admin();
  if ((await admin.command({ buildInfo: 1 })).ferretdbVersion) return undefined;
  if (!(await admin.command({ hello: 1 })).setName) return undefined;
  const session = db.client.startSession({ snapshot: true });
  try {
    await db.collection('overturn_backup_probe').findOne({}, { session });
    return session;
  } catch {
    await session.endSession();
    return undefined;
  }
}

async function dumpCollection(db: Db, name: string, file: string, session?: ClientSession): Promise<number> {
  const out = createWriteStream(file);
  let count = 0;
  for await (const doc of db.collection(name).find({}, { session }).sort({ _id: 1 })) {
    if (!out.write(`${BSON.EJSON.stringify(doc, { relaxed: false })}\n`)) await once(out, 'drain');
    count++;
  }
  out.end();
  await once(out, 'finish');
  return count;
}

async function loadCollection(db: Db, name: string, file: string): Promise<void> {
  let batch: Document[] = [];
  for await (const line of readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line) continue;
    batch.push(BSON.EJSON.parse(line, { relaxed: false }) as Document);
    if (batch.length === BATCH) {
      await db.collection(name).insertMany(batch, { ordered: true });
      batch = [];
    }
  }
  if (batch.length) await db.collection(name).insertMany(batch, { ordered: true });
}

async function readManifest(fromDir: string): Promise<BackupManifest> {
  const text = await fs.readFile(path.join(fromDir, MANIFEST), 'utf8').catch(() => {
    throw backupError(`No ${MANIFEST} in the backup folder: is it a backup?`);
  });
  const manifest = JSON.parse(text) as BackupManifest;
  if (manifest.format !== 1) throw backupError(`Unknown backup format ${String(manifest.format)}`);
  return manifest;
}

async function expectHash(file: string, sha256: string, what: string): Promise<void> {
  const actual = await fileHash(file).catch(() => 'missing');
  if (actual !== sha256) throw backupError(`The backup's ${what} is missing or damaged (its SHA-256 differs)`);
}

async function fileHash(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file under `dir`, as paths relative to it; none when it does not exist. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

const backupError = (message: string) => new AppError(422, 'BACKUP_REFUSED', message);
