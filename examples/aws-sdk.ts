/**
 * The official AWS SDK for JavaScript v3 (`@aws-sdk/client-voice-id`) talking to the emulator, for teams with
 * existing Voice ID code: nothing in that code changes but the endpoint. No Effect here, only `async`/`await`; the
 * emulator is started with `startEmulator`, its plain-JavaScript entry point.
 *
 * ```sh
 * pnpm --filter @effect-voiceid/examples aws-sdk                      # an emulator with 345 seeded jobs
 * pnpm --filter @effect-voiceid/examples aws-sdk --endpoint URL --domain-id ID   # credentials: the SDK's chain
 * ```
 *
 * The SDK also reads the endpoint from `AWS_ENDPOINT_URL_VOICE_ID` or `AWS_ENDPOINT_URL`, so existing programs can
 * be pointed at an emulator without a code change at all.
 *
 * @since 0.1.0
 */
import { parseArgs } from "node:util"
import {
  DescribeDomainCommand,
  ListDomainsCommand,
  paginateListSpeakerEnrollmentJobs,
  ResourceNotFoundException,
  VoiceIDClient,
  type VoiceIDClientConfig
} from "@aws-sdk/client-voice-id"
import { startEmulator } from "@effect-voiceid/emulator"
import * as Example from "./shared/Example.js"

/**
 * What the example found.
 *
 * @category models
 * @since 0.1.0
 */
export interface Summary {
  readonly domains: ReadonlyArray<string>
  readonly jobs: number
  readonly pages: number
  readonly byStatus: Readonly<Record<string, number>>
  /** The error name, HTTP status and request id of a `DescribeDomain` for a domain that does not exist. */
  readonly notFound: {
    readonly name: string
    readonly httpStatusCode: number | undefined
    readonly requestId: string | undefined
  }
}

/**
 * Existing SDK code, unchanged: it is given a client and a domain.
 *
 * @category programs
 * @since 0.1.0
 */
export const withSdk = async (client: VoiceIDClient, DomainId: string): Promise<Summary> => {
  const { DomainSummaries = [] } = await client.send(new ListDomainsCommand({}))
  const domains = DomainSummaries.map((domain) => domain.Name ?? "")
  console.log(`domains: ${domains.join(", ")}`)

  const byStatus: Record<string, number> = {}
  let jobs = 0
  let pages = 0
  for await (const page of paginateListSpeakerEnrollmentJobs({ client, pageSize: 100 }, { DomainId })) {
    pages += 1
    for (const job of page.JobSummaries ?? []) {
      const status = job.JobStatus ?? "UNKNOWN"
      byStatus[status] = (byStatus[status] ?? 0) + 1
      jobs += 1
    }
  }
  console.log(`${jobs} speaker enrollment jobs in ${pages} pages: ${JSON.stringify(byStatus)}`)

  let notFound: Summary["notFound"] = { name: "none", httpStatusCode: undefined, requestId: undefined }
  try {
    await client.send(new DescribeDomainCommand({ DomainId: "0000000000000000000000" }))
  } catch (error) {
    // The emulator's errors deserialize into the SDK's own exception classes.
    if (!(error instanceof ResourceNotFoundException)) throw error
    notFound = {
      name: error.name,
      httpStatusCode: error.$metadata.httpStatusCode,
      requestId: error.$metadata.requestId
    }
    console.log(`${error.name} (HTTP ${notFound.httpStatusCode}, request ${notFound.requestId}): ${error.message}`)
  }
  return { domains, jobs, pages, byStatus, notFound }
}

// One client per run, destroyed at the end (it holds a pool of keep-alive connections).
const withClient = async (config: VoiceIDClientConfig, domainId: string): Promise<Summary> => {
  const client = new VoiceIDClient(config)
  try {
    return await withSdk(client, domainId)
  } finally {
    client.destroy()
  }
}

/**
 * Runs the example with a command line (see the module description).
 *
 * @category main
 * @since 0.1.0
 */
export const main = async (argv: ReadonlyArray<string>): Promise<Summary> => {
  const { values } = parseArgs({
    args: [...argv],
    options: { ...Example.commonFlags, "domain-id": { type: "string" } },
    strict: true
  })
  const named = values.endpoint ?? (process.env.AWS_ENDPOINT_URL_VOICE_ID || process.env.AWS_ENDPOINT_URL || undefined)
  if (named !== undefined) {
    const domainId = values["domain-id"]
    if (domainId === undefined) throw new Error("--domain-id is required when an endpoint is given")
    // Region and credentials come from the SDK's usual chain (environment, profile, ...).
    return withClient({ endpoint: named, ...(values.region === undefined ? {} : { region: values.region }) }, domainId)
  }
  const emulator = await startEmulator(values.region === undefined ? {} : { regions: [values.region] })
  try {
    console.error(`Started a Voice ID emulator at ${emulator.url} (give --endpoint to use another endpoint)`)
    const domainId =
      values["domain-id"] ?? (await emulator.seedJobs({ count: 345, domainName: "aws-sdk-example" })).domainId
    return await withClient(
      { endpoint: emulator.url, region: emulator.region, credentials: emulator.credentials },
      domainId
    )
  } finally {
    await emulator.close()
  }
}

if (Example.isMain(import.meta)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
