/**
 * The service's figures for Prometheus (`GET /metrics`, administrators): request latency by route
 * pattern, database operation latency by operation, the reminder scan's lag, reminders sent, and
 * the process's own (memory, event-loop delay). Labels are route patterns, operation and
 * collection names, channels and status codes: never an id, a URL or a value from a request.
 * Each app makes its own registry (no module keeps state), so tests and instances never mix.
 */
import diagnostics from 'node:diagnostics_channel';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The channels mongoose (9.7 and later) traces its operations on: queries, aggregations, saves, inserts. */
const MONGOOSE_CHANNELS = [
  'mongoose:query',
  'mongoose:aggregate',
  'mongoose:model:save',
  'mongoose:model:insertMany',
  'mongoose:model:bulkWrite',
];
/** What labels are read of a traced operation (its arguments, which may hold PHI, never). */
interface TracedOperation {
  operation?: string;
  collection?: string;
  error?: unknown;
}

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
    help: 'Database operations made through mongoose by name and collection, and whether they succeeded',
    labelNames: ['operation', 'collection', 'outcome'] as const,
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
   * Times every database operation made through mongoose, from the tracing channels it publishes
   * (one per kind of operation, node:diagnostics_channel): the one place every query, save and
   * insert of the service passes. The driver's command monitoring did it too, but it reads every
   * reply a second time for its event (about 6 of the 40 ms of CPU of a worklist answer showing
   * 834 cases). Not timed: what goes to the driver directly (the job queues' Agenda, start-up
   * migrations, an import's bulk insert of new cases). Returns what stops it.
   */
  observeDatabase(): () => void {
    const started = new WeakMap<object, number>();
    const subscribers: diagnostics.TracingChannelSubscribers<TracedOperation> = {
      start: (op) => void started.set(op, performance.now()),
      end: () => undefined,
      asyncStart: () => undefined,
      asyncEnd: (op) => {
        const at = started.get(op);
        if (at === undefined) return;
        const outcome = op.error === undefined ? 'ok' : 'error';
        this.operations.observe(
          { operation: op.operation ?? '', collection: op.collection ?? '', outcome },
          (performance.now() - at) / 1000,
        );
      },
      error: () => undefined,
    };
    const channels = MONGOOSE_CHANNELS.map((name) => diagnostics.tracingChannel<unknown, TracedOperation>(name));
    for (const channel of channels) channel.subscribe(subscribers);
    return () => {
      for (const channel of channels) channel.unsubscribe(subscribers);
    };
  }

  /** The figures in Prometheus' text format, with its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
