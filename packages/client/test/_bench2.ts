import { Codec, operations, Output } from "@effect-voiceid/protocol"
import * as Schema from "effect/Schema"
const DomainId = "abcdefghijklmnopqrstuv"
const page = (offset: number) => JSON.stringify({
  JobSummaries: Array.from({ length: 100 }, (_, k) => ({ DomainId, JobId: `J${String(offset + k).padStart(21, "0")}`, JobName: `job-${k}`, JobStatus: "COMPLETED", CreatedAt: 1700000000.5, EndedAt: 1700000100, JobProgress: { PercentComplete: 100 } })),
  NextToken: "x"
})
const bodies = Array.from({ length: 2000 }, (_, i) => page(i * 100))
const time = (name: string, f: (b: string) => unknown) => {
  for (let r = 0; r < 3; r++) {
    const t = performance.now()
    for (const b of bodies) f(b)
    console.log(name, ((performance.now() - t) / bodies.length).toFixed(4), "ms/page")
  }
}
time("JSON.parse", (b) => JSON.parse(b))
const dec = Schema.decodeUnknownEither(operations.ListSpeakerEnrollmentJobs.output as any, { errors: "first", onExcessProperty: "ignore" })
time("schema decode", (b) => dec(JSON.parse(b)))
time("Codec.decodeResponse", (b) => Codec.decodeResponse(operations.ListSpeakerEnrollmentJobs, { status: 200, headers: {}, body: b }))
