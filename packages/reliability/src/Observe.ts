/**
 * Everything a program shows about itself, captured: a tracer that keeps every span (name, attributes, events,
 * links, how it ended) and a logger that keeps every log line in several formats. And a scan of captured text for
 * values that must not be there.
 *
 * @since 0.1.0
 */
import { inspect } from "node:util"
import * as Cause from "effect/Cause"
import * as Exit from "effect/Exit"
import * as Logger from "effect/Logger"
import * as Tracer from "effect/Tracer"

/**
 * A span as the recording tracer kept it.
 *
 * @category models
 * @since 0.1.0
 */
export interface RecordedSpan {
  readonly name: string
  readonly attributes: Map<string, unknown>
  readonly events: Array<{ readonly name: string; readonly attributes: Record<string, unknown> | undefined }>
  readonly links: Array<Tracer.SpanLink>
  exit: Exit.Exit<unknown, unknown> | undefined
}

/**
 * A tracer that keeps every span it starts.
 *
 * @category tracing
 * @since 0.1.0
 */
export const recordingTracer = (): { readonly spans: Array<RecordedSpan>; readonly tracer: Tracer.Tracer } => {
  const spans: Array<RecordedSpan> = []
  let next = 0
  const tracer = Tracer.make({
    span: (name, parent, context, links, _startTime, kind) => {
      const recorded: RecordedSpan = { name, attributes: new Map(), events: [], links: [...links], exit: undefined }
      spans.push(recorded)
      return {
        _tag: "Span",
        name,
        spanId: `span-${next++}`,
        traceId: "trace",
        parent,
        context,
        status: { _tag: "Started", startTime: 0n },
        attributes: recorded.attributes,
        links: recorded.links,
        sampled: true,
        kind,
        end: (_endTime, exit) => {
          recorded.exit = exit
        },
        attribute: (key, value) => {
          recorded.attributes.set(key, value)
        },
        event: (eventName, _time, attributes) => {
          recorded.events.push({ name: eventName, attributes })
        },
        addLinks: (added) => {
          recorded.links.push(...added)
        }
      }
    },
    context: (f) => f()
  })
  return { spans, tracer }
}

/**
 * Every text a span shows: its name, attributes, events, links and, for a failed span, its cause in full.
 *
 * @category tracing
 * @since 0.1.0
 */
export const spanTexts = (span: RecordedSpan): Array<string> => [
  span.name,
  inspect(Object.fromEntries(span.attributes), { depth: Number.POSITIVE_INFINITY }),
  inspect(span.events, { depth: Number.POSITIVE_INFINITY }),
  inspect(
    span.links.map((link) => link.attributes),
    { depth: Number.POSITIVE_INFINITY }
  ),
  span.exit !== undefined && Exit.isFailure(span.exit) ? Cause.pretty(span.exit.cause, { renderErrorCause: true }) : ""
]

/**
 * A logger that keeps each log line as the string, logfmt, JSON and structured loggers would write it, with the
 * cause in full.
 *
 * @category logging
 * @since 0.1.0
 */
export const capturingLogger = (): { readonly lines: Array<string>; readonly logger: Logger.Logger<unknown, void> } => {
  const lines: Array<string> = []
  const logger = Logger.make<unknown, void>((options) => {
    lines.push(
      Logger.stringLogger.log(options),
      Logger.logfmtLogger.log(options),
      Logger.jsonLogger.log(options),
      inspect(Logger.structuredLogger.log(options), { depth: Number.POSITIVE_INFINITY }),
      Cause.pretty(options.cause, { renderErrorCause: true })
    )
  })
  return { lines, logger }
}

/**
 * Every way a failure can be shown: `String`, its message, `JSON.stringify`, `util.inspect`, its stack.
 *
 * @category errors
 * @since 0.1.0
 */
export const errorTexts = (error: unknown): Array<string> => {
  const texts = [String(error), inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })]
  try {
    texts.push(JSON.stringify(error) ?? "")
  } catch (e) {
    texts.push(`JSON.stringify threw ${String(e)}`)
  }
  if (error instanceof Error) texts.push(error.message, error.stack ?? "")
  return texts
}

/**
 * The secrets found in `texts`: one entry per (text, secret) hit, with some context.
 *
 * @category scanning
 * @since 0.1.0
 */
export const leaks = (
  texts: Iterable<string>,
  secrets: ReadonlyArray<string>
): Array<{ readonly secret: string; readonly context: string }> => {
  const found: Array<{ readonly secret: string; readonly context: string }> = []
  for (const text of texts) {
    for (const secret of secrets) {
      const at = text.indexOf(secret)
      if (at !== -1) found.push({ secret, context: text.slice(Math.max(0, at - 120), at + secret.length + 60) })
    }
  }
  return found
}
