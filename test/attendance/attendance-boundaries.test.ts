import path from 'node:path';
import { expect } from 'chai';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
// @ts-expect-error -- the lint configuration is plain JavaScript, without type declarations
import { domainBoundaries } from '../../eslint.config.js';

async function lintAs(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: path.resolve('.'),
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...domainBoundaries],
  });
  const [result] = await eslint.lintText(code, { filePath: path.resolve(file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('attendance’s place in the map (lint)', () => {
  it('when attendance imports packets (not in its row of the table), then lint refuses it', async () => {
    const messages = await lintAs(
      'server/attendance/probe.ts',
      "export { listTemplates } from '../packets/index.js';\n",
    );
    expect(messages).to.have.length(1);
    expect(messages[0]).to.match(/attendance\/ uses only audit, auth, cases, notifications and platform/);
  });

  it('when attendance imports a neighbour’s model, then lint still says to use its index.ts', async () => {
    const messages = await lintAs(
      'server/attendance/probe.ts',
      "export { CaseModel } from '../cases/case.model.js';\n",
    );
    expect(messages[0]).to.match(/Use another domain only through its index\.ts/);
  });

  it('when attendance imports cases, notifications (index), platform, config, then lint accepts it', async () => {
    const code =
      "export { findVisibleCase } from '../cases/index.js';\n" +
      "export { sendCaseAlert } from '../notifications/index.js';\n" +
      "export { notFound } from '../platform/errors.js';\n" +
      "export type { Config } from '../config.js';\n";
    expect(await lintAs('server/attendance/probe.ts', code)).to.deep.equal([]);
  });
});
