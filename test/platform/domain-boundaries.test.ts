import path from 'node:path';
import { expect } from 'chai';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
// @ts-expect-error -- the lint configuration is plain JavaScript, without type declarations
import { domainBoundaries } from '../../eslint.config.js';

/** Lints `code` as if it were the file `file`, with the project's domain-boundary rules only. */
async function lintAs(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: path.resolve('.'),
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...domainBoundaries],
  });
  const [result] = await eslint.lintText(code, { filePath: path.resolve(file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('domain boundaries (lint)', () => {
  it('when a domain imports another domain’s model, then lint refuses it and says to use its index.ts', async () => {
    const messages = await lintAs(
      'server/p2p/probe.ts',
      "import { CaseModel } from '../cases/case.model.js';\nexport const x = CaseModel;\n",
    );
    expect(messages).to.have.length(1);
    expect(messages[0]).to.match(/^no-restricted-imports: .*Use another domain only through its index\.ts/);
  });

  it('when a domain imports another through its index.ts, or uses platform code, then lint accepts it', async () => {
    const code =
      "import { findVisibleCase } from '../cases/index.js';\n" +
      "import { notFound } from '../platform/errors.js';\n" +
      "import { toReviewView } from './p2p-view.js';\n" +
      'export const x = [findVisibleCase, notFound, toReviewView];\n';
    expect(await lintAs('server/p2p/probe.ts', code)).to.deep.equal([]);
  });

  it('when platform code imports a domain at any depth, then lint refuses it; config is allowed', async () => {
    const domain = await lintAs('server/platform/http/probe.ts', "export { listCases } from '../../cases/index.js';\n");
    expect(domain[0]).to.match(/Platform code imports no domain/);
    expect(await lintAs('server/platform/probe.ts', "export { getCase } from '../cases/index.js';\n")).to.have.length(
      1,
    );
    expect(
      await lintAs('server/platform/http/probe.ts', "export type { Config } from '../../config.js';\n"),
    ).to.deep.equal([]);
    expect(await lintAs('server/platform/http/probe.ts', "export { conflict } from '../errors.js';\n")).to.deep.equal(
      [],
    );
  });
});
