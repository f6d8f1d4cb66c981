/**
 * The pure pagination core driven against a simulated paged source: an in-memory list served a page at a time,
 * honouring any page size, sometimes returning fewer items than asked (even none), and ending with a missing,
 * empty or null NextToken.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as FastCheck from "effect/FastCheck"
import { PaginationError } from "../src/Errors.js"
import { operations, type PaginatedOperationName, paginatedOperations } from "../src/generated/Operations.js"
import * as Pagination from "../src/Pagination.js"

type Page = Record<string, unknown>
type EndStyle = "absent" | "empty" | "null"

interface Source {
  readonly total: number
  /** How many fewer items than asked each successive page holds (cycled). */
  readonly shortfalls: ReadonlyArray<number>
  /**
   * How many more items than asked each successive page holds (cycled), as a service that ignores `MaxResults`
   * would send: then `maxItems` ends a read inside a page, and the resume token is a cut-page token.
   */
  readonly extras: ReadonlyArray<number>
  /** The page size when the request names none. */
  readonly defaultPageSize: number
  readonly end: EndStyle
}

const range = (from: number, to: number): Array<number> =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i)

/**
 * The simulated service. Items are their own positions. A token names a position and a serial number, so two
 * pages that start at the same position (after an empty page) still get different tokens, as real services do.
 */
const service = (paginator: Pagination.Paginator, source: Source) => {
  let calls = 0
  let serial = 0
  const requests: Array<Readonly<Record<string, unknown>>> = []
  const serve = (request: Readonly<Record<string, unknown>>): Page => {
    requests.push(request)
    const token = request[paginator.inputToken]
    const offset = token === undefined ? 0 : Number(String(token).split(":")[1])
    if (!Number.isInteger(offset)) throw new Error(`the service got a token it never gave: ${String(token)}`)
    const asked = (request[paginator.limitKey] as number | undefined) ?? source.defaultPageSize
    const short = source.shortfalls.length === 0 ? 0 : source.shortfalls[calls % source.shortfalls.length]!
    const extra = source.extras.length === 0 ? 0 : source.extras[calls % source.extras.length]!
    let count = Math.max(0, asked - short) + extra
    // An empty page now and then, but never two in a row: the service makes progress.
    if (count === 0 && calls % 2 === 1) count = 1
    calls++
    const end = Math.min(source.total, offset + count)
    const page: Page = { [paginator.resultKey]: range(offset, end) }
    if (end < source.total) page[paginator.outputToken] = `pos:${end}:${serial++}`
    else if (source.end === "empty") page[paginator.outputToken] = ""
    else if (source.end === "null") page[paginator.outputToken] = null
    return page
  }
  return { serve, requests }
}

interface Read {
  readonly items: ReadonlyArray<number>
  /** Every resume token with the position (items before it) it resumes at. */
  readonly tokens: ReadonlyArray<{ readonly at: number; readonly token: string }>
  /** The resume token the read ended with (`undefined`: nothing is left). */
  readonly final: string | undefined
  readonly error: PaginationError | undefined
}

/** Drives start/step to the end, as a client stream would. `from` is the position the read starts at. */
const read = (
  operation: string,
  paginator: Pagination.Paginator,
  serve: (request: Readonly<Record<string, unknown>>) => Page,
  options: Pagination.PaginationOptions,
  from = 0,
  input: Readonly<Record<string, unknown>> = {}
): Read => {
  const started = Pagination.start(operation, paginator, input, options)
  if (Either.isLeft(started)) return { items: [], tokens: [], final: undefined, error: started.left }
  let state = started.right
  const items: Array<number> = []
  const tokens: Array<{ at: number; token: string }> = []
  if (Pagination.isExhausted(state)) return { items, tokens, final: options.startingToken, error: undefined }
  for (let pages = 0; pages < 10_000; pages++) {
    const stepped = Pagination.step<number>(operation, paginator, options, state, serve(state.request))
    if (Either.isLeft(stepped)) return { items, tokens, final: undefined, error: stepped.left }
    items.push(...stepped.right.items)
    const resume = stepped.right.resumeToken
    if (resume !== undefined) tokens.push({ at: from + items.length, token: resume })
    if (stepped.right.next === undefined) return { items, tokens, final: resume, error: undefined }
    state = stepped.right.next
  }
  throw new Error("the read did not end")
}

const limitsHold = (paginator: Pagination.Paginator, requests: ReadonlyArray<Readonly<Record<string, unknown>>>) => {
  for (const request of requests) {
    const limit = request[paginator.limitKey]
    if (limit === undefined) continue
    expect(Number.isInteger(limit)).toBe(true)
    expect(limit).toBeGreaterThanOrEqual(1)
    expect(limit).toBeLessThanOrEqual(paginator.limitMax)
  }
}

const opArb = FastCheck.constantFrom(...paginatedOperations)
const paginatorOf = (op: PaginatedOperationName): Pagination.Paginator => operations[op].paginator
const sourceArb = (limitMax: number, maxTotal = 1000) =>
  FastCheck.record({
    total: FastCheck.integer({ min: 0, max: maxTotal }),
    shortfalls: FastCheck.array(FastCheck.integer({ min: 0, max: 3 }), { maxLength: 5 }),
    extras: FastCheck.oneof(
      FastCheck.constant([]),
      FastCheck.array(FastCheck.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 })
    ),
    defaultPageSize: FastCheck.integer({ min: 1, max: limitMax }),
    end: FastCheck.constantFrom<EndStyle>("absent", "empty", "null")
  })
const pageSizeArb = (limitMax: number) =>
  FastCheck.option(FastCheck.integer({ min: 1, max: limitMax }), { nil: undefined })

describe("every item exactly once, in order", () => {
  it.prop(
    "a full read of any source, with any page size the service honours",
    [
      opArb.chain((op) =>
        FastCheck.record({
          op: FastCheck.constant(op),
          source: sourceArb(paginatorOf(op).limitMax),
          pageSize: pageSizeArb(paginatorOf(op).limitMax)
        })
      )
    ],
    ([{ op, source, pageSize }]) => {
      const paginator = paginatorOf(op)
      const s = service(paginator, source)
      const result = read(op, paginator, s.serve, { pageSize })
      expect(result.error).toBeUndefined()
      expect(result.items).toEqual(range(0, source.total))
      expect(result.final).toBeUndefined()
      limitsHold(paginator, s.requests)
      if (pageSize !== undefined) for (const r of s.requests) expect(r[paginator.limitKey]).toBe(pageSize)
    },
    { timeout: 60_000 }
  )

  it.prop(
    "maxItems reads resumed one after the other, each with its own page size, give the whole source",
    [
      opArb.chain((op) =>
        FastCheck.record({
          op: FastCheck.constant(op),
          source: sourceArb(paginatorOf(op).limitMax),
          maxItems: FastCheck.integer({ min: 1, max: 80 }),
          pageSizes: FastCheck.array(pageSizeArb(paginatorOf(op).limitMax), { minLength: 1, maxLength: 4 })
        })
      )
    ],
    ([{ op, source, maxItems, pageSizes }]) => {
      const paginator = paginatorOf(op)
      const s = service(paginator, source)
      const all: Array<number> = []
      let token: string | undefined
      for (let leg = 0; ; leg++) {
        expect(leg).toBeLessThanOrEqual(source.total / maxItems + 1)
        const pageSize = pageSizes[leg % pageSizes.length]
        const result = read(op, paginator, s.serve, { pageSize, maxItems, startingToken: token }, all.length)
        expect(result.error).toBeUndefined()
        expect(result.items).toEqual(range(all.length, Math.min(source.total, all.length + maxItems)))
        all.push(...result.items)
        token = result.final
        if (token === undefined) break
      }
      expect(all).toEqual(range(0, source.total))
      limitsHold(paginator, s.requests)
    },
    { timeout: 60_000 }
  )

  it.prop(
    "resuming from every resume token produced (page boundaries and cut pages), with a different page size, continues right after it",
    [
      opArb.chain((op) =>
        FastCheck.record({
          op: FastCheck.constant(op),
          source: sourceArb(paginatorOf(op).limitMax, 400),
          maxItems: FastCheck.option(FastCheck.integer({ min: 1, max: 60 }), { nil: undefined }),
          pageSize: pageSizeArb(paginatorOf(op).limitMax),
          resumePageSize: pageSizeArb(paginatorOf(op).limitMax),
          resumeMaxItems: FastCheck.integer({ min: 1, max: 30 })
        })
      )
    ],
    ([{ op, source, maxItems, pageSize, resumePageSize, resumeMaxItems }]) => {
      const paginator = paginatorOf(op)
      const s = service(paginator, source)
      // Collect tokens over a chain of reads, so that cut-page tokens (when the service sends more than asked)
      // appear as well as page-boundary ones.
      const tokens: Array<{ at: number; token: string }> = []
      let at = 0
      let token: string | undefined
      do {
        const result = read(op, paginator, s.serve, { pageSize, maxItems, startingToken: token }, at)
        tokens.push(...result.tokens)
        at += result.items.length
        token = result.final
      } while (token !== undefined && maxItems !== undefined)
      expect(at).toBe(source.total)
      for (const { at: position, token: resume } of tokens) {
        const result = read(op, paginator, s.serve, {
          pageSize: resumePageSize,
          maxItems: resumeMaxItems,
          startingToken: resume
        })
        expect(result.error).toBeUndefined()
        expect(result.items).toEqual(range(position, Math.min(source.total, position + resumeMaxItems)))
      }
      limitsHold(paginator, s.requests)
    },
    { timeout: 60_000, fastCheck: { numRuns: 60 } }
  )

  it.prop(
    "MaxResults never exceeds limitMax, whatever page size or maxItems is asked for",
    [
      opArb.chain((op) =>
        FastCheck.record({
          op: FastCheck.constant(op),
          source: sourceArb(paginatorOf(op).limitMax, 300),
          pageSize: FastCheck.option(FastCheck.integer({ min: 1, max: 5000 }), { nil: undefined }),
          maxItems: FastCheck.option(FastCheck.integer({ min: 1, max: 5000 }), { nil: undefined })
        })
      )
    ],
    ([{ op, source, pageSize, maxItems }]) => {
      const paginator = paginatorOf(op)
      const s = service(paginator, source)
      const result = read(op, paginator, s.serve, { pageSize, maxItems })
      expect(result.items).toEqual(range(0, Math.min(source.total, maxItems ?? source.total)))
      limitsHold(paginator, s.requests)
    }
  )
})

describe("the end of a read", () => {
  const paginator = operations.ListSpeakers.paginator
  const state = Either.getOrThrow(Pagination.start("ListSpeakers", paginator, { DomainId: "d" }))

  it("a missing, empty or null NextToken ends it", () => {
    for (const page of [
      { SpeakerSummaries: [1, 2] },
      { SpeakerSummaries: [1, 2], NextToken: "" },
      { SpeakerSummaries: [1, 2], NextToken: null }
    ]) {
      expect(Pagination.step("ListSpeakers", paginator, {}, state, page)).toEqual(
        Either.right({ items: [1, 2], resumeToken: undefined, next: undefined })
      )
    }
  })

  it("a page without its result list is an empty page", () => {
    const stepped = Either.getOrThrow(Pagination.step("ListSpeakers", paginator, {}, state, { NextToken: "n" }))
    expect(stepped.items).toEqual([])
    expect(stepped.next?.request).toEqual({ DomainId: "d", NextToken: "n" })
  })

  it("maxItems 0 has nothing to fetch", () => {
    const zero = Either.getOrThrow(Pagination.start("ListSpeakers", paginator, { DomainId: "d" }, { maxItems: 0 }))
    expect(Pagination.isExhausted(zero)).toBe(true)
  })

  it("the caller's own NextToken and MaxResults start the read when no options override them", () => {
    const own = Either.getOrThrow(
      Pagination.start("ListSpeakers", paginator, { DomainId: "d", NextToken: "t", MaxResults: 7 })
    )
    expect(own.request).toEqual({ DomainId: "d", NextToken: "t", MaxResults: 7 })
    const overridden = Either.getOrThrow(
      Pagination.start(
        "ListSpeakers",
        paginator,
        { DomainId: "d", NextToken: "t", MaxResults: 7 },
        { pageSize: 3, startingToken: "u" }
      )
    )
    expect(overridden.request).toEqual({ DomainId: "d", NextToken: "u", MaxResults: 3 })
  })
})

describe("a misbehaving service or a damaged token", () => {
  it.prop(
    "a service that sends back the token it was sent stops the read with RepeatedToken, after a prefix of the items",
    [sourceArb(100), FastCheck.integer({ min: 1, max: 20 }), pageSizeArb(100)],
    ([source, repeatAt, pageSize]) => {
      const paginator = operations.ListSpeakers.paginator
      // A source that does not end before the service misbehaves.
      const honest = service(paginator, { ...source, total: 1e9 })
      let calls = 0
      const serve = (request: Readonly<Record<string, unknown>>): Page => {
        const page = honest.serve(request)
        return calls++ === repeatAt ? { ...page, NextToken: request.NextToken } : page
      }
      const result = read("ListSpeakers", paginator, serve, { pageSize })
      expect(result.error).toBeInstanceOf(PaginationError)
      expect(result.error?.reason).toBe("RepeatedToken")
      expect(calls).toBe(repeatAt + 1)
      expect(result.items).toEqual(range(0, result.items.length))
    }
  )

  it("a damaged resume token is InvalidStartingToken", () => {
    const paginator = operations.ListDomains.paginator
    for (const body of [
      { NextToken: 5 },
      { boto_truncate_amount: -1 },
      { boto_truncate_amount: "3" },
      { NextToken: "t", boto_truncate_amount: 1.5 },
      { NextToken: ["t"], boto_truncate_amount: 1 }
    ]) {
      const started = Pagination.start(
        "ListDomains",
        paginator,
        {},
        { startingToken: Encoding.encodeBase64(JSON.stringify(body)) }
      )
      expect(Either.isLeft(started) && started.left).toBeInstanceOf(PaginationError)
      expect(Either.isLeft(started) && started.left.reason, JSON.stringify(body)).toBe("InvalidStartingToken")
    }
  })

  it("a token that is not a resume token is the service's own NextToken", () => {
    const paginator = operations.ListDomains.paginator
    for (const token of ["opaque", "e30", Encoding.encodeBase64('{"Other":1}'), Encoding.encodeBase64("{not json")]) {
      const started = Either.getOrThrow(Pagination.start("ListDomains", paginator, {}, { startingToken: token }))
      expect(started.request).toEqual({ NextToken: token })
    }
  })
})

describe("resume token format", () => {
  const paginator = operations.ListWatchlists.paginator
  const decode = (token: string | undefined) => JSON.parse(Either.getOrThrow(Encoding.decodeBase64String(token ?? "")))

  it("is the AWS CLI's: base64 of {NextToken, boto_truncate_amount} when maxItems cuts a page", () => {
    const first = Either.getOrThrow(
      Pagination.start("ListWatchlists", paginator, { DomainId: "d" }, { maxItems: 3, pageSize: 5 })
    )
    expect(first.request).toEqual({ DomainId: "d", MaxResults: 3 })
    // The service may send more than asked; the cut falls inside the page.
    const cut = Either.getOrThrow(
      Pagination.step("ListWatchlists", paginator, { maxItems: 3 }, first, {
        WatchlistSummaries: [0, 1, 2, 3, 4],
        NextToken: "n1"
      })
    )
    expect(cut.items).toEqual([0, 1, 2])
    expect(decode(cut.resumeToken)).toEqual({ boto_truncate_amount: 3 })

    const resumed = Either.getOrThrow(
      Pagination.start(
        "ListWatchlists",
        paginator,
        { DomainId: "d" },
        { startingToken: Encoding.encodeBase64('{"NextToken":"n1","boto_truncate_amount":2}') }
      )
    )
    expect(resumed.request).toEqual({ DomainId: "d", NextToken: "n1" })
    const next = Either.getOrThrow(
      Pagination.step(
        "ListWatchlists",
        paginator,
        { maxItems: 1 },
        { ...resumed, remaining: 1 },
        { WatchlistSummaries: ["a", "b", "c", "d"], NextToken: "n2" }
      )
    )
    expect(next.items).toEqual(["c"])
    expect(decode(next.resumeToken)).toEqual({ NextToken: "n1", boto_truncate_amount: 3 })
  })

  it("is the service's NextToken at a page boundary", () => {
    const first = Either.getOrThrow(Pagination.start("ListWatchlists", paginator, { DomainId: "d" }, { maxItems: 2 }))
    const stepped = Either.getOrThrow(
      Pagination.step("ListWatchlists", paginator, { maxItems: 2 }, first, {
        WatchlistSummaries: [0, 1],
        NextToken: "n1"
      })
    )
    expect(stepped).toEqual({ items: [0, 1], resumeToken: "n1", next: undefined })
  })
})
