import { inspect } from "node:util"
import { describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import * as Tracer from "effect/Tracer"
import { VoiceId } from "../src/VoiceId.js"
import { awsError, DomainId, ok, SECRET, SESSION_TOKEN, testLayer } from "./utils.js"

interface Recorded {
  readonly name: string
  readonly kind: Tracer.SpanKind
  readonly attributes: Map<string, unknown>
  exit: Exit.Exit<unknown, unknown> | undefined
}

/** A tracer that keeps every span it starts. */
const recordingTracer = () => {
  const spans: Array<Recorded> = []
  let next = 0
  const tracer = Tracer.make({
    span: (name, parent, context, links, _startTime, kind) => {
      const recorded: Recorded = { name, kind, attributes: new Map(), exit: undefined }
      spans.push(recorded)
      const spanId = `span-${next++}`
      return {
        _tag: "Span",
        name,
        spanId,
        traceId: "trace",
        parent,
        context,
        status: { _tag: "Started", startTime: 0n },
        attributes: recorded.attributes,
        links,
        sampled: true,
        kind,
        end: (_endTime, exit) => {
          recorded.exit = exit
        },
        attribute: (key, value) => {
          recorded.attributes.set(key, value)
        },
        event: () => {},
        addLinks: () => {}
      }
    },
    context: (f) => f()
  })
  return { spans, tracer }
}

// Values that must never leave the client in a span, a log, an error message or an error's JSON.
const SENSITIVE_JOB_NAME = "top-secret-job-name"
const SENSITIVE_BAD_NAME = "bad name with spaces!"
const secrets = [SECRET, SESSION_TOKEN, SENSITIVE_JOB_NAME, SENSITIVE_BAD_NAME]

const expectNoSecret = (text: string) => {
  for (const secret of secrets) expect(text).not.toContain(secret)
}

describe("observability and secrets", () => {
  it.effect("each call runs in a client span VoiceID.<Operation> with the AWS attributes", () => {
    const { spans, tracer } = recordingTracer()
    const { layer } = testLayer(
      (_, index) =>
        index === 0
          ? awsError("InternalServerException", 500)
          : ok({ Domain: { DomainId } }, { "x-amzn-requestid": "rid-2" }),
      { sessionToken: SESSION_TOKEN }
    )
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const fiber = yield* Effect.fork(voiceId.describeDomain({ DomainId }))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      // One span for the call: the HTTP client's own span is off (it would list x-amz-security-token).
      expect(spans.map((s) => s.name)).toEqual(["VoiceID.DescribeDomain"])
      const span = spans[0]!
      expect(span.kind).toBe("client")
      expect(Object.fromEntries(span.attributes)).toEqual({
        "rpc.system": "aws-api",
        "rpc.service": "VoiceID",
        "rpc.method": "DescribeDomain",
        "cloud.region": "us-east-1",
        "aws.request_id": "rid-2",
        "http.response.status_code": 200,
        "aws.attempts": 2
      })
      expect(span.exit && Exit.isSuccess(span.exit)).toBe(true)
    }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
  })

  it.effect("a failed call ends its span with the failure, and no attribute holds a secret", () => {
    const { spans, tracer } = recordingTracer()
    const { layer } = testLayer(() => awsError("AccessDeniedException", 403), { sessionToken: SESSION_TOKEN })
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      yield* Effect.either(
        voiceId.startSpeakerEnrollmentJob({
          DomainId,
          JobName: SENSITIVE_JOB_NAME,
          DataAccessRoleArn: "arn:aws:iam::123456789012:role/voiceid-batch",
          InputDataConfig: { S3Uri: "s3://in-bucket/in.json" },
          OutputDataConfig: { S3Uri: "s3://out-bucket/out/" }
        })
      )
      const span = spans[0]!
      expect(span.attributes.get("http.response.status_code")).toBe(403)
      expect(span.attributes.get("aws.request_id")).toBe("req-AccessDeniedException")
      const exit = span.exit!
      expect(Exit.isFailure(exit)).toBe(true)
      if (Exit.isFailure(exit)) {
        expect(Option.getOrUndefined(Cause.failureOption(exit.cause))).toMatchObject({ _tag: "AccessDeniedException" })
        expectNoSecret(Cause.pretty(exit.cause))
      }
      expectNoSecret(inspect(Object.fromEntries(span.attributes)))
    }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
  })

  it.effect("a sensitive member that fails validation is named, never shown", () => {
    const { sent, layer } = testLayer(() => ok({}))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const result = yield* Effect.either(
        voiceId.startSpeakerEnrollmentJob({
          DomainId,
          JobName: SENSITIVE_BAD_NAME,
          DataAccessRoleArn: "arn:aws:iam::123456789012:role/voiceid-batch",
          InputDataConfig: { S3Uri: "s3://in-bucket/in.json" },
          OutputDataConfig: { S3Uri: "s3://out-bucket/out/" }
        })
      )
      expect(sent).toHaveLength(0)
      const error = Either.isLeft(result) ? result.left : undefined
      expect(error?._tag).toBe("RequestValidationError")
      expect(error?.message).toContain("JobName")
      expectNoSecret(String(error))
      expectNoSecret(JSON.stringify(error))
      expectNoSecret(inspect(error, { depth: 10 }))
    }).pipe(Effect.provide(layer))
  })

  it.effect("no log line and no error of any kind carries a secret", () => {
    const lines: Array<string> = []
    const logger = Logger.make(({ message, annotations }) => {
      lines.push(inspect({ message, annotations: [...annotations] }, { depth: 10 }))
    })
    const failures: Array<unknown> = []
    const replies = [
      awsError("ThrottlingException", 400),
      "transport-error" as const,
      { status: 502, body: "<html>gateway</html>" },
      awsError("UnrecognizedClientException", 403)
    ]
    const { layer } = testLayer((_, index) => replies[index % replies.length]!, { sessionToken: SESSION_TOKEN })
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      for (let i = 0; i < 4; i++) {
        const fiber = yield* Effect.fork(
          Effect.either(
            voiceId
              .createWatchlist({ DomainId, Name: SENSITIVE_JOB_NAME }, { maxAttempts: 1 })
              .pipe(Effect.tapError((e) => Effect.logError("call failed", e)))
          )
        )
        yield* TestClock.adjust("1 minute")
        const result = yield* Fiber.join(fiber)
        if (Either.isLeft(result)) failures.push(result.left)
      }
      expect(failures.map((f) => (f as { _tag: string })._tag)).toEqual([
        "ThrottlingException",
        "TransportError",
        "ResponseDecodeError",
        "UnknownServiceError"
      ])
      for (const failure of failures) {
        expectNoSecret(String(failure))
        expectNoSecret(JSON.stringify(failure))
        expectNoSecret(inspect(failure, { depth: 10 }))
      }
      expect(lines.length).toBeGreaterThan(0)
      for (const line of lines) expectNoSecret(line)
    }).pipe(
      Effect.provide(layer),
      Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
      Logger.withMinimumLogLevel(LogLevel.All)
    )
  })
})
