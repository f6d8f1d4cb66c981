import type { Codec, OperationName } from "@effect-voiceid/protocol"
import { DomainId, JobId } from "./utils.js"

const WatchlistId = "WATCHLISTabcdefghijklm"
const FraudsterId = "id#FRAUDSTERabcdefghijklm"
const SpeakerId = "customer-speaker-7"
const ResourceArn = `arn:aws:voiceid:us-east-1:123456789012:domain/${DomainId}`
const DataAccessRoleArn = "arn:aws:iam::123456789012:role/voiceid-batch"
const S3 = { S3Uri: "s3://voiceid-input/manifest.json" }
const Out = { S3Uri: "s3://voiceid-output/results/" }

/** One valid input per operation, checked against the input types. */
export const inputs: { readonly [Op in OperationName]: Codec.Input<Op> } = {
  AssociateFraudster: { DomainId, FraudsterId, WatchlistId },
  CreateDomain: {
    Name: "fraud-desk",
    Description: "Fraud desk domain",
    ServerSideEncryptionConfiguration: { KmsKeyId: "alias/voiceid" },
    Tags: [{ Key: "team", Value: "fraud" }],
    ClientToken: "token-create-domain"
  },
  CreateWatchlist: { DomainId, Name: "known-fraudsters", Description: "watch" },
  DeleteDomain: { DomainId },
  DeleteFraudster: { DomainId, FraudsterId },
  DeleteSpeaker: { DomainId, SpeakerId },
  DeleteWatchlist: { DomainId, WatchlistId },
  DescribeDomain: { DomainId },
  DescribeFraudster: { DomainId, FraudsterId },
  DescribeFraudsterRegistrationJob: { DomainId, JobId },
  DescribeSpeaker: { DomainId, SpeakerId },
  DescribeSpeakerEnrollmentJob: { DomainId, JobId },
  DescribeWatchlist: { DomainId, WatchlistId },
  DisassociateFraudster: { DomainId, FraudsterId, WatchlistId },
  EvaluateSession: { DomainId, SessionNameOrId: "call-42" },
  ListDomains: { MaxResults: 5 },
  ListFraudsterRegistrationJobs: { DomainId, JobStatus: "IN_PROGRESS", MaxResults: 50 },
  ListFraudsters: { DomainId, WatchlistId, MaxResults: 10, NextToken: "page-2" },
  ListSpeakerEnrollmentJobs: { DomainId, JobStatus: "COMPLETED" },
  ListSpeakers: { DomainId, MaxResults: 100 },
  ListTagsForResource: { ResourceArn },
  ListWatchlists: { DomainId },
  OptOutSpeaker: { DomainId, SpeakerId },
  StartFraudsterRegistrationJob: {
    DomainId,
    JobName: "register-1",
    DataAccessRoleArn,
    InputDataConfig: S3,
    OutputDataConfig: Out,
    RegistrationConfig: { DuplicateRegistrationAction: "SKIP", FraudsterSimilarityThreshold: 80 },
    ClientToken: "token-register"
  },
  StartSpeakerEnrollmentJob: {
    DomainId,
    JobName: "enroll-1",
    DataAccessRoleArn,
    InputDataConfig: S3,
    OutputDataConfig: { ...Out, KmsKeyId: "alias/out" },
    EnrollmentConfig: { ExistingEnrollmentAction: "OVERWRITE" }
  },
  TagResource: { ResourceArn, Tags: [{ Key: "env", Value: "prod" }] },
  UntagResource: { ResourceArn, TagKeys: ["env"] },
  UpdateDomain: {
    DomainId,
    Name: "fraud-desk-2",
    ServerSideEncryptionConfiguration: { KmsKeyId: "alias/voiceid-2" }
  },
  UpdateWatchlist: { DomainId, WatchlistId, Name: "renamed" }
}
