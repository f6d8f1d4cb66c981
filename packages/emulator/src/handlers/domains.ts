/**
 * Domains: CreateDomain, DescribeDomain, UpdateDomain, DeleteDomain, ListDomains.
 */
import * as Either from "effect/Either"
import { OrderedIndex } from "../internal/ordered.js"
import { addWatchlist, makeDomain } from "../State.js"
import { compact, conflict, domainOf, domainView, type Handler, invalid, overQuota, page } from "./context.js"
import { checkTags } from "./tags.js"

/** Name of the watchlist every domain is created with. */
export const defaultWatchlistName = "Default"

/**
 * Creates an `ACTIVE` domain with its default watchlist. The same `ClientToken` returns the domain it created;
 * more than the quota of domains in the region is a `ServiceQuotaExceededException`.
 */
export const createDomain: Handler<"CreateDomain"> = (ctx, input) => {
  if (input.ClientToken !== undefined) {
    const existing = ctx.region.domainTokens.get(input.ClientToken)
    if (existing !== undefined) return Either.right({ Domain: domainView(existing) })
  }
  if (ctx.region.domains.size >= ctx.state.config.quotas.domainsPerRegion) {
    return overQuota(
      `You have reached the maximum of ${ctx.state.config.quotas.domainsPerRegion} domains in ${ctx.region.region}.`
    )
  }
  const tags = new Map((input.Tags ?? []).map((tag) => [tag.Key, tag.Value] as const))
  const tagProblem = checkTags(ctx, tags.keys(), tags.size)
  if (tagProblem !== undefined) return invalid(tagProblem)
  const id = ctx.state.ids.next()
  const watchlistId = ctx.state.ids.next()
  const domain = makeDomain({
    id,
    arn: ctx.state.domainArn(ctx.region.region, id),
    name: input.Name,
    description: input.Description,
    kmsKeyId: input.ServerSideEncryptionConfiguration.KmsKeyId,
    createdAt: ctx.now,
    seq: ctx.state.nextSeq(),
    defaultWatchlistId: watchlistId,
    clientToken: input.ClientToken
  })
  addWatchlist(domain, {
    id: watchlistId,
    name: defaultWatchlistName,
    description: undefined,
    isDefault: true,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    seq: ctx.state.nextSeq(),
    clientToken: undefined,
    members: new OrderedIndex()
  })
  for (const [key, value] of tags) domain.tags.set(key, value)
  ctx.region.addDomain(domain)
  ctx.state.touch()
  return Either.right({ Domain: domainView(domain) })
}

export const describeDomain: Handler<"DescribeDomain"> = (ctx, input) =>
  Either.map(domainOf(ctx, input.DomainId), (domain) => ({ Domain: domainView(domain) }))

/**
 * Replaces the name, description and encryption key of a domain. As the service documents, it clobbers: an
 * optional member left out (`Description`) is removed. A new KMS key starts an encryption update
 * (`ServerSideEncryptionUpdateDetails` `IN_PROGRESS`, then `COMPLETED`); another key change while one is in
 * progress is a `ConflictException` (`DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES`).
 */
export const updateDomain: Handler<"UpdateDomain"> = (ctx, input) =>
  Either.flatMap(domainOf(ctx, input.DomainId), (domain) => {
    const kmsKeyId = input.ServerSideEncryptionConfiguration.KmsKeyId
    if (kmsKeyId !== domain.kmsKeyId) {
      if (domain.encryptionUpdate?.status === "IN_PROGRESS") {
        return conflict(
          "DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES",
          "The domain is locked from encryption updates while the previous key change is in progress."
        )
      }
      domain.encryptionUpdate = {
        status: "IN_PROGRESS",
        oldKmsKeyId: domain.kmsKeyId,
        completesAt: ctx.now + ctx.state.config.encryptionUpdateMs,
        message: undefined
      }
      domain.kmsKeyId = kmsKeyId
      ctx.state.pendingEncryptionUpdates.add(domain)
    }
    domain.name = input.Name
    domain.description = input.Description
    domain.updatedAt = ctx.now
    ctx.state.touch()
    return Either.right({ Domain: domainView(domain) })
  })

/** Deletes a domain and everything in it. */
export const deleteDomain: Handler<"DeleteDomain"> = (ctx, input) =>
  Either.map(domainOf(ctx, input.DomainId), (domain) => {
    ctx.region.removeDomain(domain)
    for (const table of [domain.speakerJobs, domain.fraudsterJobs]) {
      for (const job of table.byId.values()) ctx.state.activeJobs.delete(job)
    }
    ctx.state.pendingEncryptionUpdates.delete(domain)
    ctx.state.touch()
    return {}
  })

export const listDomains: Handler<"ListDomains"> = (ctx, input) =>
  Either.map(page(ctx, "ListDomains", ctx.region.domainIndex, input, 10), ({ items, nextToken }) =>
    compact({ DomainSummaries: items.map(domainView), NextToken: nextToken })
  )
