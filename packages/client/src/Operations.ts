/**
 * One standalone function per operation, each needing only the core `VoiceIdClient` in context. A program that
 * imports a few of them carries only those operations' code, which matters for edge bundles; the `VoiceId`
 * service offers the same calls as methods.
 *
 * @since 0.1.0
 */
import {
  AssociateFraudster,
  CreateDomain,
  CreateWatchlist,
  DeleteDomain,
  DeleteFraudster,
  DeleteSpeaker,
  DeleteWatchlist,
  DescribeDomain,
  DescribeFraudster,
  DescribeFraudsterRegistrationJob,
  DescribeSpeaker,
  DescribeSpeakerEnrollmentJob,
  DescribeWatchlist,
  DisassociateFraudster,
  EvaluateSession,
  ListDomains,
  ListFraudsterRegistrationJobs,
  ListFraudsters,
  ListSpeakerEnrollmentJobs,
  ListSpeakers,
  ListTagsForResource,
  ListWatchlists,
  OptOutSpeaker,
  StartFraudsterRegistrationJob,
  StartSpeakerEnrollmentJob,
  TagResource,
  UntagResource,
  UpdateDomain,
  UpdateWatchlist
} from "@effect-voiceid/protocol"
import type * as Effect from "effect/Effect"
import {
  type CallOptions,
  type ErrorOf,
  execute,
  type InputOf,
  type Operation,
  type OutputOf,
  type VoiceIdClient
} from "./VoiceIdClient.js"

/**
 * A standalone operation function. Operations whose input has no required member may be called without one.
 *
 * @category models
 * @since 0.1.0
 */
export type OperationFunction<O extends Operation> =
  {} extends InputOf<O>
    ? (input?: InputOf<O>, options?: CallOptions) => Effect.Effect<OutputOf<O>, ErrorOf<O>, VoiceIdClient>
    : (input: InputOf<O>, options?: CallOptions) => Effect.Effect<OutputOf<O>, ErrorOf<O>, VoiceIdClient>

/**
 * Makes the standalone function of an operation.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = <O extends Operation>(operation: O): OperationFunction<O> =>
  ((input?: InputOf<O>, options?: CallOptions) =>
    execute(operation, input ?? ({} as InputOf<O>), options)) as OperationFunction<O>

/**
 * Calls `AssociateFraudster`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_AssociateFraudster.html
 *
 * @category operations
 * @since 0.1.0
 */
export const associateFraudster = /* @__PURE__ */ make(AssociateFraudster)

/**
 * Calls `CreateDomain`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_CreateDomain.html
 *
 * @category operations
 * @since 0.1.0
 */
export const createDomain = /* @__PURE__ */ make(CreateDomain)

/**
 * Calls `CreateWatchlist`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_CreateWatchlist.html
 *
 * @category operations
 * @since 0.1.0
 */
export const createWatchlist = /* @__PURE__ */ make(CreateWatchlist)

/**
 * Calls `DeleteDomain`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_DeleteDomain.html
 *
 * @category operations
 * @since 0.1.0
 */
export const deleteDomain = /* @__PURE__ */ make(DeleteDomain)

/**
 * Calls `DeleteFraudster`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_DeleteFraudster.html
 *
 * @category operations
 * @since 0.1.0
 */
export const deleteFraudster = /* @__PURE__ */ make(DeleteFraudster)

/**
 * Calls `DeleteSpeaker`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_DeleteSpeaker.html
 *
 * @category operations
 * @since 0.1.0
 */
export const deleteSpeaker = /* @__PURE__ */ make(DeleteSpeaker)

/**
 * Calls `DeleteWatchlist`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_DeleteWatchlist.html
 *
 * @category operations
 * @since 0.1.0
 */
export const deleteWatchlist = /* @__PURE__ */ make(DeleteWatchlist)

/**
 * Calls `DescribeDomain`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_DescribeDomain.html
 *
 * @category operations
 * @since 0.1.0
 */
export const describeDomain = /* @__PURE__ */ make(DescribeDomain)

/**
 * Calls `DescribeFraudster`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_DescribeFraudster.html
 *
 * @category operations
 * @since 0.1.0
 */
export const describeFraudster = /* @__PURE__ */ make(DescribeFraudster)

/**
 * Calls `DescribeFraudsterRegistrationJob`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_DescribeFraudsterRegistrationJob.html
 *
 * @category operations
 * @since 0.1.0
 */
export const describeFraudsterRegistrationJob = /* @__PURE__ */ make(DescribeFraudsterRegistrationJob)

/**
 * Calls `DescribeSpeaker`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_DescribeSpeaker.html
 *
 * @category operations
 * @since 0.1.0
 */
export const describeSpeaker = /* @__PURE__ */ make(DescribeSpeaker)

/**
 * Calls `DescribeSpeakerEnrollmentJob`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_DescribeSpeakerEnrollmentJob.html
 *
 * @category operations
 * @since 0.1.0
 */
export const describeSpeakerEnrollmentJob = /* @__PURE__ */ make(DescribeSpeakerEnrollmentJob)

/**
 * Calls `DescribeWatchlist`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_DescribeWatchlist.html
 *
 * @category operations
 * @since 0.1.0
 */
export const describeWatchlist = /* @__PURE__ */ make(DescribeWatchlist)

/**
 * Calls `DisassociateFraudster`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_DisassociateFraudster.html
 *
 * @category operations
 * @since 0.1.0
 */
export const disassociateFraudster = /* @__PURE__ */ make(DisassociateFraudster)

/**
 * Calls `EvaluateSession`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_EvaluateSession.html
 *
 * @category operations
 * @since 0.1.0
 */
export const evaluateSession = /* @__PURE__ */ make(EvaluateSession)

/**
 * Calls `ListDomains`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_ListDomains.html
 *
 * @category operations
 * @since 0.1.0
 */
export const listDomains = /* @__PURE__ */ make(ListDomains)

/**
 * Calls `ListFraudsterRegistrationJobs`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_ListFraudsterRegistrationJobs.html
 *
 * @category operations
 * @since 0.1.0
 */
export const listFraudsterRegistrationJobs = /* @__PURE__ */ make(ListFraudsterRegistrationJobs)

/**
 * Calls `ListFraudsters`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_ListFraudsters.html
 *
 * @category operations
 * @since 0.1.0
 */
export const listFraudsters = /* @__PURE__ */ make(ListFraudsters)

/**
 * Calls `ListSpeakerEnrollmentJobs`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_ListSpeakerEnrollmentJobs.html
 *
 * @category operations
 * @since 0.1.0
 */
export const listSpeakerEnrollmentJobs = /* @__PURE__ */ make(ListSpeakerEnrollmentJobs)

/**
 * Calls `ListSpeakers`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_ListSpeakers.html
 *
 * @category operations
 * @since 0.1.0
 */
export const listSpeakers = /* @__PURE__ */ make(ListSpeakers)

/**
 * Calls `ListTagsForResource`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_ListTagsForResource.html
 *
 * @category operations
 * @since 0.1.0
 */
export const listTagsForResource = /* @__PURE__ */ make(ListTagsForResource)

/**
 * Calls `ListWatchlists`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_ListWatchlists.html
 *
 * @category operations
 * @since 0.1.0
 */
export const listWatchlists = /* @__PURE__ */ make(ListWatchlists)

/**
 * Calls `OptOutSpeaker`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_OptOutSpeaker.html
 *
 * @category operations
 * @since 0.1.0
 */
export const optOutSpeaker = /* @__PURE__ */ make(OptOutSpeaker)

/**
 * Calls `StartFraudsterRegistrationJob`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_StartFraudsterRegistrationJob.html
 *
 * @category operations
 * @since 0.1.0
 */
export const startFraudsterRegistrationJob = /* @__PURE__ */ make(StartFraudsterRegistrationJob)

/**
 * Calls `StartSpeakerEnrollmentJob`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_StartSpeakerEnrollmentJob.html
 *
 * @category operations
 * @since 0.1.0
 */
export const startSpeakerEnrollmentJob = /* @__PURE__ */ make(StartSpeakerEnrollmentJob)

/**
 * Calls `TagResource`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_TagResource.html
 *
 * @category operations
 * @since 0.1.0
 */
export const tagResource = /* @__PURE__ */ make(TagResource)

/**
 * Calls `UntagResource`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_UntagResource.html
 *
 * @category operations
 * @since 0.1.0
 */
export const untagResource = /* @__PURE__ */ make(UntagResource)

/**
 * Calls `UpdateDomain`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_UpdateDomain.html
 *
 * @category operations
 * @since 0.1.0
 */
export const updateDomain = /* @__PURE__ */ make(UpdateDomain)

/**
 * Calls `UpdateWatchlist`.
 *
 * @see https://docs.aws.amazon.com/voiceid/latest/APIReference/API_UpdateWatchlist.html
 *
 * @category operations
 * @since 0.1.0
 */
export const updateWatchlist = /* @__PURE__ */ make(UpdateWatchlist)
