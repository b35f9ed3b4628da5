/**
 * The service's figures for Prometheus (`GET /metrics`, administrators): request latency by route
 * pattern, database operation latency by command, the reminder scan's lag, reminders sent, and
 * the process's own (memory, event-loop delay). Labels are route patterns, command and
 * collection names, channels and status codes: never an id, a URL or a value from a request.
 * Each app makes its own registry (no module keeps state), so tests and instances never mix.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type mongoose from 'mongoose';

type MongoClient = mongoose.mongo.MongoClient;
type CommandEvent = mongoose.mongo.CommandSucceededEvent | mongoose.mongo.CommandFailedEvent;

export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Histogram({
    name: 'overturn_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly operations = new Histogram({
    name: 'overturn_db_operation_duration_seconds',
    help: 'Database commands by name and collection, and whether they succeeded',
    labelNames: ['command', 'collection', 'outcome'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly jobLag = new Gauge({
    name: 'overturn_job_lag_seconds',
    help: 'How late a recurring job last started, beyond its interval',
    labelNames: ['job'] as const,
    registers: [this.registry],
  });
  private readonly sent = new Counter({
    name: 'overturn_reminders_sent_total',
    help: 'Reminder and invitation deliveries by channel and outcome',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    // The event-loop delay is sampled every 100 ms, not prom-client's 10: a timer firing a hundred
    // times a second kept an idle service at 4-5 ms of CPU a second (measured beside a bare driver
    // app's 1), which a slow answer on the local database counted as its own; a tenth as many
    // samples still give each 15 s scrape about 150.
    collectDefaultMetrics({ register: this.registry, prefix: 'overturn_', eventLoopMonitoringPrecision: 100 });
  }

  request(method: string, route: string, status: number, seconds: number): void {
    this.requests.observe({ method, route, status: String(status) }, seconds);
  }

  jobStarted(job: string, lateSeconds: number): void {
    this.jobLag.set({ job }, Math.max(0, lateSeconds));
  }

  delivery(channel: string, outcome: 'sent' | 'skipped' | 'failed'): void {
    this.sent.inc({ channel, outcome });
  }

  /**
   * Times every database command the client runs (the client must be made with
   * `monitorCommands: true`). Returns what stops it.
   */
  observeDatabase(client: MongoClient): () => void {
    // The collection is named in the command itself ({ find: 'cases', … }); kept by request id.
    const collections = new Map<number, string>();
    const started = (e: mongoose.mongo.CommandStartedEvent) => {
      const target = e.command[e.commandName];
      collections.set(e.requestId, typeof target === 'string' ? target : '');
    };
    const finished = (outcome: 'ok' | 'error') => (e: CommandEvent) => {
      const collection = collections.get(e.requestId) ?? '';
      collections.delete(e.requestId);
      this.operations.observe({ command: e.commandName, collection, outcome }, e.duration / 1000);
    };
    const ok = finished('ok');
    const failed = finished('error');
    client.on('commandStarted', started);
    client.on('commandSucceeded', ok);
    client.on('commandFailed', failed);
    return () => {
      client.off('commandStarted', started);
      client.off('commandSucceeded', ok);
      client.off('commandFailed', failed);
    };
  }

  /** The figures in Prometheus' text format, with its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
