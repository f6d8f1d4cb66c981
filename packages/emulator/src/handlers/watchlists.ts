/**
 * Watchlists: CreateWatchlist, DescribeWatchlist, UpdateWatchlist, DeleteWatchlist, ListWatchlists.
 */
import type { ModeledError } from "@effect-voiceid/protocol"
import * as Either from "effect/Either"
import { OrderedIndex } from "../internal/ordered.js"
import { addWatchlist, type DomainRecord, type WatchlistRecord } from "../State.js"
import {
  activeDomainOf,
  compact,
  conflict,
  domainOf,
  type Handler,
  invalid,
  notFound,
  overQuota,
  page,
  watchlistView
} from "./context.js"

/** A watchlist of a domain, or the `ResourceNotFoundException` (`WATCHLIST`). */
export const watchlistOf = (
  domain: DomainRecord,
  watchlistId: string
): Either.Either<WatchlistRecord, ModeledError> => {
  const watchlist = domain.watchlists.get(watchlistId)
  return watchlist === undefined
    ? notFound("WATCHLIST", `The watchlist ${watchlistId} does not exist in domain ${domain.id}.`)
    : Either.right(watchlist)
}

/**
 * Creates a watchlist. The same `ClientToken` returns the watchlist it created; a domain holds at most the quota
 * of watchlists, its default one included.
 */
export const createWatchlist: Handler<"CreateWatchlist"> = (ctx, input) =>
  Either.flatMap(activeDomainOf(ctx, input.DomainId), (domain) => {
    if (input.ClientToken !== undefined) {
      const existing = domain.watchlistTokens.get(input.ClientToken)
      if (existing !== undefined) return Either.right({ Watchlist: watchlistView(domain, existing) })
    }
    const max = ctx.state.config.quotas.watchlistsPerDomain
    if (domain.watchlists.size >= max) {
      return overQuota(`A domain can have at most ${max} watchlists, including its default watchlist.`)
    }
    const watchlist: WatchlistRecord = {
      id: ctx.state.ids.next(),
      name: input.Name,
      description: input.Description,
      isDefault: false,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      seq: ctx.state.nextSeq(),
      clientToken: input.ClientToken,
      members: new OrderedIndex()
    }
    addWatchlist(domain, watchlist)
    ctx.state.touch()
    return Either.right({ Watchlist: watchlistView(domain, watchlist) })
  })

export const describeWatchlist: Handler<"DescribeWatchlist"> = (ctx, input) =>
  Either.flatMap(domainOf(ctx, input.DomainId), (domain) =>
    Either.map(watchlistOf(domain, input.WatchlistId), (watchlist) => ({
      Watchlist: watchlistView(domain, watchlist)
    }))
  )

/** Updates the name and description of a watchlist (members left out keep their value). The default watchlist cannot be updated. */
export const updateWatchlist: Handler<"UpdateWatchlist"> = (ctx, input) =>
  Either.flatMap(activeDomainOf(ctx, input.DomainId), (domain) =>
    Either.flatMap(watchlistOf(domain, input.WatchlistId), (watchlist) => {
      if (watchlist.isDefault) return invalid("The default watchlist of a domain cannot be updated.")
      if (input.Name !== undefined) watchlist.name = input.Name
      if (input.Description !== undefined) watchlist.description = input.Description
      watchlist.updatedAt = ctx.now
      ctx.state.touch()
      return Either.right({ Watchlist: watchlistView(domain, watchlist) })
    })
  )

/** Deletes a watchlist. The default watchlist cannot be deleted; a watchlist with fraudsters neither. */
export const deleteWatchlist: Handler<"DeleteWatchlist"> = (ctx, input) =>
  Either.flatMap(activeDomainOf(ctx, input.DomainId), (domain) =>
    Either.flatMap(watchlistOf(domain, input.WatchlistId), (watchlist) => {
      if (watchlist.isDefault) return invalid("The default watchlist of a domain cannot be deleted.")
      if (watchlist.members.size > 0) {
        return conflict(
          "CANNOT_DELETE_NON_EMPTY_WATCHLIST",
          "The watchlist still has fraudsters; disassociate or delete them first."
        )
      }
      domain.watchlists.delete(watchlist.id)
      domain.watchlistIndex.remove(watchlist)
      if (watchlist.clientToken !== undefined) domain.watchlistTokens.delete(watchlist.clientToken)
      ctx.state.touch()
      return Either.right({})
    })
  )

export const listWatchlists: Handler<"ListWatchlists"> = (ctx, input) =>
  Either.flatMap(domainOf(ctx, input.DomainId), (domain) =>
    Either.map(page(ctx, `ListWatchlists\n${domain.id}`, domain.watchlistIndex, input, 100), ({ items, nextToken }) =>
      compact({ WatchlistSummaries: items.map((w) => watchlistView(domain, w)), NextToken: nextToken })
    )
  )
