/**
 * The Voice ID request path, from bytes received to the answer: protocol checks, SigV4 verification, the
 * operation from `X-Amz-Target`, injected faults, input decoding with the protocol codec, the handler, and the
 * encoded output or error. Synchronous and free of I/O: the HTTP layer reads the body before and writes the
 * answer (after saving the state when asked to) after.
 */
import {
  Codec,
  InternalServerException,
  type ModeledError,
  type OperationName,
  operations,
  SigV4,
  service,
  ThrottlingException,
  ValidationException
} from "@effect-voiceid/protocol"
import * as Either from "effect/Either"
import { verify } from "../Auth.js"
import type { FaultInjector } from "../Faults.js"
import { Encoded, type Handler } from "../handlers/context.js"
import { handlers, readOnly } from "../handlers/index.js"
import { advance } from "../Jobs.js"
import type { EmulatorState } from "../State.js"
import { httpDate } from "./clock.js"
import { requestId } from "./ids.js"

/** A request as the HTTP layer hands it over. */
export interface Received {
  readonly method: string
  readonly url: string
  /** Node's header object (lower-case names). */
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  /** Node's raw header list: name, value, name, value… (exact repeated headers, for the signature). */
  readonly rawHeaders: ReadonlyArray<string>
  readonly body: Buffer
}

/** An answer to send. */
export interface Respond {
  readonly _tag: "Respond"
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: string | Buffer
  /** The pooled buffer `body` lies in, to give back once the answer is written (see `bytes.ts`). */
  readonly slot?: Buffer | undefined
  /** Save the state before answering (a write was made). */
  readonly persist: boolean
  readonly delayMs: number
}

/** What to do with a request: answer, or drop the connection. */
export type Outcome = Respond | { readonly _tag: "Drop"; readonly delayMs: number }

/** How requests are checked. */
export interface DispatchOptions {
  readonly verifySignatures: boolean
  readonly keys: ReadonlyMap<string, string>
  readonly maxSkewMs: number
  readonly maxBodyBytes: number
  readonly persistent: boolean
}

const byTarget: ReadonlyMap<string, OperationName> = new Map(
  (Object.keys(operations) as Array<OperationName>).map((name) => [operations[name].target, name])
)

const JSON_TYPES = new Set([service.contentType, "application/json"])

const signingKeyCache = SigV4.makeSigningKeyCache(64)

/** The headers of every answer. */
const baseHeaders = (id: string, now: number): Record<string, string> => ({
  "content-type": service.contentType,
  "x-amzn-RequestId": id,
  date: httpDate(now)
})

const answer = (id: string, now: number, status: number, body: string, extra?: Record<string, string>): Respond => ({
  _tag: "Respond",
  status,
  headers: extra === undefined ? baseHeaders(id, now) : { ...baseHeaders(id, now), ...extra },
  body,
  persist: false,
  delayMs: 0
})

/** An error answer for a code the model does not list (protocol and authentication errors). */
export const protocolError = (
  id: string,
  now: number,
  code: string,
  status: number,
  Message: string,
  extra?: Record<string, string>
): Respond => {
  const encoded = Codec.encodeError({ code, status, Message })
  return answer(id, now, encoded.status, encoded.body, { "x-amzn-ErrorType": code, ...extra })
}

/** The headers the signature names, with repeated headers in order, from the raw list. */
const signedHeaderValues = (rawHeaders: ReadonlyArray<string>): Record<string, string | Array<string>> => {
  const out: Record<string, string | Array<string>> = {}
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase()
    const value = rawHeaders[i + 1]!
    const existing = out[name]
    if (existing === undefined) out[name] = value
    else if (typeof existing === "string") out[name] = [existing, value]
    else existing.push(value)
  }
  return out
}

const first = (value: string | ReadonlyArray<string> | undefined): string | undefined =>
  typeof value === "string" ? value : value?.[0]

/**
 * Answers a Voice ID request (anything outside the control routes).
 */
export const dispatch = (
  state: EmulatorState,
  faults: FaultInjector,
  options: DispatchOptions,
  request: Received
): Outcome => {
  const now = state.clock.now()
  const id = requestId()
  const query = request.url.indexOf("?")
  const path = query === -1 ? request.url : request.url.slice(0, query)
  if (path !== "/") {
    return protocolError(id, now, "UnknownOperationException", 404, `Voice ID serves POST / only, not ${path}.`)
  }
  if (request.method !== "POST") {
    return protocolError(
      id,
      now,
      "UnknownOperationException",
      405,
      `Voice ID serves POST / only, not ${request.method}.`,
      {
        allow: "POST"
      }
    )
  }

  // Authentication
  let region = state.config.regions[0]!
  if (options.verifySignatures) {
    const verified = verify(
      {
        method: request.method,
        path,
        query: query === -1 ? undefined : request.url.slice(query + 1),
        headers: signedHeaderValues(request.rawHeaders),
        body: request.body
      },
      {
        keys: options.keys,
        service: service.signingName,
        servesRegion: (r) => state.regions.has(r),
        now,
        maxSkewMs: options.maxSkewMs,
        signingKeyCache
      }
    )
    if (Either.isLeft(verified)) {
      const failure = verified.left
      return protocolError(id, now, failure.code, failure.status, failure.Message)
    }
    region = verified.right.region
  } else {
    // Unverified, a signed request still names its region.
    const authorization = first(request.headers.authorization)
    const scope = authorization === undefined ? undefined : SigV4.parseAuthorization(authorization)
    if (scope !== undefined && Either.isRight(scope) && state.regions.has(scope.right.region))
      region = scope.right.region
  }

  // Operation
  const target = first(request.headers["x-amz-target"])
  const operation = target === undefined ? undefined : byTarget.get(target)
  if (operation === undefined) {
    return protocolError(
      id,
      now,
      "UnknownOperationException",
      400,
      target === undefined ? "The request has no X-Amz-Target header." : `Unknown operation ${target}.`
    )
  }
  const contentType = first(request.headers["content-type"])?.split(";", 1)[0]?.trim().toLowerCase()
  if (contentType === undefined || !JSON_TYPES.has(contentType)) {
    return protocolError(
      id,
      now,
      "SerializationException",
      400,
      `Unsupported Content-Type ${contentType === undefined ? "(none)" : `'${contentType}'`}: send ${service.contentType}.`
    )
  }

  // Faults
  const decision = faults.next(operation)
  if (decision.fault === "drop") return { _tag: "Drop", delayMs: decision.latencyMs }
  if (decision.fault === "throttle") {
    const error = new ThrottlingException({ Message: "Rate exceeded", $metadata: { httpStatusCode: 429 } }, true)
    return modeled(id, now, error, false, decision.latencyMs)
  }
  if (decision.fault === "internalError") {
    const error = new InternalServerException(
      { Message: "An internal error occurred (injected fault).", $metadata: { httpStatusCode: 500 } },
      true
    )
    return modeled(id, now, error, false, decision.latencyMs)
  }

  // The operation
  if (state.activeJobs.size > 0 || state.pendingEncryptionUpdates.size > 0) advance(state, now)
  const input = Codec.decodeRequest(operations[operation], request.body.toString("utf8"))
  if (Either.isLeft(input)) {
    const failure = input.left
    if (failure._tag === "SerializationException") {
      const outcome = protocolError(
        id,
        now,
        "SerializationException",
        400,
        `Could not read the request: ${failure.message}.`
      )
      return { ...outcome, delayMs: decision.latencyMs }
    }
    const error = new ValidationException({ Message: failure.error.message, $metadata: { httpStatusCode: 400 } }, true)
    return modeled(id, now, error, false, decision.latencyMs)
  }
  const regionState = state.regions.get(region)!
  const before = state.version
  const handler = handlers[operation] as Handler<OperationName>
  const reply = handler({ state, region: regionState, now }, input.right as never)
  const persist = options.persistent && !readOnly.has(operation) && state.version !== before
  if (Either.isLeft(reply)) return modeled(id, now, reply.left, persist, decision.latencyMs)
  const output = reply.right
  if (output instanceof Encoded) {
    return {
      _tag: "Respond",
      status: 200,
      headers: baseHeaders(id, now),
      body: output.bytes,
      slot: output.slot,
      persist,
      delayMs: decision.latencyMs
    }
  }
  return {
    _tag: "Respond",
    status: 200,
    headers: baseHeaders(id, now),
    body: Codec.encodeOutput(operations[operation], output as never),
    persist,
    delayMs: decision.latencyMs
  }
}

/** An answer with a modeled error: its status and body come from the protocol's error class. */
const modeled = (id: string, now: number, error: ModeledError, persist: boolean, delayMs: number): Outcome => {
  const encoded = Codec.encodeError(error)
  return {
    _tag: "Respond",
    status: encoded.status,
    headers: { ...baseHeaders(id, now), "x-amzn-ErrorType": error._tag },
    body: encoded.body,
    persist,
    delayMs
  }
}
