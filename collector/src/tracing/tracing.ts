import {
  context, diag, DiagLogLevel, INVALID_SPAN_CONTEXT, trace, TraceFlags,
  type Attributes, type Span, type SpanKind, type Tracer,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider, BatchSpanProcessor, RandomIdGenerator, type IdGenerator,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { Logger } from 'pino';
import type { TracingConfig } from '../config/schema.js';

/** Where a span goes: its trace, and the span it continues when one is known. */
export interface SpanPlace {
  traceId: string;
  parentSpanId: string | null;
}

export interface SpanStart extends SpanPlace {
  kind: SpanKind;
  /** Epoch ms. */
  startTime: number;
  attributes: Attributes;
}

/**
 * Random ids, except for a trace id chosen for the very next root span: the
 * SDK picks a root span's trace id itself, and syncgov's spans must land in
 * the trace of the message they describe.
 */
class ChosenTraceIds implements IdGenerator {
  private readonly random = new RandomIdGenerator();
  private chosen: string | undefined;

  choose(traceId: string): void {
    this.chosen = traceId;
  }

  generateTraceId(): string {
    const id = this.chosen ?? this.random.generateTraceId();
    this.chosen = undefined;
    return id;
  }

  generateSpanId(): string {
    return this.random.generateSpanId();
  }
}

/**
 * The collector's OpenTelemetry spans, exported by OTLP over HTTP when an
 * endpoint is configured. Without one every call is a cheap no-op. Export
 * failures are logged and never reach the caller.
 */
export class Tracing {
  private readonly ids = new ChosenTraceIds();
  private readonly provider: BasicTracerProvider | undefined;
  private readonly tracer: Tracer | undefined;

  constructor(config: TracingConfig, version: string, log: Logger) {
    if (config.otlpEndpoint === undefined) return;
    routeDiagnostics(log);
    const exporter = new OTLPTraceExporter({
      url: `${config.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`,
      timeoutMillis: config.exportTimeoutMs,
    });
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({
        [ATTR_SERVICE_NAME]: config.serviceName, [ATTR_SERVICE_VERSION]: version,
      }),
      idGenerator: this.ids,
      spanProcessors: [new BatchSpanProcessor(exporter)],
    });
    this.tracer = this.provider.getTracer('syncgov-collector', version);
  }

  get enabled(): boolean {
    return this.tracer !== undefined;
  }

  /** Starts a span in the given trace; one that records nothing when tracing is off. */
  start(name: string, at: SpanStart): Span {
    if (this.tracer === undefined) return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    const options = { kind: at.kind, startTime: at.startTime, attributes: at.attributes };
    if (at.parentSpanId === null) {
      this.ids.choose(at.traceId);
      return this.tracer.startSpan(name, options, context.active());
    }
    const parent = trace.setSpanContext(context.active(), {
      traceId: at.traceId, spanId: at.parentSpanId, traceFlags: TraceFlags.SAMPLED, isRemote: true,
    });
    return this.tracer.startSpan(name, options, parent);
  }

  /** Sends what has ended so far; for tests and shutdown. */
  async flush(): Promise<void> {
    await this.provider?.forceFlush();
  }

  async shutdown(): Promise<void> {
    await this.provider?.shutdown();
  }
}

/** Drops the attributes a message or replay does not have. */
export function present(attributes: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined));
}

/** The W3C traceparent header that continues a span at a replay target. */
export function traceparentOf(span: Span): string {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-0${(traceFlags & TraceFlags.SAMPLED).toString(16)}`;
}

// The SDK reports export failures through its global diagnostics channel.
function routeDiagnostics(log: Logger): void {
  const child = log.child({ component: 'tracing' });
  const write = (level: 'warn' | 'error') => (message: string, ...args: unknown[]) =>
    child[level]({ detail: args.map(String).join(' ') || undefined }, message);
  diag.setLogger({
    error: write('error'), warn: write('warn'),
    info: () => undefined, debug: () => undefined, verbose: () => undefined,
  }, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
}
