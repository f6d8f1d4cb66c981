/**
 * The smallest honest demo of the protocol package: encode a ListSpeakerEnrollmentJobs request, decode a recorded
 * page of the response and a recorded error, and show what a bad request is told.
 */
import * as Either from "effect/Either"
import { Codec, ListSpeakerEnrollmentJobs } from "../src/index.js"

const DomainId = "AbCdEfGhIjKlMnOpQrStUv"
const request = Codec.encodeRequest(ListSpeakerEnrollmentJobs, { DomainId, JobStatus: "COMPLETED", MaxResults: 2 })
console.log("request:", Either.getOrThrow(request))

const page = Codec.decodeResponse(ListSpeakerEnrollmentJobs, {
  status: 200,
  headers: { "x-amzn-requestid": "6c1a7f64-0000-4000-8000-000000000001" },
  body: JSON.stringify({
    JobSummaries: [
      {
        DomainId,
        JobId: "JobAAAAAAAAAAAAAAAAAAA",
        JobName: "nightly",
        JobStatus: "COMPLETED",
        CreatedAt: 1764720000.5,
        EndedAt: 1764720060,
        JobProgress: { PercentComplete: 100 }
      },
      { DomainId, JobId: "JobBBBBBBBBBBBBBBBBBBB", JobStatus: "SOME_FUTURE_STATUS", CreatedAt: 1764720100 }
    ],
    NextToken: "opaque-token",
    SomethingNew: true
  })
})
console.log("page:", Either.getOrThrow(page))

const error = Codec.decodeResponse(ListSpeakerEnrollmentJobs, {
  status: 404,
  headers: { "x-amzn-requestid": "6c1a7f64-0000-4000-8000-000000000002" },
  body: JSON.stringify({
    __type: "com.amazonaws.voiceid#ResourceNotFoundException",
    Message: "no such domain",
    ResourceType: "DOMAIN"
  })
})
Either.mapLeft(error, (e) => console.log("error:", e._tag, e.message, e))

const bad = Codec.encodeRequest(ListSpeakerEnrollmentJobs, {
  DomainId: "short",
  MaxResults: 101,
  JobStatus: "DONE" as "FAILED"
})
Either.mapLeft(bad, (e) => console.log("bad request:", e.message))
