/**
 * Lazy pagination streams over the protocol package's pure pagination core.
 *
 * A stream sends no request until it is pulled, keeps one page in flight, holds one page in memory, and emits each
 * page with the token that resumes right after it. A failed page is retried by the client's retry schedule (the
 * stream carries on from that page); interrupting the stream aborts the request in flight.
 *
 * @since 0.1.0
 */
import {
  Codec,
  Pagination as Core,
  type operations,
  type PaginatedOperationName,
  type PaginationError
} from "@effect-voiceid/protocol"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { NextTokenExpiredError } from "./Errors.js"
import {
  type CallOptions,
  type ErrorOf,
  type InputOf,
  type OutputOf,
  type Service,
  VoiceIdClient
} from "./VoiceIdClient.js"

/**
 * The description of a paginated operation.
 *
 * @category models
 * @since 0.1.0
 */
export type PaginatedOperation = (typeof operations)[PaginatedOperationName]

/**
 * The item type of a paginated operation (`SpeakerEnrollmentJobSummary` for `ListSpeakerEnrollmentJobs`, ...).
 *
 * @category models
 * @since 0.1.0
 */
export type ItemOf<O extends PaginatedOperation> =
  NonNullable<OutputOf<O>[O["paginator"]["resultKey"] & keyof OutputOf<O>]> extends ReadonlyArray<infer Item>
    ? Item
    : never

/**
 * One page of a paginated read.
 *
 * @category models
 * @since 0.1.0
 */
export interface Page<O extends PaginatedOperation> {
  /** The response as decoded (with `$metadata`). */
  readonly output: OutputOf<O>
  /** The items this page contributes to the read (fewer than the response's when `maxItems` cuts it). */
  readonly items: ReadonlyArray<ItemOf<O>>
  /**
   * Give it as `startingToken` to resume right after this page's last item; `undefined` when the read is over.
   */
  readonly resumeToken: string | undefined
}

/**
 * What a stream does when the service refuses the `NextToken` of the next page (Voice ID's expire after 24 hours):
 * `"fail"` (the default) fails with {@link NextTokenExpiredError}; `"restart"` starts the read over from the
 * beginning, so every item emitted before the refusal is emitted again (duplicates the consumer must tolerate or
 * drop by id), items created or deleted meanwhile appear or disappear as in any new read, and `maxItems` counts
 * afresh. A stream restarts at most {@link maxRestarts} times, then fails as with `"fail"`.
 *
 * @category models
 * @since 0.1.0
 */
export type OnExpiredToken = "fail" | "restart"

/**
 * How many times one stream read with `onExpiredToken: "restart"` starts over before failing: a bound, so that a
 * service refusing every token cannot keep a stream re-reading forever.
 *
 * @category constants
 * @since 0.1.0
 */
export const maxRestarts = 3

/**
 * Options of a paginated read: the pagination ones (`pageSize`, `maxItems`, `startingToken`), what to do when the
 * service refuses a `NextToken` (`onExpiredToken`), and the per-call settings, applied to each page's request.
 *
 * @category models
 * @since 0.1.0
 */
export interface PageOptions extends Core.PaginationOptions, CallOptions {
  /** When the service refuses the next page's token (it expired): fail (default) or start over. */
  readonly onExpiredToken?: OnExpiredToken | undefined
}

/**
 * What a paginated read can fail with: the operation's errors, the client's, {@link PaginationError} and
 * {@link NextTokenExpiredError}.
 *
 * @category models
 * @since 0.1.0
 */
export type PageError<O extends PaginatedOperation> = ErrorOf<O> | PaginationError | NextTokenExpiredError

/**
 * The input of a paginated read: the operation's input; its `NextToken` is where the read starts (a
 * `startingToken` option wins over it).
 *
 * @category models
 * @since 0.1.0
 */
export type PageInput<O extends PaginatedOperation> = InputOf<O>

/**
 * The pages of a read, over a given client (the `VoiceId` service binds its own).
 *
 * @category streams
 * @since 0.1.0
 */
export const pagesWith = <O extends PaginatedOperation>(
  client: Service,
  operation: O,
  input: PageInput<O>,
  options?: PageOptions
): Stream.Stream<Page<O>, PageError<O>> =>
  Stream.suspend(() => {
    const paginator = operation.paginator
    const pageOptions: PageOptions = options ?? {}
    // The input as given: the pagination core replaces its NextToken and limit, and would silently drop or coerce
    // values of the wrong type that an untyped caller put there.
    if (pageOptions.validate !== false) {
      const checked = Codec.validateInput(operation, input)
      if (Either.isLeft(checked)) return Stream.fail(checked.left)
    }
    const started = Core.start(operation.name, paginator, input as Readonly<Record<string, unknown>>, pageOptions)
    if (Either.isLeft(started)) return Stream.fail(started.left)
    const first = started.right
    if (Core.isExhausted(first)) return Stream.empty
    // Later requests differ from the validated first one only by the service's own NextToken and a smaller limit.
    const later: CallOptions = { ...pageOptions, validate: false }
    const restartOnExpiry = pageOptions.onExpiredToken === "restart"
    let restarts = 0
    let pagesRead = 0
    let itemsRead = 0

    const fetch = (state: Core.PaginationState): Effect.Effect<Fetched<O> | Restart, PageError<O>> => {
      const call = client.execute(operation, state.request as InputOf<O>, state === first ? pageOptions : later)
      const fetched = Effect.flatMap(call, (output) => {
        const step = Core.step<ItemOf<O>>(
          operation.name,
          paginator,
          pageOptions,
          state,
          output as unknown as Readonly<Record<string, unknown>>
        )
        if (Either.isLeft(step)) return Effect.fail(step.left)
        pagesRead++
        itemsRead += step.right.items.length
        const page: Page<O> = { output, items: step.right.items, resumeToken: step.right.resumeToken }
        return Effect.succeed<Fetched<O>>([page, step.right.next])
      })
      // A ValidationException on a request that carries a NextToken is about the token: the rest of the request is
      // the first one's, which the service accepted.
      if (state.request[paginator.inputToken] === undefined) return fetched
      return Effect.catchIf(
        fetched,
        (error): error is Extract<PageError<O>, { readonly _tag: "ValidationException" }> =>
          (error as { readonly _tag: string })._tag === "ValidationException",
        (refusal) => {
          if (restartOnExpiry && restarts < maxRestarts) {
            restarts++
            return Effect.succeed(restart)
          }
          return Effect.fail(
            new NextTokenExpiredError({
              operation: operation.name,
              pagesRead,
              itemsRead,
              ...(refusal.Message === undefined ? {} : { serviceMessage: refusal.Message }),
              $metadata: refusal.$metadata
            })
          )
        }
      )
    }

    // From the beginning: the caller's input without its NextToken, the options without the starting token.
    const fromTheStart = (): Either.Either<Core.PaginationState, PaginationError> => {
      const { [paginator.inputToken]: _token, ...rest } = input as Readonly<Record<string, unknown>>
      return Core.start(operation.name, paginator, rest, { ...pageOptions, startingToken: undefined })
    }

    const pull = (state: Core.PaginationState): Effect.Effect<Fetched<O>, PageError<O>> =>
      Effect.flatMap(fetch(state), (result) => {
        if (result !== restart) return Effect.succeed(result)
        const again = fromTheStart()
        return Either.isLeft(again) ? Effect.fail(again.left) : pull(again.right)
      })

    return Stream.unfoldEffect(first as Core.PaginationState | undefined, (state) =>
      state === undefined ? Effect.succeed(Option.none()) : Effect.map(pull(state), Option.some)
    )
  })

// A page and the state of the request after it.
type Fetched<O extends PaginatedOperation> = readonly [Page<O>, Core.PaginationState | undefined]

// What a refused token turns into when the stream is to start over.
const restart: unique symbol = Symbol("restart")
type Restart = typeof restart

/**
 * The items of a read, over a given client: the pages' items, one at a time, in order.
 *
 * @category streams
 * @since 0.1.0
 */
export const itemsWith = <O extends PaginatedOperation>(
  client: Service,
  operation: O,
  input: PageInput<O>,
  options?: PageOptions
): Stream.Stream<ItemOf<O>, PageError<O>> =>
  Stream.mapConcatChunk(pagesWith(client, operation, input, options), (page) =>
    // The page's array is not touched again: wrap it instead of copying it.
    Chunk.unsafeFromArray(page.items as Array<ItemOf<O>>)
  )

/**
 * The pages of a read, with the client in context.
 *
 * @category streams
 * @since 0.1.0
 */
export const pages = <O extends PaginatedOperation>(
  operation: O,
  input: PageInput<O>,
  options?: PageOptions
): Stream.Stream<Page<O>, PageError<O>, VoiceIdClient> =>
  Stream.unwrap(Effect.map(VoiceIdClient, (client) => pagesWith(client, operation, input, options)))

/**
 * The items of a read, with the client in context.
 *
 * @category streams
 * @since 0.1.0
 */
export const items = <O extends PaginatedOperation>(
  operation: O,
  input: PageInput<O>,
  options?: PageOptions
): Stream.Stream<ItemOf<O>, PageError<O>, VoiceIdClient> =>
  Stream.unwrap(Effect.map(VoiceIdClient, (client) => itemsWith(client, operation, input, options)))
