/**
 * Tags on domains: TagResource, UntagResource, ListTagsForResource. The model's ARN pattern only admits domain
 * ARNs, so domains are the taggable resources.
 */
import type { ModeledError } from "@effect-voiceid/protocol"
import * as Either from "effect/Either"
import type { DomainRecord } from "../State.js"
import { type Handler, type HandlerContext, invalid, notFound } from "./context.js"

/** Why a set of tag keys is refused (reserved `aws:` prefix, too many tags), or `undefined`. */
export const checkTags = (ctx: HandlerContext, keys: Iterable<string>, count: number): string | undefined => {
  for (const key of keys) {
    if (key.toLowerCase().startsWith("aws:")) return `Tag keys starting with 'aws:' are reserved: '${key}'.`
  }
  const max = ctx.state.config.quotas.tagsPerResource
  return count > max ? `A resource can have at most ${max} tags.` : undefined
}

const ARN = /^arn:aws(?:-[^:]+)?:voiceid:([^:]+):([0-9]{12}):domain\/([a-zA-Z0-9]{22})$/

const resourceOf = (ctx: HandlerContext, arn: string): Either.Either<DomainRecord, ModeledError> => {
  const match = ARN.exec(arn)
  const domain =
    match !== null && match[1] === ctx.region.region && match[2] === ctx.state.config.accountId
      ? ctx.region.domains.get(match[3]!)
      : undefined
  return domain === undefined ? notFound("DOMAIN", `The resource ${arn} does not exist.`) : Either.right(domain)
}

/** Adds or replaces tags. */
export const tagResource: Handler<"TagResource"> = (ctx, input) =>
  Either.flatMap(resourceOf(ctx, input.ResourceArn), (domain) => {
    const keys = new Set([...domain.tags.keys(), ...input.Tags.map((t) => t.Key)])
    const problem = checkTags(
      ctx,
      input.Tags.map((t) => t.Key),
      keys.size
    )
    if (problem !== undefined) return invalid(problem)
    for (const tag of input.Tags) domain.tags.set(tag.Key, tag.Value)
    ctx.state.touch()
    return Either.right({})
  })

/** Removes tags (keys that are not there are ignored). */
export const untagResource: Handler<"UntagResource"> = (ctx, input) =>
  Either.map(resourceOf(ctx, input.ResourceArn), (domain) => {
    for (const key of input.TagKeys) domain.tags.delete(key)
    ctx.state.touch()
    return {}
  })

/** The tags of a resource, in the order they were first set. */
export const listTagsForResource: Handler<"ListTagsForResource"> = (ctx, input) =>
  Either.map(resourceOf(ctx, input.ResourceArn), (domain) => ({
    Tags: [...domain.tags].map(([Key, Value]) => ({ Key, Value }))
  }))
