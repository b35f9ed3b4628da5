import path from 'node:path';
import { expect } from 'chai';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
// @ts-expect-error -- the lint configuration is plain JavaScript, without type declarations
import { domainBoundaries } from '../../eslint.config.js';

/** The boundary rules' messages for `code` placed in attendance/, through ESLint's synchronous Linter. */
function lintAs(file: string, code: string): string[] {
  const linter = new Linter({ configType: 'flat', cwd: path.resolve('.') });
  const config = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...domainBoundaries];
  return linter.verify(code, config, path.resolve(file)).map((m) => m.message);
}

describe('attendance’s place in the map (lint)', () => {
  it('when attendance imports packets (not in its row of the table), then lint refuses it', () => {
    const messages = lintAs('server/attendance/probe.ts', "export { listTemplates } from '../packets/index.js';\n");
    expect(messages).to.have.length(1);
    expect(messages[0]).to.match(/attendance\/ uses only audit, auth, cases, notifications and platform/);
  });

  it('when attendance imports a neighbour’s model, then lint still says to use its index.ts', () => {
    const messages = lintAs('server/attendance/probe.ts', "export { CaseModel } from '../cases/case.model.js';\n");
    expect(messages[0]).to.match(/Use another domain only through its index\.ts/);
  });

  it('when attendance imports cases, notifications (index), platform, config, then lint accepts it', () => {
    const code =
      "export { findVisibleCase } from '../cases/index.js';\n" +
      "export { sendCaseAlert } from '../notifications/index.js';\n" +
      "export { notFound } from '../platform/errors.js';\n" +
      "export type { Config } from '../config.js';\n";
    expect(lintAs('server/attendance/probe.ts', code)).to.deep.equal([]);
  });
});
