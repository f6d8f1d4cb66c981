import { isDeepStrictEqual } from "node:util"
import { describe, expect, it } from "@effect/vitest"
import { Credentials, VoiceId } from "@effect-voiceid/client"
import { NodeSigner } from "@effect-voiceid/node"
import { type OperationName, operations, paginatedOperations } from "@effect-voiceid/protocol"
import * as Arbitrary from "effect/Arbitrary"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FastCheck from "effect/FastCheck"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"
import type * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { type BadResponse, type BadResponseClass, badResponse, expected } from "../src/BadResponses.js"
import { count, record } from "../src/Figures.js"
import { inMemory } from "../src/Http.js"
import { sizes } from "../src/Profile.js"

const SEED = 20260521
const names = Object.keys(operations).sort() as Array<OperationName>
const paginated = new Set<string>(paginatedOperations)

/**
 * A valid input per operation (the responses are what is bad here), without a NextToken: a stream reads a
 * ValidationException on a request with a token as the token's expiry (`NextTokenExpiredError`).
 */
const inputs = Object.fromEntries(
  names.map((name) => {
    const [input] = FastCheck.sample(Arbitrary.make(operations[name].input as Schema.Schema<unknown, unknown>), {
      numRuns: 1,
      seed: 7
    })
    const { NextToken: _, ...rest } = input as Record<string, unknown>
    return [name, rest]
  })
) as Record<OperationName, unknown>

/** The value without members set to `undefined` and without `$metadata`, for comparison. */
const comparable = (value: unknown): unknown => {
  if (value === null || typeof value !== "object" || value instanceof Date) return value
  if (Array.isArray(value)) return value.map(comparable)
  const out: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined && key !== "$metadata") out[key] = comparable(member)
  }
  return out
}

/** Whether every object inside a decoded value has the plain prototype (no prototype taken from the body). */
const plainPrototypes = (value: unknown): boolean => {
  const stack = [value]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node === null || typeof node !== "object" || node instanceof Date) continue
    const proto = Object.getPrototypeOf(node)
    if (proto !== (Array.isArray(node) ? Array.prototype : Object.prototype)) return false
    stack.push(...Object.values(node))
  }
  return true
}

const prototypeNames = () =>
  [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join(","))

describe("bad responses: generated broken answers for every operation", () => {
  it.scoped(
    `${count(sizes.badResponses)} bad responses: each a typed error or the correct value; no defect, no pollution`,
    () =>
      Effect.gen(function* () {
        let current: BadResponse | undefined
        const http = inMemory(() => ({
          status: current!.status,
          headers: current!.headers,
          body: current!.body
        }))
        const context = yield* Layer.build(
          VoiceId.layer({ region: "us-east-1", maxAttempts: 1 }).pipe(
            Layer.provide([
              http.layer,
              NodeSigner.layer,
              Credentials.layer({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" })
            ])
          )
        )
        const voiceId = Context.get(context, VoiceId)
        const service = voiceId as unknown as Record<string, (input: unknown) => unknown>
        const runtime = yield* Effect.runtime<never>()

        const unhandled: Array<unknown> = []
        const onUnhandled = (reason: unknown) => unhandled.push(reason)
        process.on("unhandledRejection", onUnhandled)
        process.on("uncaughtException", onUnhandled)
        yield* Effect.addFinalizer(() =>
          Effect.sync(() => {
            process.off("unhandledRejection", onUnhandled)
            process.off("uncaughtException", onUnhandled)
          })
        )
        const prototypesBefore = prototypeNames()

        const byClass = new Map<BadResponseClass, number>()
        const outcomes = new Map<string, number>()
        const operationsSeen = new Set<string>()
        let defects = 0
        let tried = 0
        let bytes = 0

        yield* Effect.promise(() =>
          FastCheck.assert(
            FastCheck.asyncProperty(badResponse, FastCheck.boolean(), async (response, viaStream) => {
              current = response
              const operation = operations[response.operation]
              const stream = viaStream && paginated.has(response.operation)
              const call: Effect.Effect<unknown, unknown> = stream
                ? Effect.map(
                    Stream.runHead(
                      service[`${operation.method}Pages`]!(inputs[response.operation]) as Stream.Stream<
                        { readonly output: unknown },
                        unknown
                      >
                    ),
                    (page) => Option.getOrThrow(page).output
                  )
                : (service[operation.method]!(inputs[response.operation]) as Effect.Effect<unknown, unknown>)
              const exit = await Runtime.runPromiseExit(runtime)(call)
              const want = expected(response.operation, response)
              const label = `${response.operation} (${response.class}, HTTP ${response.status}): ${response.body.slice(0, 200)}`
              if (Exit.isFailure(exit) && !Option.isSome(Cause.failureOption(exit.cause))) {
                defects++
                expect.fail(`${label}: not a typed failure: ${Cause.pretty(exit.cause)}`)
              }
              if (want._tag === "Success") {
                expect(
                  Exit.isSuccess(exit),
                  `${label}: expected a value, got ${Exit.isFailure(exit) ? Cause.pretty(exit.cause) : ""}`
                ).toBe(true)
                const value = Exit.isSuccess(exit) ? exit.value : undefined
                expect(isDeepStrictEqual(comparable(value), comparable(want.value)), label).toBe(true)
                expect((value as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(
                  response.status
                )
                expect(plainPrototypes(value), label).toBe(true)
              } else {
                const error = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined
                const tag = want._tag === "DecodeError" ? "ResponseDecodeError" : want.tag
                expect((error as { _tag?: string } | undefined)?._tag, label).toBe(tag)
                if (want._tag === "Error" && want.tag === "UnknownServiceError") {
                  expect((error as { code: string }).code, label).toBe(want.code)
                }
                expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, label).toBe(
                  response.status
                )
              }
              expect(({} as Record<string, unknown>).polluted, label).toBeUndefined()
              tried++
              bytes += response.body.length
              byClass.set(response.class, (byClass.get(response.class) ?? 0) + 1)
              const outcome =
                want._tag === "Success"
                  ? "correct value"
                  : want._tag === "DecodeError"
                    ? "ResponseDecodeError"
                    : want.tag === "UnknownServiceError"
                      ? "UnknownServiceError"
                      : "modeled error"
              outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
              operationsSeen.add(response.operation)
            }),
            { numRuns: sizes.badResponses, seed: SEED, endOnFailure: true }
          )
        )
        // Let any stray promise rejection surface before counting.
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 50)))
        expect(tried).toBe(sizes.badResponses)
        expect(defects).toBe(0)
        expect(unhandled).toEqual([])
        expect(prototypeNames()).toEqual(prototypesBefore)
        expect("polluted" in {}).toBe(false)
        expect(operationsSeen.size).toBe(names.length)

        const classes = [...byClass].sort(([a], [b]) => a.localeCompare(b))
        record({
          id: "bad-responses",
          order: 70,
          title: "Bad responses",
          claim:
            `Responses generated with fast-check (seed ${SEED}) for all ${operationsSeen.size} operations, answered ` +
            "by an in-memory HttpClient to the VoiceId methods and pagination streams. An independent oracle (the " +
            "awsJson1_0 rules written out in the test, with the response schema for values) says what each must " +
            "give; the client gave exactly that every time: the decoded value (compared deeply, every object with a " +
            "plain prototype) or the typed error (modeled, UnknownServiceError with its code, ResponseDecodeError).",
          rows: [
            ["bad responses tried", count(tried)],
            ...classes.map(([k, n]) => [`  ${k}`, count(n)] as const),
            ["body bytes in all", count(bytes)],
            ...[...outcomes].sort().map(([k, n]) => [`outcome: ${k}`, count(n)] as const),
            ["defects (untyped failures)", defects],
            ["unhandled rejections or exceptions", unhandled.length],
            ["prototype pollution (Object/Array/Function.prototype changed)", 0]
          ],
          totals: {
            badInputs: tried,
            defects,
            badInputsByClass: Object.fromEntries(classes.map(([k, n]) => [`response: ${k}`, n]))
          }
        })
      }),
    { timeout: 900_000 }
  )
})
