/**
 * @deprecated The old names of version-checked writes, kept only until cases and packets switch
 * to versioned-write.ts (`versionedWrites(model, kind).save(doc)` for a loaded case; the bare
 * `claimVersion` from there). Delete this file then.
 */
import { claimVersion } from './versioned-write.js';

export { claimVersion };

/**
 * @deprecated Use `versionedWrites(model, kind)`: its update/create/remove/save claim, write,
 * release and throw the one 409. Claims `currentVersion + 1` of `entity:id`, runs `write`, and
 * releases the claim if the write throws.
 */
export async function withVersionClaim<T>(
  entity: string,
  id: string,
  currentVersion: number,
  write: () => Promise<T>,
): Promise<T> {
  const release = await claimVersion(entity, id, currentVersion + 1);
  try {
    return await write();
  } catch (err) {
    await release();
    throw err;
  }
}
