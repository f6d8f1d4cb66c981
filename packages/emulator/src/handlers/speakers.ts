/**
 * Speakers: DescribeSpeaker, DeleteSpeaker, OptOutSpeaker, ListSpeakers. Speakers are enrolled by speaker
 * enrollment jobs; `OptOutSpeaker` also creates them.
 */
import type { ModeledError } from "@effect-voiceid/protocol"
import * as Either from "effect/Either"
import { addSpeaker, type DomainRecord, findSpeaker, type SpeakerRecord } from "../State.js"
import { activeDomainOf, compact, domainOf, type Handler, notFound, overQuota, page, speakerView } from "./context.js"

const GENERATED_ID = /^id#[a-zA-Z0-9]{22}$/

/** A speaker by generated or customer id, or the `ResourceNotFoundException` (`SPEAKER`). */
export const speakerOf = (domain: DomainRecord, speakerId: string): Either.Either<SpeakerRecord, ModeledError> => {
  const speaker = findSpeaker(domain, speakerId)
  // Speaker ids are sensitive: the message does not repeat it.
  return speaker === undefined
    ? notFound("SPEAKER", `The speaker does not exist in domain ${domain.id}.`)
    : Either.right(speaker)
}

export const describeSpeaker: Handler<"DescribeSpeaker"> = (ctx, input) =>
  Either.flatMap(domainOf(ctx, input.DomainId), (domain) =>
    Either.map(speakerOf(domain, input.SpeakerId), (s) => ({ Speaker: speakerView(domain, s) }))
  )

export const deleteSpeaker: Handler<"DeleteSpeaker"> = (ctx, input) =>
  Either.flatMap(activeDomainOf(ctx, input.DomainId), (domain) =>
    Either.map(speakerOf(domain, input.SpeakerId), (speaker) => {
      domain.speakers.delete(speaker.generatedId)
      if (speaker.customerId !== undefined) domain.speakersByCustomerId.delete(speaker.customerId)
      domain.speakerIndex.remove(speaker)
      ctx.state.touch()
      return {}
    })
  )

/**
 * Opts a speaker out. As the service documents, a speaker that does not exist yet is created opted out (by
 * customer id; a generated id must name an existing speaker), and an existing one is opted out whatever its
 * status; its voiceprint is dropped.
 */
export const optOutSpeaker: Handler<"OptOutSpeaker"> = (ctx, input) =>
  Either.flatMap(activeDomainOf(ctx, input.DomainId), (domain) => {
    const existing = findSpeaker(domain, input.SpeakerId)
    if (existing !== undefined) {
      existing.status = "OPTED_OUT"
      existing.voiceprint = []
      existing.updatedAt = ctx.now
      ctx.state.touch()
      return Either.right({ Speaker: speakerView(domain, existing) })
    }
    if (GENERATED_ID.test(input.SpeakerId))
      return notFound("SPEAKER", `The speaker does not exist in domain ${domain.id}.`)
    const max = ctx.state.config.quotas.speakersPerDomain
    if (domain.speakers.size >= max) return overQuota(`A domain can hold at most ${max} speakers.`)
    const speaker: SpeakerRecord = {
      generatedId: `id#${ctx.state.ids.next()}`,
      customerId: input.SpeakerId,
      status: "OPTED_OUT",
      createdAt: ctx.now,
      seq: ctx.state.nextSeq(),
      updatedAt: ctx.now,
      lastAccessedAt: undefined,
      voiceprint: []
    }
    addSpeaker(domain, speaker)
    ctx.state.touch()
    return Either.right({ Speaker: speakerView(domain, speaker) })
  })

export const listSpeakers: Handler<"ListSpeakers"> = (ctx, input) =>
  Either.flatMap(domainOf(ctx, input.DomainId), (domain) =>
    Either.map(page(ctx, `ListSpeakers\n${domain.id}`, domain.speakerIndex, input, 100), ({ items, nextToken }) =>
      compact({ SpeakerSummaries: items.map((s) => speakerView(domain, s)), NextToken: nextToken })
    )
  )
