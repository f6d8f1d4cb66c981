/**
 * The one table of paging clients. Every phase (throughput, memory, cold start, scaling) and the smoke test run
 * exactly the clients listed here, so a client added here is measured everywhere and checked in CI.
 *
 * @since 0.1.0
 */

/**
 * A paging client: an entry file that calls `Harness.run` (see `clients/Harness.ts`).
 *
 * @category models
 * @since 0.1.0
 */
export interface ClientEntry {
  /** Stable id, used in file names, results and the targets. */
  readonly key: string
  /** What BENCHMARKS.md calls it. */
  readonly label: string
  /** Entry file, relative to the bench package. */
  readonly entry: string
  /** `floor` and `official` are the two references every ratio is taken against. */
  readonly role: "floor" | "official" | "peer" | "ours"
  /** One line on what it is, for the report. */
  readonly what: string
}

/**
 * Key of the reference every ratio to the floor is taken against.
 *
 * @category references
 * @since 0.1.0
 */
export const floorKey = "node-http"

/**
 * Key of the official client every "vs SDK v3" ratio is taken against.
 *
 * @category references
 * @since 0.1.0
 */
export const officialKey = "sdk-v3"

/**
 * Keys our own clients will have once they are in the table; the targets in BENCHMARKS.md look them up.
 *
 * @category references
 * @since 0.1.0
 */
export const oursKeys = { node: "effect-voiceid-node", edge: "effect-voiceid-edge" } as const

/**
 * Every client the benchmarks run, in report order.
 *
 * @category tables
 * @since 0.1.0
 */
export const clients: ReadonlyArray<ClientEntry> = [
  {
    key: oursKeys.node,
    label: "effect-voiceid (Node adapter)",
    entry: "src/clients/effect-voiceid-node.ts",
    role: "ours",
    what:
      "`@effect-voiceid/node` `VoiceIdNode.layer({ endpoint, region, credentials })` (node:http keep-alive, node:crypto " +
      "SigV4, default retries) in a `ManagedRuntime`; `listSpeakerEnrollmentJobsStream` consumed with `Stream.runForEach`"
  },
  {
    key: oursKeys.edge,
    label: "effect-voiceid (edge adapter, on Node)",
    entry: "src/clients/effect-voiceid-edge.ts",
    role: "ours",
    what:
      "`@effect-voiceid/edge` `VoiceIdEdge.layer({ endpoint, region, credentials })` (global fetch, aws4fetch WebCrypto " +
      "SigV4, default retries) in a `ManagedRuntime`; the same stream, consumed the same way"
  },
  {
    key: officialKey,
    label: "AWS SDK v3",
    entry: "src/clients/sdk-v3.ts",
    role: "official",
    what: "`@aws-sdk/client-voice-id`, `paginateListSpeakerEnrollmentJobs`, default configuration"
  },
  {
    key: "aws4fetch",
    label: "aws4fetch loop",
    entry: "src/clients/aws4fetch.ts",
    role: "peer",
    what: "`aws4fetch` `AwsClient` (WebCrypto SigV4, global fetch), hand-written NextToken loop, retries off"
  },
  {
    key: "fetch",
    label: "raw fetch (unsigned)",
    entry: "src/clients/fetch.ts",
    role: "peer",
    what: "global `fetch`, unsigned, `response.json()`"
  },
  {
    key: "undici",
    label: "undici.request (unsigned)",
    entry: "src/clients/undici.ts",
    role: "peer",
    what: "`undici` `request` with its keep-alive global dispatcher, unsigned, `body.json()`"
  },
  {
    key: floorKey,
    label: "node:http keep-alive (unsigned, floor)",
    entry: "src/clients/node-http.ts",
    role: "floor",
    what: "`node:http` with a keep-alive `Agent`, unsigned, body as one string + `JSON.parse`"
  }
]
