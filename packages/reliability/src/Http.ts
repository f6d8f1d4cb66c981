/**
 * HTTP clients for the suites: a probe over any `HttpClient` (every request the client under test sends is seen
 * and counted on its way out), and an in-memory `HttpClient` that answers from a function and counts what reached
 * it.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"

/**
 * What the probe reads off each request.
 *
 * @category models
 * @since 0.1.0
 */
export interface Outgoing {
  /** `X-Amz-Target`. */
  readonly target: string
  /** The `N` of `amz-sdk-request: attempt=N; max=M`. */
  readonly attempt: number
  /** The `M` of `amz-sdk-request`. */
  readonly maxAttempts: number
  /** The request as the HTTP client got it. */
  readonly request: HttpClientRequest.HttpClientRequest
}

const SDK_REQUEST = /^attempt=(\d+); max=(\d+)$/

/**
 * Reads the target and the attempt header of a request.
 *
 * @category probes
 * @since 0.1.0
 */
export const outgoing = (request: HttpClientRequest.HttpClientRequest): Outgoing => {
  const match = SDK_REQUEST.exec(request.headers["amz-sdk-request"] ?? "")
  return {
    target: request.headers["x-amz-target"] ?? "",
    attempt: match === null ? Number.NaN : Number(match[1]),
    maxAttempts: match === null ? Number.NaN : Number(match[2]),
    request
  }
}

/**
 * A layer that gives the `HttpClient` below it, calling `onRequest` with each request before it is sent and
 * `onDone` with the outcome when its exchange ends (a response, a failure or an interruption).
 *
 * @category probes
 * @since 0.1.0
 */
export const probe = (
  onRequest: (request: Outgoing) => void,
  onDone?: (exit: Exit.Exit<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>) => void
): Layer.Layer<HttpClient.HttpClient, never, HttpClient.HttpClient> =>
  Layer.effect(
    HttpClient.HttpClient,
    Effect.map(HttpClient.HttpClient, (client) => {
      const tapped = HttpClient.tapRequest(client, (request) => Effect.sync(() => onRequest(outgoing(request))))
      return onDone === undefined
        ? tapped
        : HttpClient.transformResponse(tapped, (response) =>
            Effect.onExit(response, (exit) => Effect.sync(() => onDone(exit)))
          )
    })
  )

/**
 * What an in-memory server answers: a response, or a failure to connect.
 *
 * @category models
 * @since 0.1.0
 */
export type Answer =
  | {
      readonly status: number
      readonly headers?: Readonly<Record<string, string>> | undefined
      readonly body?: string | undefined
    }
  | "transport-error"

const decoder = new TextDecoder()

// Statuses whose responses cannot carry a body (the Fetch standard refuses one).
const bodiless = new Set([101, 103, 204, 205, 304])

/**
 * An in-memory `HttpClient`: each request is counted, then answered by `answer` (a value or an effect, to delay or
 * hang). `sent` holds the bodies in order.
 *
 * @category in-memory
 * @since 0.1.0
 */
export const inMemory = (
  answer: (request: Outgoing, body: string, index: number) => Answer | Effect.Effect<Answer>
): { readonly sent: Array<string>; readonly layer: Layer.Layer<HttpClient.HttpClient> } => {
  const sent: Array<string> = []
  const client = HttpClient.make((request) =>
    Effect.gen(function* () {
      const body = request.body._tag === "Uint8Array" ? decoder.decode(request.body.body) : ""
      const index = sent.length
      sent.push(body)
      const given = answer(outgoing(request), body, index)
      const reply = Effect.isEffect(given) ? yield* given : given
      if (reply === "transport-error") {
        return yield* Effect.fail(
          new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("connect ECONNREFUSED") })
        )
      }
      const status = reply.status
      return HttpClientResponse.fromWeb(
        request,
        new Response(bodiless.has(status) ? null : (reply.body ?? ""), { status, headers: reply.headers ?? {} })
      )
    })
  )
  return { sent, layer: Layer.succeed(HttpClient.HttpClient, client) }
}
