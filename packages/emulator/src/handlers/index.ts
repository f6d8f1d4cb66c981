/**
 * The handler of every operation of the model, keyed like the protocol's operation table: the table is
 * exhaustive, so an operation the model adds fails to compile until it is handled.
 */
import type { OperationName } from "@effect-voiceid/protocol"
import type { Handler } from "./context.js"
import * as Domains from "./domains.js"
import * as Fraudsters from "./fraudsters.js"
import * as Jobs from "./jobs.js"
import * as Sessions from "./sessions.js"
import * as Speakers from "./speakers.js"
import * as Tags from "./tags.js"
import * as Watchlists from "./watchlists.js"

export const handlers: { readonly [Op in OperationName]: Handler<Op> } = {
  AssociateFraudster: Fraudsters.associateFraudster,
  CreateDomain: Domains.createDomain,
  CreateWatchlist: Watchlists.createWatchlist,
  DeleteDomain: Domains.deleteDomain,
  DeleteFraudster: Fraudsters.deleteFraudster,
  DeleteSpeaker: Speakers.deleteSpeaker,
  DeleteWatchlist: Watchlists.deleteWatchlist,
  DescribeDomain: Domains.describeDomain,
  DescribeFraudster: Fraudsters.describeFraudster,
  DescribeFraudsterRegistrationJob: Jobs.describeFraudsterRegistrationJob,
  DescribeSpeaker: Speakers.describeSpeaker,
  DescribeSpeakerEnrollmentJob: Jobs.describeSpeakerEnrollmentJob,
  DescribeWatchlist: Watchlists.describeWatchlist,
  DisassociateFraudster: Fraudsters.disassociateFraudster,
  EvaluateSession: Sessions.evaluateSession,
  ListDomains: Domains.listDomains,
  ListFraudsterRegistrationJobs: Jobs.listFraudsterRegistrationJobs,
  ListFraudsters: Fraudsters.listFraudsters,
  ListSpeakerEnrollmentJobs: Jobs.listSpeakerEnrollmentJobs,
  ListSpeakers: Speakers.listSpeakers,
  ListTagsForResource: Tags.listTagsForResource,
  ListWatchlists: Watchlists.listWatchlists,
  OptOutSpeaker: Speakers.optOutSpeaker,
  StartFraudsterRegistrationJob: Jobs.startFraudsterRegistrationJob,
  StartSpeakerEnrollmentJob: Jobs.startSpeakerEnrollmentJob,
  TagResource: Tags.tagResource,
  UntagResource: Tags.untagResource,
  UpdateDomain: Domains.updateDomain,
  UpdateWatchlist: Watchlists.updateWatchlist
}

/** Operations that only read: they are answered without waiting for the state file. */
export const readOnly: ReadonlySet<OperationName> = new Set<OperationName>([
  "DescribeDomain",
  "DescribeFraudster",
  "DescribeFraudsterRegistrationJob",
  "DescribeSpeaker",
  "DescribeSpeakerEnrollmentJob",
  "DescribeWatchlist",
  "ListDomains",
  "ListFraudsterRegistrationJobs",
  "ListFraudsters",
  "ListSpeakerEnrollmentJobs",
  "ListSpeakers",
  "ListTagsForResource",
  "ListWatchlists"
])
