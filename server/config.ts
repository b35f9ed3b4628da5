import Joi from 'joi';
import os from 'node:os';
import path from 'node:path';

/**
 * The only reader of process.env. Read and validated once at start; a bad value stops the
 * service with a message naming the key. `.env.example` documents the same keys.
 */
export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  /** The address the service listens on. */
  host: string;
  /** Production database. Absent: a local server is provisioned (see platform/db/local-server.ts). */
  mongodbUri?: string;
  /**
   * Whether the database's conditional update is atomic: `auto` asks the server (FerretDB v1's is
   * not), `true`/`false` state it. Not atomic: version-checked writes take a claim first.
   */
  dbAtomicUpdates: 'auto' | 'true' | 'false';
  /** Where the locally provisioned database keeps its files (persists across restarts). */
  dataDir: string;
  /** How long an operation waits for a reachable database before the request answers 503. */
  dbSelectionTimeoutMs: number;
  /** On SIGTERM, how long requests in flight may take to finish before their connections are cut. */
  shutdownDrainSeconds: number;
  /** Where built local database servers are cached, outside the repository. */
  toolCacheDir: string;
  uploadDir: string;
  /** Temporary files older than this are a crash's leftovers, removed at start (others may be newer writes). */
  uploadTempMaxAgeMinutes: number;
  /** Largest evidence file accepted in one upload, in bytes. */
  uploadMaxFileBytes: number;
  /** Largest whole multipart request (file, fields and framing), in bytes; refused before it is read. */
  uploadMaxRequestBytes: number;
  /** Worker threads for work on files from outside (text extraction), and each one's memory. */
  workers: { threads: number; memoryMb: number };
  /**
   * How much text is taken from one uploaded document; over a limit, the document is kept and
   * flagged with the reason instead of its text.
   */
  textExtraction: { maxPages: number; maxPageChars: number; maxChars: number; timeoutSeconds: number };
  logLevel: string;
  /** Largest JSON body accepted, e.g. "100kb". */
  jsonBodyLimit: string;
  /** Seed demo data when the database holds no cases yet. */
  seedDemo: boolean;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* and mark cookies secure. */
  trustProxy: boolean;
  /** Keys the web pages' CSRF tokens; required in production so tokens cannot be forged. */
  sessionSecret: string;
  /** A web session ends after this many minutes without a request. */
  sessionIdleMinutes: number;
  /**
   * The clinic's letterhead on appeal letters and packets, and the IANA zone whose calendar "today" and
   * date-only deadlines belong to.
   */
  clinic: { name: string; address: string; phone: string; fax: string; npi: string; timeZone: string };
  /** An organisation's own letter templates (`<name>.hbs`), adding to or replacing those in templates/letters. */
  orgTemplateDir?: string;
  /** Run the job scheduler (reminders, escalation) in this process; several processes may run it side by side. */
  jobsEnabled: boolean;
  /** When reminders go out and to whom escalations go (see server/notifications/CONTEXT.md). */
  reminders: {
    /** How often the scheduler looks for due reminders and retries, in seconds. */
    scanSeconds: number;
    /** Before filing deadlines, decision due dates and P2P windows, in minutes (largest first). */
    deadlineOffsetsMinutes: number[];
    /** Before a scheduled peer-to-peer call, in minutes (largest first). */
    p2pCallOffsetsMinutes: number[];
    /** Date-only deadlines are reminded at this time (HH:mm) in the clinic's zone. */
    localTime: string;
    /** Who hears about a deadline that passed with the work not done. */
    escalationRole: 'admin' | 'medical_director';
  };
  /** Outgoing channels; each is off until configured. Links in messages start with `publicUrl`. */
  notify: {
    publicUrl: string;
    webhookUrl?: string;
    webhookSecret?: string;
    smtpUrl?: string;
    mailFrom?: string;
    maxAttempts: number;
    retryBaseSeconds: number;
  };
  /** Peer-to-peer calendar invitations: alarm lead time, and whether more than the case reference goes in. */
  p2pInvite: { alarmMinutes: number; detail: 'reference' | 'clinical' };
  /** The attendance rule: this many refusals or no-shows within this many days tell the care team at once. */
  attendance: { alertCount: number; alertDays: number };
}

/** Every key the service reads, with its default and a description (also the source of .env.example). */
export const configSchema = Joi.object({
  NODE_ENV: Joi.string().valid('development', 'test', 'production').default('development').description('Runtime mode'),
  PORT: Joi.number().port().default(3000).description('HTTP port'),
  HOST: Joi.string()
    .hostname()
    .description(
      'Address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 when NODE_ENV=production, behind its proxy)',
    ),
  MONGODB_URI: Joi.string()
    .uri({ scheme: ['mongodb', 'mongodb+srv'] })
    .description('MongoDB (6+) or FerretDB connection string'),
  DB_ATOMIC_UPDATES: Joi.string()
    .valid('auto', 'true', 'false')
    .default('auto')
    .description(
      'Whether the database makes a conditional update atomic (MongoDB does, FerretDB v1 does not); ' +
        'auto asks the server. false: version-checked writes take a claim in version_claims first',
    ),
  DATA_DIR: Joi.string().default('data').description('Local database files when MONGODB_URI is unset'),
  DB_SELECTION_TIMEOUT_MS: Joi.number()
    .integer()
    .min(500)
    .max(60_000)
    .default(3000)
    .description('How long a request waits for an unreachable database before it answers 503, in milliseconds'),
  SHUTDOWN_DRAIN_SECONDS: Joi.number()
    .integer()
    .min(0)
    .max(600)
    .default(10)
    .description('On SIGTERM, how long requests in flight may take to finish before the service stops anyway'),
  TOOL_CACHE_DIR: Joi.string()
    .default(path.join(os.homedir(), '.cache', 'overturn'))
    .description('Cache for the locally built FerretDB binary'),
  UPLOAD_DIR: Joi.string().default('uploads').description('Stored evidence files, named by content hash'),
  UPLOAD_TEMP_MAX_AGE_MINUTES: Joi.number()
    .integer()
    .min(1)
    .default(60)
    .description('At start, temporary upload and packet files older than this are removed (left by a crash)'),
  UPLOAD_MAX_FILE_BYTES: Joi.number()
    .integer()
    .min(1024)
    .default(20 * 1024 * 1024)
    .description('Largest evidence file accepted, in bytes (default 20 MiB); larger is refused with 413'),
  UPLOAD_MAX_REQUEST_BYTES: Joi.number()
    .integer()
    .min(Joi.ref('UPLOAD_MAX_FILE_BYTES'))
    .default(21 * 1024 * 1024)
    .description(
      'Largest upload request (file plus form fields), in bytes (default 21 MiB); ' +
        'refused with 413 from its Content-Length',
    ),
  WORKER_THREADS: Joi.number()
    .integer()
    .min(1)
    .max(64)
    .default(2)
    .description('Worker threads that read uploaded documents (and other work on files), off the request thread'),
  WORKER_MEMORY_MB: Joi.number()
    .integer()
    .min(64)
    .max(16_384)
    .default(256)
    .description(
      'Memory of each worker thread, in MB: its JavaScript heap, and apart from it the file data it decodes; ' +
        'a document needing more is kept with its text not extracted',
    ),
  TEXT_MAX_PAGES: Joi.number()
    .integer()
    .min(1)
    .default(2000)
    .description('Pages of one document whose text is extracted; a longer document is kept without its text'),
  TEXT_MAX_PAGE_CHARS: Joi.number()
    .integer()
    .min(1000)
    .max(4_000_000)
    .default(100_000)
    .description('Characters of text on one page (a dense printed page has about 5,000); more: kept without text'),
  TEXT_MAX_CHARS: Joi.number()
    .integer()
    .min(1000)
    .max(100_000_000)
    .default(4_000_000)
    .description('Characters of text in one document (about 2,000 dense pages); more: kept without its text'),
  TEXT_MAX_SECONDS: Joi.number()
    .integer()
    .min(1)
    .max(3600)
    .default(60)
    .description('Time one document may take to read, in seconds; longer: kept without its text'),
  LOG_LEVEL: Joi.string()
    .valid('error', 'warn', 'info', 'http', 'debug')
    .default('info')
    .description('Lowest log level written (JSON lines on stdout/stderr)'),
  JSON_BODY_LIMIT: Joi.string()
    .pattern(/^\d+(kb|mb)$/)
    .default('100kb')
    .description('Largest JSON request body; larger is refused with 413'),
  SEED_DEMO: Joi.boolean()
    .default(true)
    .description('Seed the demo clinic (users with known passwords) into an empty database; set false in production'),
  TRUST_PROXY: Joi.boolean()
    .default(false)
    .description('Behind a TLS-terminating proxy: trust X-Forwarded-* and mark cookies secure'),
  SESSION_SECRET: Joi.string()
    .min(32)
    .when('NODE_ENV', {
      is: 'production',
      then: Joi.required(),
      otherwise: Joi.optional().default('dev-only-session-secret-not-for-production'),
    })
    .description('At least 32 characters; keys CSRF tokens of the web pages'),
  SESSION_IDLE_MINUTES: Joi.number()
    .integer()
    .min(5)
    .max(24 * 60)
    .default(60)
    .description('Web sign-in ends after this long without activity'),
  CLINIC_NAME: Joi.string()
    .max(200)
    .default('Northside Spine & Rehabilitation')
    .description('Clinic name on the letterhead of appeal letters'),
  CLINIC_ADDRESS: Joi.string()
    .max(300)
    .default('400 Commonwealth Avenue, Suite 210; Boston, MA 02215')
    .description('Clinic postal address on the letterhead, lines separated by ";"'),
  CLINIC_PHONE: Joi.string().max(40).default('617-555-0100').description('Clinic phone on the letterhead'),
  CLINIC_FAX: Joi.string().max(40).default('617-555-0101').description('Clinic fax on the letterhead'),
  CLINIC_NPI: Joi.string()
    .pattern(/^\d{10}$/)
    .default('1548293076')
    .description('Clinic (group) NPI on the letterhead'),
  ORG_TEMPLATE_DIR: Joi.string().description(
    "Directory of the organisation's own letter templates (<name>.hbs), adding to or replacing templates/letters",
  ),
  JOBS_ENABLED: Joi.boolean()
    .default(true)
    .description(
      'Run the jobs in this process: reminders and escalations, and remittance imports (Agenda, jobs kept in ' +
        'MongoDB); an instance without them still takes uploads, which wait for one with them',
    ),
  REMINDER_SCAN_SECONDS: Joi.number()
    .integer()
    .min(10)
    .max(3600)
    .default(60)
    .description('How often due reminders and delivery retries are looked for, in seconds'),
  REMINDER_OFFSETS: Joi.string()
    .pattern(/^\d+[dhm](\s*,\s*\d+[dhm])*$/)
    .default('7d,3d,1d')
    .description(
      'Reminders before filing deadlines, decision due dates and P2P windows, e.g. ' +
        '"7d,3d,1d" (d days, h hours, m minutes)',
    ),
  P2P_CALL_REMINDER_OFFSETS: Joi.string()
    .pattern(/^\d+[dhm](\s*,\s*\d+[dhm])*$/)
    .default('1d,2h')
    .description('Reminders before a scheduled peer-to-peer call, e.g. "1d,2h"'),
  CLINIC_TIME_ZONE: Joi.string()
    .default('America/New_York')
    .custom(ianaZone)
    .description(
      'IANA time zone of the clinic: its calendar says what is today and overdue, ' +
        'dates a received fax, and date-only deadlines are reminded at REMINDER_LOCAL_TIME ' +
        'there',
    ),
  REMINDER_LOCAL_TIME: Joi.string()
    .pattern(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('09:00')
    .description('Local time (HH:mm) at which day-based reminders go out'),
  ESCALATION_ROLE: Joi.string()
    .valid('admin', 'medical_director')
    .default('admin')
    .description('Role told when a deadline passes with the work not done'),
  PUBLIC_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .description('Base URL of this service, for links in notifications (default http://localhost:PORT)'),
  WEBHOOK_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .description('Notifications are POSTed here as JSON, signed with WEBHOOK_SECRET; unset: no webhook'),
  WEBHOOK_SECRET: Joi.string()
    .min(16)
    .when('WEBHOOK_URL', { is: Joi.exist(), then: Joi.required() })
    .description('HMAC-SHA256 key for the X-Overturn-Signature header; required with WEBHOOK_URL'),
  SMTP_URL: Joi.string()
    .uri({ scheme: ['smtp', 'smtps'] })
    .description(
      'Notifications are emailed through this SMTP server, e.g. smtp://user:pass@mail.example.org:587; unset: no email',
    ),
  MAIL_FROM: Joi.string()
    .max(200)
    .pattern(/@(?![^>]*\.invalid\b)[^@\s<>]+\.[a-z]{2,}>?\s*$/i)
    .when('SMTP_URL', { is: Joi.exist(), then: Joi.required() })
    .messages({
      'string.pattern.base': '{{#label}} must be a real mailbox, e.g. Overturn <appeals@clinic.example.org>',
    })
    .description(
      'Sender of notification emails and organizer of P2P invitations, a mailbox the clinic reads, ' +
        'e.g. Overturn <appeals@clinic.example.org>; required with SMTP_URL; unset: invitations name the physician',
    ),
  NOTIFY_MAX_ATTEMPTS: Joi.number()
    .integer()
    .min(1)
    .max(20)
    .default(6)
    .description('Delivery attempts per channel before a notification is marked failed'),
  NOTIFY_RETRY_BASE_SECONDS: Joi.number()
    .integer()
    .min(1)
    .max(86_400)
    .default(60)
    .description('First retry delay; each further retry waits twice as long'),
  P2P_INVITE_ALARM_MINUTES: Joi.number()
    .integer()
    .min(0)
    .max(7 * 24 * 60)
    .default(30)
    .description('Alarm in P2P calendar invitations, minutes before the call'),
  P2P_INVITE_DETAIL: Joi.string()
    .valid('reference', 'clinical')
    .default('reference')
    .description(
      '"reference": invitations carry the case reference and dial-in only; "clinical" ' +
        'adds the service, codes and patient age/sex (never name, birth date or member ' +
        'id)',
    ),
  ATTENDANCE_ALERT_COUNT: Joi.number()
    .integer()
    .min(1)
    .max(50)
    .default(3)
    .description('Refused or no-show sessions within ATTENDANCE_ALERT_DAYS that tell the care team at once'),
  ATTENDANCE_ALERT_DAYS: Joi.number()
    .integer()
    .min(1)
    .max(365)
    .default(14)
    .description('The span, in days, over which ATTENDANCE_ALERT_COUNT refusals or no-shows are counted'),
}).unknown(true);

/** Joi check for an IANA time zone name (Intl knows every zone the tz database has). */
function ianaZone(value: string): string {
  new Intl.DateTimeFormat('en-US', { timeZone: value });
  return value;
}

/** "7d,3d,1d" → [10080, 4320, 1440], largest first. */
function offsetMinutes(list: string): number[] {
  const unit: Record<string, number> = { d: 1440, h: 60, m: 1 };
  return list
    .split(',')
    .map((s) => s.trim())
    .map((s) => Number(s.slice(0, -1)) * unit[s.slice(-1)])
    .sort((a, b) => b - a);
}

/** Validates `env` and returns a frozen, typed configuration, or throws naming every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const { value, error } = configSchema.validate(env, { abortEarly: false, convert: true });
  if (error) throw new Error(`Invalid configuration: ${error.details.map((d) => d.message).join('; ')}`);
  return Object.freeze({
    env: value.NODE_ENV,
    port: value.PORT,
    // Outside production nothing beyond this machine needs to reach the service: listen on loopback.
    host: value.HOST ?? (value.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    mongodbUri: value.MONGODB_URI,
    dbAtomicUpdates: value.DB_ATOMIC_UPDATES,
    dataDir: path.resolve(value.DATA_DIR),
    dbSelectionTimeoutMs: value.DB_SELECTION_TIMEOUT_MS,
    shutdownDrainSeconds: value.SHUTDOWN_DRAIN_SECONDS,
    toolCacheDir: path.resolve(value.TOOL_CACHE_DIR),
    uploadDir: path.resolve(value.UPLOAD_DIR),
    uploadTempMaxAgeMinutes: value.UPLOAD_TEMP_MAX_AGE_MINUTES,
    uploadMaxFileBytes: value.UPLOAD_MAX_FILE_BYTES,
    uploadMaxRequestBytes: value.UPLOAD_MAX_REQUEST_BYTES,
    workers: { threads: value.WORKER_THREADS, memoryMb: value.WORKER_MEMORY_MB },
    textExtraction: {
      maxPages: value.TEXT_MAX_PAGES,
      maxPageChars: value.TEXT_MAX_PAGE_CHARS,
      maxChars: value.TEXT_MAX_CHARS,
      timeoutSeconds: value.TEXT_MAX_SECONDS,
    },
    logLevel: value.LOG_LEVEL,
    jsonBodyLimit: value.JSON_BODY_LIMIT,
    seedDemo: value.SEED_DEMO,
    trustProxy: value.TRUST_PROXY,
    sessionSecret: value.SESSION_SECRET,
    sessionIdleMinutes: value.SESSION_IDLE_MINUTES,
    clinic: {
      name: value.CLINIC_NAME,
      address: value.CLINIC_ADDRESS,
      phone: value.CLINIC_PHONE,
      fax: value.CLINIC_FAX,
      npi: value.CLINIC_NPI,
      timeZone: value.CLINIC_TIME_ZONE,
    },
    orgTemplateDir: value.ORG_TEMPLATE_DIR ? path.resolve(value.ORG_TEMPLATE_DIR) : undefined,
    jobsEnabled: value.JOBS_ENABLED,
    reminders: {
      scanSeconds: value.REMINDER_SCAN_SECONDS,
      deadlineOffsetsMinutes: offsetMinutes(value.REMINDER_OFFSETS),
      p2pCallOffsetsMinutes: offsetMinutes(value.P2P_CALL_REMINDER_OFFSETS),
      localTime: value.REMINDER_LOCAL_TIME,
      escalationRole: value.ESCALATION_ROLE,
    },
    notify: {
      publicUrl: (value.PUBLIC_URL ?? `http://localhost:${value.PORT}`).replace(/\/$/, ''),
      webhookUrl: value.WEBHOOK_URL,
      webhookSecret: value.WEBHOOK_SECRET,
      smtpUrl: value.SMTP_URL,
      mailFrom: value.MAIL_FROM,
      maxAttempts: value.NOTIFY_MAX_ATTEMPTS,
      retryBaseSeconds: value.NOTIFY_RETRY_BASE_SECONDS,
    },
    p2pInvite: { alarmMinutes: value.P2P_INVITE_ALARM_MINUTES, detail: value.P2P_INVITE_DETAIL },
    attendance: { alertCount: value.ATTENDANCE_ALERT_COUNT, alertDays: value.ATTENDANCE_ALERT_DAYS },
  });
}

/**
 * Every override the test suite makes, in one place. Uploads go to a folder of this process's own:
 * test files running side by side are separate processes, and test/support/root-hooks.ts empties
 * the folder before each file that the process runs.
 */
export function loadTestConfig(overrides: Partial<Config> = {}): Readonly<Config> {
  const base = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    SEED_DEMO: 'false',
  });
  const uploadDir = path.resolve('test-output', 'uploads', String(process.pid));
  return Object.freeze({ ...base, uploadDir, ...overrides });
}
