/**
 * Fraudsters: DescribeFraudster, AssociateFraudster, DisassociateFraudster, DeleteFraudster, ListFraudsters.
 * Fraudsters are created by fraudster registration jobs.
 */
import type { ModeledError } from "@effect-voiceid/protocol"
import * as Either from "effect/Either"
import type { DomainRecord, FraudsterRecord } from "../State.js"
import {
  activeDomainOf,
  compact,
  conflict,
  domainOf,
  fraudsterView,
  type Handler,
  notFound,
  overQuota,
  page
} from "./context.js"
import { watchlistOf } from "./watchlists.js"

const fraudsterOf = (domain: DomainRecord, fraudsterId: string): Either.Either<FraudsterRecord, ModeledError> => {
  const fraudster = domain.fraudsters.get(fraudsterId)
  // The id is sensitive: the message does not repeat it.
  return fraudster === undefined
    ? notFound("FRAUDSTER", `The fraudster does not exist in domain ${domain.id}.`)
    : Either.right(fraudster)
}

export const describeFraudster: Handler<"DescribeFraudster"> = (ctx, input) =>
  Either.flatMap(domainOf(ctx, input.DomainId), (domain) =>
    Either.map(fraudsterOf(domain, input.FraudsterId), (f) => ({ Fraudster: fraudsterView(domain, f) }))
  )

/** Adds a fraudster to a watchlist (a no-op when it is already there). A watchlist holds at most the quota of fraudsters. */
export const associateFraudster: Handler<"AssociateFraudster"> = (ctx, input) =>
  Either.flatMap(activeDomainOf(ctx, input.DomainId), (domain) =>
    Either.flatMap(fraudsterOf(domain, input.FraudsterId), (fraudster) =>
      Either.flatMap(watchlistOf(domain, input.WatchlistId), (watchlist) => {
        if (!fraudster.watchlists.has(watchlist.id)) {
          const max = ctx.state.config.quotas.fraudstersPerWatchlist
          if (watchlist.members.size >= max) return overQuota(`A watchlist can hold at most ${max} fraudsters.`)
          fraudster.watchlists.add(watchlist.id)
          watchlist.members.insert(fraudster)
          ctx.state.touch()
        }
        return Either.right({ Fraudster: fraudsterView(domain, fraudster) })
      })
    )
  )

/**
 * Removes a fraudster from a watchlist (a no-op when it is not there). A fraudster must stay in at least one
 * watchlist: removing it from its last one is a `ConflictException` (`FRAUDSTER_MUST_BELONG_TO_AT_LEAST_ONE_WATCHLIST`).
 */
export const disassociateFraudster: Handler<"DisassociateFraudster"> = (ctx, input) =>
  Either.flatMap(activeDomainOf(ctx, input.DomainId), (domain) =>
    Either.flatMap(fraudsterOf(domain, input.FraudsterId), (fraudster) =>
      Either.flatMap(watchlistOf(domain, input.WatchlistId), (watchlist) => {
        if (fraudster.watchlists.has(watchlist.id)) {
          if (fraudster.watchlists.size === 1) {
            return conflict(
              "FRAUDSTER_MUST_BELONG_TO_AT_LEAST_ONE_WATCHLIST",
              "A fraudster must belong to at least one watchlist; delete it instead."
            )
          }
          fraudster.watchlists.delete(watchlist.id)
          watchlist.members.remove(fraudster)
          ctx.state.touch()
        }
        return Either.right({ Fraudster: fraudsterView(domain, fraudster) })
      })
    )
  )

/** Deletes a fraudster from the domain and every watchlist. */
export const deleteFraudster: Handler<"DeleteFraudster"> = (ctx, input) =>
  Either.flatMap(activeDomainOf(ctx, input.DomainId), (domain) =>
    Either.map(fraudsterOf(domain, input.FraudsterId), (fraudster) => {
      for (const id of fraudster.watchlists) domain.watchlists.get(id)?.members.remove(fraudster)
      domain.fraudsters.delete(fraudster.id)
      domain.fraudsterIndex.remove(fraudster)
      ctx.state.touch()
      return {}
    })
  )

/** The fraudsters of a domain, or of one of its watchlists. */
export const listFraudsters: Handler<"ListFraudsters"> = (ctx, input) =>
  Either.flatMap(domainOf(ctx, input.DomainId), (domain) => {
    const index =
      input.WatchlistId === undefined
        ? Either.right(domain.fraudsterIndex)
        : Either.map(watchlistOf(domain, input.WatchlistId), (w) => w.members)
    return Either.flatMap(index, (index) =>
      Either.map(
        page(ctx, `ListFraudsters\n${domain.id}\n${input.WatchlistId ?? ""}`, index, input, 100),
        ({ items, nextToken }) =>
          compact({ FraudsterSummaries: items.map((f) => fraudsterView(domain, f)), NextToken: nextToken })
      )
    )
  })
