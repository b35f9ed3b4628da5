import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Removes the files in `dir` (not below it) whose names match and that were last written before
 * `cutoff`: temporary files a crash left behind. Age, not ownership, decides, because several
 * instances may share the folder and one of them may be writing a fresh temporary file now.
 * Answers how many went.
 */
export async function removeStaleFiles(dir: string, match: (name: string) => boolean, cutoff: Date): Promise<number> {
  let removed = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile() || !match(entry.name)) continue;
    const file = path.join(dir, entry.name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat && stat.mtime < cutoff) {
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
