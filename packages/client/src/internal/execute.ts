import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { Codec, type SigV4 } from "@effect-voiceid/protocol"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { constTrue } from "effect/Function"
import type * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as ScheduleIntervals from "effect/ScheduleIntervals"
import type * as Tracer from "effect/Tracer"
import type { CredentialsProvider } from "../Credentials.js"
import { TimeoutError, TransportError, type VoiceIdClientError } from "../Errors.js"
import * as Retry from "../Retry.js"
import type { RequestSigner } from "../Signer.js"
import type { Resolved } from "../VoiceIdConfig.js"
import { correctedOffset, isClockSkewError } from "./clock.js"

/** @internal */
export interface CallSettings {
  readonly maxAttempts?: number | undefined
  readonly retrySchedule?: Retry.RetrySchedule | undefined
  readonly attemptTimeout?: Duration.DurationInput | undefined
  readonly timeout?: Duration.DurationInput | undefined
  readonly validate?: boolean | undefined
}

interface Settings {
  readonly maxAttempts: number
  readonly schedule: Retry.RetrySchedule
  readonly attemptTimeout: Duration.Duration | undefined
  readonly timeout: Duration.Duration | undefined
  readonly validate: boolean
}

type Operation = Codec.Operation

/** @internal */
export type Execute = <O extends Operation>(
  operation: O,
  input: Codec.Input<O["name"]>,
  options?: CallSettings
) => Effect.Effect<Codec.Output<O["name"]>, Codec.OperationError<O["name"]> | VoiceIdClientError>

interface Metadata {
  attempts?: number
  totalRetryDelay?: number
}

const describe = (error: HttpClientError.HttpClientError): string => {
  if (error.description !== undefined) return error.description
  const cause = error.cause
  if (cause instanceof Error) {
    // fetch wraps the system error (ECONNREFUSED, ...) in its own `cause`.
    const inner = (cause as { readonly cause?: unknown }).cause
    const code = typeof inner === "object" && inner !== null && "code" in inner ? String(inner.code) : undefined
    return code === undefined ? cause.message : `${cause.message} (${code})`
  }
  return error.reason === "Transport" ? "the request could not be sent" : "the response could not be read"
}

const SKEW_THRESHOLD_MILLIS = 300_000

/**
 * Builds the one function every call goes through: validate, fill the idempotency token, encode, sign, send,
 * decode, retry, all inside the span `VoiceID.<Operation>`.
 *
 * @internal
 */
export const makeExecute = (
  config: Resolved,
  httpClient: HttpClient.HttpClient,
  signer: RequestSigner,
  credentials: CredentialsProvider,
  quota: Retry.RetryQuota | undefined
): Execute => {
  // The call's own span says everything the HTTP client's would, and the HTTP client's would list headers such as
  // `x-amz-security-token` and carry trace headers that AWS does not need.
  const http = HttpClient.withTracerDisabledWhen(httpClient, constTrue)
  const url = config.endpoint.href
  const host = config.endpoint.host
  const path = config.endpoint.pathname
  const region = config.region
  const signingName = config.signingName
  // Milliseconds to add to the local clock, learnt from the service when it rejects a signature as skewed.
  let clockOffset = 0

  const standardSchedules = new Map<number, Retry.RetrySchedule>()
  const standardFor = (maxAttempts: number): Retry.RetrySchedule => {
    let schedule = standardSchedules.get(maxAttempts)
    if (schedule === undefined) {
      schedule = Retry.standard({ maxAttempts })
      standardSchedules.set(maxAttempts, schedule)
    }
    return schedule
  }

  const defaults: Settings = {
    maxAttempts: config.maxAttempts,
    schedule: config.retrySchedule ?? standardFor(config.maxAttempts),
    attemptTimeout: config.attemptTimeout,
    timeout: config.timeout,
    validate: config.validateRequests
  }

  const settingsOf = (options: CallSettings | undefined): Settings => {
    if (options === undefined) return defaults
    const maxAttempts =
      options.maxAttempts === undefined ? defaults.maxAttempts : Math.max(1, Math.floor(options.maxAttempts))
    return {
      maxAttempts,
      schedule:
        options.retrySchedule ??
        (config.retrySchedule !== undefined || maxAttempts === defaults.maxAttempts
          ? defaults.schedule
          : standardFor(maxAttempts)),
      attemptTimeout:
        options.attemptTimeout === undefined ? defaults.attemptTimeout : Duration.decode(options.attemptTimeout),
      timeout: options.timeout === undefined ? defaults.timeout : Duration.decode(options.timeout),
      validate: options.validate ?? defaults.validate
    }
  }

  const spanOptions = new Map<string, Tracer.SpanOptions>()
  const spanOptionsOf = (operation: Operation): Tracer.SpanOptions => {
    let options = spanOptions.get(operation.name)
    if (options === undefined) {
      options = {
        kind: "client",
        captureStackTrace: false,
        attributes: {
          "rpc.system": "aws-api",
          "rpc.service": "VoiceID",
          "rpc.method": operation.name,
          "cloud.region": region
        }
      }
      spanOptions.set(operation.name, options)
    }
    return options
  }

  const encoder = new TextEncoder()

  const run = (
    operation: Operation,
    input: Record<string, unknown>,
    settings: Settings,
    span: Tracer.Span
  ): Effect.Effect<unknown, unknown> => {
    // The idempotency token is chosen once per logical call, so that every retry repeats the same request. An
    // untyped caller may pass something that is not an object: validation then says so.
    const tokenMember = operation.idempotencyToken
    const payload =
      tokenMember !== undefined &&
      typeof input === "object" &&
      input !== null &&
      !Array.isArray(input) &&
      input[tokenMember] === undefined
        ? { ...input, [tokenMember]: crypto.randomUUID() }
        : input
    const encoded = Codec.encodeRequest(operation, payload as never, { validate: settings.validate })
    if (Either.isLeft(encoded)) return Effect.fail(encoded.left)
    const body = encoded.right.body
    const bytes = encoder.encode(body)
    const signable: SigV4.Request = {
      method: "POST",
      path,
      headers: { host, "content-type": Codec.contentType, "x-amz-target": operation.target },
      body
    }
    const invocationId = crypto.randomUUID()
    const maxAttempts = settings.maxAttempts
    const schedule: Schedule.Schedule<unknown, Retry.RetryInput> = settings.schedule
    const attemptTimeout = settings.attemptTimeout
    let attempt = 0
    let totalDelay = 0
    let lastRetryCost: number | undefined
    let skewCorrected = false
    let scheduleState: unknown = schedule.initial
    // The headers of the last response, for `Retry-After` and `Date`.
    let lastHeaders: Readonly<Record<string, string>> | undefined

    const exchange = (signed: SigV4.SignedHeaders): Effect.Effect<unknown, unknown> => {
      const headers: Record<string, string> = {
        "x-amz-target": operation.target,
        "amz-sdk-invocation-id": invocationId,
        "amz-sdk-request": `attempt=${attempt}; max=${maxAttempts}`
      }
      for (const name in signed) headers[name] = signed[name as keyof SigV4.SignedHeaders]!
      const request = HttpClientRequest.post(url, { headers, body: HttpBody.uint8Array(bytes, Codec.contentType) })
      let received: Effect.Effect<unknown, TransportError | TimeoutError> = Effect.flatMap(
        http.execute(request),
        (response) =>
          Effect.map(response.text, (text) => {
            const responseHeaders = response.headers
            lastHeaders = responseHeaders
            span.attribute("http.response.status_code", response.status)
            const requestId = responseHeaders["x-amzn-requestid"]
            if (requestId !== undefined) span.attribute("aws.request_id", requestId)
            return Codec.decodeResponse(operation, { status: response.status, headers: responseHeaders, body: text })
          })
      ).pipe(
        Effect.mapError(
          (error) => new TransportError({ operation: operation.name, reason: error.reason, detail: describe(error) })
        )
      )
      if (attemptTimeout !== undefined) {
        received = Effect.timeoutFail(received, {
          duration: attemptTimeout,
          onTimeout: () =>
            new TimeoutError({
              operation: operation.name,
              scope: "attempt",
              timeoutMillis: Duration.toMillis(attemptTimeout)
            })
        })
      }
      // A decoded response is an Either, which is an Effect: its Left fails the attempt with the typed error.
      return Effect.flatMap(received, (decoded) => decoded as Effect.Effect<unknown, unknown>)
    }

    const attemptOnce = Effect.suspend(() => {
      attempt++
      lastHeaders = undefined
      span.attribute("aws.attempts", attempt)
      return credentials.get.pipe(
        Effect.flatMap((current) =>
          Effect.flatMap(Clock.currentTimeMillis, (now) =>
            signer.sign(signable, {
              credentials: current,
              region,
              service: signingName,
              signingDate: new Date(now + clockOffset)
            })
          )
        ),
        Effect.flatMap(exchange)
      )
    })

    const finish = (value: { readonly $metadata?: Metadata } | unknown): void => {
      const metadata = (value as { readonly $metadata?: Metadata }).$metadata
      if (metadata !== undefined) {
        // A fresh object of this call's own decode: filling it in place saves a copy per page.
        metadata.attempts = attempt
        metadata.totalRetryDelay = totalDelay
      }
    }

    const giveUp = (error: unknown) => {
      if (typeof error === "object" && error !== null) finish(error)
      return Effect.fail(error)
    }

    const onFailure = (error: unknown): Effect.Effect<unknown, unknown> =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const headers = lastHeaders
        if (attempt >= maxAttempts) return giveUp(error)
        if (!skewCorrected && headers !== undefined && isClockSkewError(error)) {
          const offset = correctedOffset(headers.date, now, clockOffset, SKEW_THRESHOLD_MILLIS)
          if (offset !== undefined) {
            // The service told the time: sign again with it, once, without waiting or spending quota.
            skewCorrected = true
            clockOffset = offset
            return loop
          }
        }
        const kind = Retry.classify(error)
        if (kind === undefined) return giveUp(error)
        const hint = headers === undefined ? undefined : Retry.retryAfterMillis(headers, now)
        const retryInput: Retry.RetryInput = {
          error,
          kind,
          attempt,
          retryAfter: hint === undefined ? undefined : Duration.millis(hint)
        }
        return Effect.flatMap(schedule.step(now, retryInput, scheduleState), ([state, _, decision]) => {
          if (ScheduleDecision.isDone(decision)) return giveUp(error)
          const cost = quota === undefined ? 0 : quota.acquire(kind)
          if (cost === undefined) return giveUp(error)
          scheduleState = state
          lastRetryCost = cost
          const delay = Math.max(0, ScheduleIntervals.start(decision.intervals) - now)
          totalDelay += delay
          return delay === 0 ? loop : Effect.zipRight(Effect.sleep(Duration.millis(delay)), loop)
        })
      })

    const loop: Effect.Effect<unknown, unknown> = Effect.suspend(() => Effect.catchAll(attemptOnce, onFailure))

    const called = Effect.map(loop, (output) => {
      quota?.release(lastRetryCost)
      finish(output)
      return output
    })
    const timeout = settings.timeout
    return timeout === undefined
      ? called
      : Effect.timeoutFail(called, {
          duration: timeout,
          onTimeout: () =>
            new TimeoutError({ operation: operation.name, scope: "call", timeoutMillis: Duration.toMillis(timeout) })
        })
  }

  return ((operation: Operation, input: Record<string, unknown>, options?: CallSettings) =>
    Effect.useSpan(operation.target, spanOptionsOf(operation), (span) =>
      Effect.withParentSpan(
        Effect.suspend(() => run(operation, input, settingsOf(options), span)),
        span
      )
    )) as unknown as Execute
}
