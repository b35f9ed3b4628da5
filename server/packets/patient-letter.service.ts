import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { findVisibleCase } from '../cases/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { htmlPage, parseMarkup, typesetDocument, PREVIEW_CSP } from '../platform/pdf/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { checkTemplateSource, TEMPLATE_ROOT } from './letter-templates.js';
import { patientLetterView, type PatientLetterView } from './patient-letter.view.js';

const TEMPLATE = path.join(TEMPLATE_ROOT, 'patient', 'patient-letter.hbs');

let compiled: HandlebarsTemplateDelegate<PatientLetterView> | undefined;
/**
 * The patient letter's template, compiled once under the letters' rules: strict (a missing field
 * throws rather than leaving a blank), only the built-in block helpers, no raw output.
 */
function template(): HandlebarsTemplateDelegate<PatientLetterView> {
  if (compiled) return compiled;
  const source = fs.readFileSync(TEMPLATE, 'utf8');
  checkTemplateSource('patient/patient-letter', source);
  compiled = Handlebars.create().compile<PatientLetterView>(source, { strict: true, knownHelpersOnly: true });
  return compiled;
}

/** The letter's document markup for a view (for tests and the readability measure). */
export function renderPatientLetter(view: PatientLetterView): string {
  return template()(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
}

/**
 * The plain-language letter to the patient about a case's denial, as a tagged PDF (footed "Page
 * N of M · reference · confidential") or as an HTML page. It carries PHI: reading it reads the
 * case, audited as `packet.patient_letter`; the file name is the case reference only.
 */
export async function patientLetterFor(
  caseId: string,
  actor: AuthenticatedUser,
  deps: Pick<DomainDeps, 'clock' | 'config'>,
  format: 'pdf' | 'html',
): Promise<{ filename: string; body: string | Buffer; csp: string }> {
  const record = await findVisibleCase(caseId, actor, 'packet.patient_letter');
  const { name, phone } = deps.config.clinic;
  const view = patientLetterView(record, { clinic: { name, phone }, today: deps.clock.today() });
  const blocks = parseMarkup(renderPatientLetter(view));
  const title = `Letter to the patient ${record.reference}`;
  if (format === 'html')
    return { filename: `${record.reference}-patient-letter.html`, body: htmlPage(title, blocks), csp: PREVIEW_CSP };
  const meta = { title, author: name, subject: 'About the plan’s denial, in plain words', createdAt: deps.clock.now() };
  const { pdf } = await typesetDocument(blocks, { meta, reference: record.reference });
  return { filename: `${record.reference}-patient-letter.pdf`, body: pdf, csp: PREVIEW_CSP };
}
