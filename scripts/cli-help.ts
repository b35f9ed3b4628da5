/**
 * `--help` (or `-h`) for the CLIs: prints what the command does and how to call it, and exits 0
 * before anything opens the database.
 * @param usage - the command's help text
 */
export function helpIfAsked(usage: string, argv: string[] = process.argv.slice(2)): void {
  if (!argv.includes('--help') && !argv.includes('-h')) return;
  process.stdout.write(`${usage.trim()}\n`);
  process.exit(0);
}
