import {
  CreateDomainCommand,
  DescribeDomainCommand,
  ListDomainsCommand,
  ListSpeakerEnrollmentJobsCommand,
  VoiceIDClient
} from "@aws-sdk/client-voice-id"
import { startEmulator } from "../src/index.js"

const emu = await startEmulator()
console.log("url", emu.url)
const client = new VoiceIDClient({ endpoint: emu.url, region: "us-east-1", credentials: emu.credentials })
const d = await client.send(
  new CreateDomainCommand({ Name: "demo", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/x" } })
)
console.log(d.Domain)
console.log((await client.send(new ListDomainsCommand({}))).DomainSummaries?.length)
const seeded = await emu.seedJobs({ domainId: d.Domain!.DomainId!, count: 250 })
console.log(seeded)
let token: string | undefined
let n = 0
do {
  const page = await client.send(
    new ListSpeakerEnrollmentJobsCommand({ DomainId: d.Domain!.DomainId!, NextToken: token, MaxResults: 100 })
  )
  n += page.JobSummaries!.length
  token = page.NextToken
  console.log("page", page.JobSummaries!.length, token?.slice(0, 30))
} while (token)
console.log("total", n)
try {
  await client.send(new DescribeDomainCommand({ DomainId: "x".repeat(22) }))
} catch (e: any) {
  console.log(e.name, e.$metadata?.httpStatusCode, e.message, e.ResourceType)
}
try {
  await client.send(new DescribeDomainCommand({ DomainId: "bad" }))
} catch (e: any) {
  console.log(e.name, e.$metadata?.httpStatusCode, e.message)
}
const bad = new VoiceIDClient({
  endpoint: emu.url,
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "wrong" }
})
try {
  await bad.send(new ListDomainsCommand({}))
} catch (e: any) {
  console.log(e.name, e.$metadata?.httpStatusCode, e.message)
}
await emu.close()
console.log("closed")
