/**
 * Appeal letters and packets. Other domains use only what is exported here.
 */
export { registerPacketRoutes } from './packet.routes.js';
export { removeStalePacketTemps } from './packet-file-store.js';
export { saveTemplateBody } from './letter-template.routes.js';
export {
  generatePacket,
  listPackets,
  previewDraftLetter,
  previewPacketLetter,
  openPacketPdf,
  recordSubmission,
  toPacketView,
  type PacketView,
  type PacketRequest,
  type SubmissionInput,
} from './packet.service.js';
export { SUBMISSION_METHODS, type PacketRecord, type SubmissionMethod } from './packet.model.js';
export { caseChecklist, type CaseChecklist } from './required-elements.service.js';
export {
  BUILTIN_TEMPLATES,
  loadLetterTemplates,
  letterTemplates,
  type BuiltinTemplate,
  type LetterTemplates,
} from './letter-templates.js';
export { defaultTemplate } from './template-choice.js';
export { generatePacketBody, submissionBody, templateName } from './packet.schemas.js';
export {
  listTemplates,
  getTemplate,
  saveTemplate,
  removeTemplate,
  LetterTemplateCache,
} from './organisation-templates.js';
export { buildLetterView, type LetterView } from './letter-view.js';
export { formatDate, money, codeList } from './letter-helpers.js';
export { levelName } from './letter-words.js';
