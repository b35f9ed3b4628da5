/**
 * `npm run bench` runs every section of the table below in turn; `npm run bench -- capacity`
 * (any names from the table) runs only those. Not a test: nothing here passes or fails; each
 * section prints its figures with the database size and the number of runs behind them.
 */

/** A section is a module in scripts/bench/ whose `bench()` prints its own figures. */
type Section = () => Promise<{ bench: () => Promise<void> }>;

/** The sections, in the order a plain `npm run bench` runs them. A new one is one line here. */
const SECTIONS: Record<string, Section> = {
  packets: () => import('./bench/packets.js'),
  capacity: () => import('./bench/capacity.js'),
  memory: () => import('./bench/idle-memory.js'),
  remittances: () => import('./bench/remittances.js'),
  imports: () => import('./bench/imports.js'),
  reminders: () => import('./bench/reminders.js'),
  notices: () => import('./bench/notices.js'),
  ocr: () => import('./bench/ocr.js'),
};

const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((name) => !(name in SECTIONS));
if (unknown.length) {
  console.error(`unknown section ${unknown.join(', ')}; the sections are: ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
for (const name of asked.length ? asked : Object.keys(SECTIONS)) {
  console.log(`\n=== bench: ${name} ===`);
  await (await SECTIONS[name]()).bench();
}
// Each section closes what it opened; a driver's lingering timer must not keep the run alive.
process.exit(0);
