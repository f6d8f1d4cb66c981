import { describe, expect, it } from "@effect/vitest"
import { Credentials, VoiceId } from "@effect-voiceid/client"
import { NodeSigner } from "@effect-voiceid/node"
import { type Codec, type OperationName, operations, paginatedOperations } from "@effect-voiceid/protocol"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FastCheck from "effect/FastCheck"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"
import * as Stream from "effect/Stream"
import { type BadRequest, type BadRequestClass, badRequest } from "../src/BadRequests.js"
import { count, record } from "../src/Figures.js"
import { inMemory } from "../src/Http.js"
import { sizes } from "../src/Profile.js"

const SEED = 20260520
const table = operations as unknown as Readonly<
  Record<OperationName, Codec.OperationDescription & { readonly method: string }>
>
const paginated = new Set<string>(paginatedOperations)

type Route = "method" | "execute" | "stream"

describe("bad requests: generated invalid inputs across every operation", () => {
  it.scoped(
    `${count(sizes.badRequests)} invalid inputs: each a RequestValidationError naming the member, none sent`,
    () =>
      Effect.gen(function* () {
        // Anything that reaches the network is answered (and counted): it should never be reached.
        const http = inMemory(() => ({ status: 200, body: "{}" }))
        const context = yield* Layer.build(
          VoiceId.layer({ region: "us-east-1" }).pipe(
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

        const byClass = new Map<BadRequestClass, number>()
        const byOperation = new Map<string, number>()
        const byRoute = new Map<Route, number>()
        let defects = 0
        let tried = 0

        const call = (c: BadRequest, route: Route): Effect.Effect<unknown, unknown> => {
          const operation = table[c.operation]
          if (route === "execute") return voiceId.client.execute(operation as never, c.input as never)
          if (route === "stream")
            return Stream.runDrain(service[`${operation.method}Stream`]!(c.input) as Stream.Stream<unknown, unknown>)
          return service[operation.method]!(c.input) as Effect.Effect<unknown, unknown>
        }

        yield* Effect.promise(() =>
          FastCheck.assert(
            FastCheck.asyncProperty(badRequest, FastCheck.nat(), async (c, pick) => {
              // Inputs that are not objects go to the core client: the methods read a missing input as `{}`.
              const routes: Array<Route> =
                c.class === "not an object"
                  ? ["execute"]
                  : paginated.has(c.operation)
                    ? ["method", "execute", "stream"]
                    : ["method", "execute"]
              const route = routes[pick % routes.length]!
              const before = http.sent.length
              const exit = await Runtime.runPromiseExit(runtime)(call(c, route))
              const failure = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined
              if (Exit.isFailure(exit) && Option.isSome(Cause.dieOption(exit.cause))) defects++
              const context = `${c.operation} via ${route}, ${c.class}: ${c.change}`
              expect(failure, context).toMatchObject({ _tag: "RequestValidationError", operation: c.operation })
              const issues = (failure as { readonly issues: ReadonlyArray<{ readonly path: string }> }).issues
              expect(
                issues.map((i) => i.path),
                context
              ).toContain(c.path)
              expect(http.sent.length, context).toBe(before)
              tried++
              byClass.set(c.class, (byClass.get(c.class) ?? 0) + 1)
              byOperation.set(c.operation, (byOperation.get(c.operation) ?? 0) + 1)
              byRoute.set(route, (byRoute.get(route) ?? 0) + 1)
            }),
            { numRuns: sizes.badRequests, seed: SEED, endOnFailure: true }
          )
        )
        expect(tried).toBe(sizes.badRequests)
        expect(http.sent).toHaveLength(0)
        expect(defects).toBe(0)
        expect(byOperation.size).toBe(Object.keys(operations).length)

        const classes = [...byClass].sort(([a], [b]) => a.localeCompare(b))
        record({
          id: "bad-requests",
          order: 60,
          title: "Bad requests",
          claim:
            "Invalid inputs generated with fast-check (seed " +
            `${SEED}) across all ${byOperation.size} operations: a valid input drawn from the operation's schema is ` +
            "broken in one place chosen from the service model (not from the code under test). Each call, through the " +
            "VoiceId method, the core client's execute or a pagination stream, fails with a typed " +
            "RequestValidationError whose issues name the broken member; an in-memory HttpClient counts what reaches " +
            "the network.",
          rows: [
            ["invalid inputs tried", count(tried)],
            ...classes.map(([k, n]) => [`  ${k}`, count(n)] as const),
            ["operations covered", byOperation.size],
            [
              "calls via method / execute / stream",
              [...(["method", "execute", "stream"] as const)].map((r) => count(byRoute.get(r) ?? 0)).join(" / ")
            ],
            ["requests that reached the network", http.sent.length],
            ["defects", defects]
          ],
          totals: {
            badInputs: tried,
            defects,
            badInputsByClass: Object.fromEntries(classes.map(([k, n]) => [`request: ${k}`, n]))
          }
        })
      }),
    { timeout: 600_000 }
  )
})
