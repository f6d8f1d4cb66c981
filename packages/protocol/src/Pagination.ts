/**
 * The pure pagination core: from a paginator description, the request just sent and the page just received,
 * compute what to emit and the next request, or the end. No I/O: the client's streams drive it.
 *
 * Resume tokens: at a page boundary the resume token is the service's own `NextToken`. When `maxItems` cuts a
 * page short (the service sent more than asked), or a resumed read still has items to skip past a page boundary,
 * the resume token says "this request token, skipping the first N items", in the format the AWS CLI uses for
 * `--starting-token` (base64 of `{"NextToken": …, "boto_truncate_amount": N}`), so tokens move between this
 * library and the CLI.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import { PaginationError } from "./Errors.js"

/**
 * How an operation paginates, as the model's paginators file describes it.
 *
 * @category models
 * @since 0.1.0
 */
export interface Paginator {
  readonly inputToken: string
  readonly outputToken: string
  readonly limitKey: string
  readonly resultKey: string
  /** The largest page size the model allows. */
  readonly limitMax: number
}

/**
 * What the caller can ask of a paginated read.
 *
 * @category models
 * @since 0.1.0
 */
export interface PaginationOptions {
  /** Items per request (`MaxResults`), at most the paginator's `limitMax`; the service default when absent. */
  readonly pageSize?: number | undefined
  /** Stop after this many items in all; the last page is cut short and a resume token given. */
  readonly maxItems?: number | undefined
  /** Resume from a token: a `NextToken` the service gave, or a resume token of a previous read. */
  readonly startingToken?: string | undefined
}

/**
 * Where a paginated read stands: the next request to send and what is left to do.
 *
 * @category models
 * @since 0.1.0
 */
export interface PaginationState {
  /** The caller's input, as given. */
  readonly input: Readonly<Record<string, unknown>>
  /** The request to send next (the caller's input with token and limit set). */
  readonly request: Readonly<Record<string, unknown>>
  /** Items still allowed by `maxItems`, or `undefined` for no limit. */
  readonly remaining: number | undefined
  /** Items to drop from the front of the next page (when resuming inside a page). */
  readonly skip: number
}

/**
 * The outcome of one page.
 *
 * @category models
 * @since 0.1.0
 */
export interface PageStep<Item> {
  /** The items to emit from this page, in order. */
  readonly items: ReadonlyArray<Item>
  /** The token that resumes right after the last emitted item, or `undefined` when nothing is left. */
  readonly resumeToken: string | undefined
  /** The state for the next request, or `undefined` when the read is over. */
  readonly next: PaginationState | undefined
}

interface ResumePoint {
  readonly token: string | undefined
  readonly skip: number
}

const encodeResumeToken = (point: ResumePoint): string => {
  const body: Record<string, unknown> = {}
  if (point.token !== undefined) body.NextToken = point.token
  if (point.skip > 0) body.boto_truncate_amount = point.skip
  return Encoding.encodeBase64(JSON.stringify(body))
}

/**
 * Reads a starting token: a resume token in the CLI's format, or else a `NextToken` as the service gave it.
 */
const decodeStartingToken = (token: string): Either.Either<ResumePoint, string> => {
  const text = Encoding.decodeBase64String(token)
  if (Either.isRight(text) && text.right.startsWith("{")) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text.right)
    } catch {
      return Either.right({ token, skip: 0 })
    }
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
      const record = parsed as Record<string, unknown>
      const keys = Object.keys(record)
      if (keys.length > 0 && keys.every((k) => k === "NextToken" || k === "boto_truncate_amount")) {
        const next = record.NextToken
        const skip = record.boto_truncate_amount ?? 0
        if (
          (next !== undefined && typeof next !== "string") ||
          typeof skip !== "number" ||
          !Number.isSafeInteger(skip) ||
          skip < 0
        ) {
          return Either.left("the resume token is damaged")
        }
        return Either.right({ token: next === "" ? undefined : next, skip })
      }
    }
  }
  return Either.right({ token, skip: 0 })
}

const withRequest = (
  paginator: Paginator,
  input: Readonly<Record<string, unknown>>,
  token: string | undefined,
  pageSize: number | undefined,
  remaining: number | undefined,
  skip: number
): Readonly<Record<string, unknown>> => {
  const request: Record<string, unknown> = { ...input }
  if (token === undefined) delete request[paginator.inputToken]
  else request[paginator.inputToken] = token
  // A page size above what the model allows would only be rejected by validation: ask for the most allowed.
  const asked =
    pageSize !== undefined ? Math.min(pageSize, paginator.limitMax) : (input[paginator.limitKey] as number | undefined)
  // With a `maxItems` budget, ask for no more than is left (plus what a resume must skip): the service then ends
  // the page where the budget ends, and its own NextToken resumes exactly there.
  const budget = remaining === undefined ? undefined : Math.min(paginator.limitMax, remaining + skip)
  const limit = asked === undefined ? budget : budget === undefined ? asked : Math.min(asked, budget)
  if (limit === undefined) delete request[paginator.limitKey]
  else request[paginator.limitKey] = limit
  return request
}

/**
 * The state of a new read: the first request, built from the caller's input and options.
 *
 * @category pagination
 * @since 0.1.0
 */
export const start = (
  operation: string,
  paginator: Paginator,
  input: Readonly<Record<string, unknown>>,
  options: PaginationOptions = {}
): Either.Either<PaginationState, PaginationError> => {
  let point: ResumePoint = {
    token: typeof input[paginator.inputToken] === "string" ? (input[paginator.inputToken] as string) : undefined,
    skip: 0
  }
  if (options.startingToken !== undefined && options.startingToken !== "") {
    const decoded = decodeStartingToken(options.startingToken)
    if (Either.isLeft(decoded)) {
      return Either.left(new PaginationError({ operation, reason: "InvalidStartingToken", detail: decoded.left }))
    }
    point = decoded.right
  }
  const remaining = options.maxItems
  return Either.right({
    input,
    request: withRequest(paginator, input, point.token, options.pageSize, remaining, point.skip),
    remaining,
    skip: point.skip
  })
}

/**
 * Whether a read in this state has nothing left to fetch (`maxItems: 0`).
 *
 * @category pagination
 * @since 0.1.0
 */
export const isExhausted = (state: PaginationState): boolean => state.remaining !== undefined && state.remaining <= 0

/**
 * Given the state whose request was just answered and the page received, computes the items to emit, the token
 * that resumes after them, and the next state (or the end). A missing or empty output token ends the read; the
 * same token coming back as the one just sent is a {@link PaginationError} (following it would never end).
 *
 * @category pagination
 * @since 0.1.0
 */
export const step = <Item>(
  operation: string,
  paginator: Paginator,
  options: PaginationOptions,
  state: PaginationState,
  page: Readonly<Record<string, unknown>>
): Either.Either<PageStep<Item>, PaginationError> => {
  const all = (page[paginator.resultKey] as ReadonlyArray<Item> | undefined) ?? []
  const rawToken = page[paginator.outputToken]
  const nextToken = typeof rawToken === "string" && rawToken !== "" ? rawToken : undefined
  const sentToken = state.request[paginator.inputToken] as string | undefined

  const available = all.length > state.skip ? all.slice(state.skip) : []
  const take = state.remaining === undefined ? available.length : Math.min(state.remaining, available.length)
  const items = take === all.length ? all : available.slice(0, take)
  const remaining = state.remaining === undefined ? undefined : state.remaining - take

  if (take < available.length) {
    // `maxItems` ends inside this page: resume at this page's request, skipping what was emitted.
    return Either.right({
      items,
      resumeToken: encodeResumeToken({ token: sentToken, skip: Math.min(state.skip, all.length) + take }),
      next: undefined
    })
  }
  if (nextToken === undefined) return Either.right({ items, resumeToken: undefined, next: undefined })
  if (nextToken === sentToken) {
    return Either.left(
      new PaginationError({
        operation,
        reason: "RepeatedToken",
        detail: `the service returned the NextToken it was just sent; stopping instead of looping`
      })
    )
  }
  // A resume point deeper than this page (resumed with a smaller page size) carries over to the next page, and
  // so into the resume token: the service's token alone would resume before the items still to skip.
  const skip = Math.max(0, state.skip - all.length)
  const next: PaginationState = {
    input: state.input,
    request: withRequest(paginator, state.input, nextToken, options.pageSize, remaining, skip),
    remaining,
    skip
  }
  const resumeToken = skip === 0 ? nextToken : encodeResumeToken({ token: nextToken, skip })
  return Either.right({ items, resumeToken, next: isExhausted(next) ? undefined : next })
}
