/**
 * A static `ListSpeakerEnrollmentJobs` server on loopback: every page body is built before the server listens, so
 * a request costs a JSON.parse of a small body and one write, and the benchmarks measure the client, not the
 * server. It checks `X-Amz-Target`, honours `MaxResults` and `NextToken`, and ignores signatures.
 *
 * @since 0.1.0
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as Jobs from "./Jobs.js"
import * as Wire from "./Wire.js"

/**
 * One domain the server holds, with its number of jobs.
 *
 * @category models
 * @since 0.1.0
 */
export interface DomainSpec {
  readonly name: string
  readonly jobs: number
}

/**
 * What a client needs to know about a served domain: its id, its size and the sum of its jobs'
 * `JobProgress.PercentComplete` (which proves every job was decoded exactly once).
 *
 * @category models
 * @since 0.1.0
 */
export interface ServedDomain {
  readonly name: string
  readonly id: string
  readonly jobs: number
  readonly checksum: number
}

/**
 * A running page server.
 *
 * @category models
 * @since 0.1.0
 */
export interface PageServer {
  readonly url: string
  readonly domains: ReadonlyArray<ServedDomain>
  /** Requests answered so far (any status). */
  readonly requests: () => number
  readonly close: () => Promise<void>
}

interface Domain extends ServedDomain {
  readonly index: number
  readonly seed: number
  readonly pages: ReadonlyArray<Buffer>
}

const pageBody = (
  domain: { index: number; seed: number; id: string; jobs: number },
  offset: number,
  limit: number,
  visit?: (job: Jobs.JobSummary) => void
) => {
  const end = Math.min(domain.jobs, offset + limit)
  const summaries: Array<Jobs.JobSummary> = []
  for (let i = offset; i < end; i++) summaries.push(Jobs.job(domain.seed, domain.id, i))
  if (visit !== undefined) summaries.forEach(visit)
  return Buffer.from(
    JSON.stringify(
      end < domain.jobs
        ? { JobSummaries: summaries, NextToken: Jobs.encodeToken(domain.index, end, limit) }
        : { JobSummaries: summaries }
    )
  )
}

const buildDomain = (spec: DomainSpec, index: number, pageSize: number): Domain => {
  const id = Jobs.domainId(spec.name)
  const seed = Jobs.domainSeed(spec.name)
  const base = { index, seed, id, jobs: spec.jobs }
  const pages: Array<Buffer> = []
  let checksum = 0
  const sum = (job: Jobs.JobSummary) => {
    checksum += job.JobProgress.PercentComplete
  }
  // An empty domain still has one (empty) page.
  for (let offset = 0; offset === 0 || offset < spec.jobs; offset += pageSize) {
    pages.push(pageBody(base, offset, pageSize, sum))
  }
  return { name: spec.name, id, jobs: spec.jobs, checksum, index, seed, pages }
}

const errorBody = (code: string, message: string, extra?: Record<string, string>) =>
  Buffer.from(JSON.stringify({ __type: "com.amazonaws.voiceid#" + code, Message: message, ...extra }))

/**
 * What the server answers one request with.
 *
 * @category models
 * @since 0.1.0
 */
export interface Reply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer
}

/**
 * The options of a page server: its domains and the page size its pages are built for.
 *
 * @category models
 * @since 0.1.0
 */
export interface Options {
  readonly domains: ReadonlyArray<DomainSpec>
  readonly pageSize?: number
}

/**
 * The server's logic without a transport: builds every page of the domains, then answers a request (method, its
 * `X-Amz-Target`, its body) with a {@link Reply}.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeHandler = (options: Options) => {
  const pageSize = options.pageSize ?? Wire.pageSize
  const domains = options.domains.map((spec, index) => buildDomain(spec, index, pageSize))
  const byId = new Map(domains.map((domain) => [domain.id, domain]))
  let requests = 0
  // A request id per response, as the service sends; a counter keeps it unique and free.
  const requestIdPrefix = "6f1f7c2e-0b4d-4c59-9a8e-"

  const send = (status: number, body: Buffer, errorType?: string): Reply => {
    requests++
    const headers: Record<string, string> = {
      "content-type": Wire.contentType,
      "content-length": String(body.length),
      "x-amzn-requestid": requestIdPrefix + requests.toString(16).padStart(12, "0")
    }
    if (errorType !== undefined) headers["x-amzn-errortype"] = errorType
    return { status, headers, body }
  }
  const fail = (status: number, code: string, message: string, extra?: Record<string, string>) =>
    send(status, errorBody(code, message, extra), code)

  const answer = (raw: string): Reply => {
    let input: unknown
    try {
      input = JSON.parse(raw === "" ? "{}" : raw)
    } catch {
      return fail(400, "SerializationException", "Request body is not valid JSON.")
    }
    if (typeof input !== "object" || input === null) {
      return fail(400, "SerializationException", "Request body is not a JSON object.")
    }
    const { DomainId, MaxResults, NextToken } = input as {
      DomainId?: unknown
      MaxResults?: unknown
      NextToken?: unknown
    }
    if (typeof DomainId !== "string") return fail(400, "ValidationException", "DomainId is required.")
    const domain = byId.get(DomainId)
    if (domain === undefined) {
      return fail(404, "ResourceNotFoundException", "Domain not found.", { ResourceType: "DOMAIN" })
    }
    let limit = pageSize
    if (MaxResults !== undefined) {
      if (typeof MaxResults !== "number" || !Number.isInteger(MaxResults) || MaxResults < 1 || MaxResults > 100) {
        return fail(400, "ValidationException", "MaxResults must be an integer from 1 to 100.")
      }
      limit = MaxResults
    }
    let offset = 0
    if (NextToken !== undefined) {
      const token = typeof NextToken === "string" ? Jobs.decodeToken(NextToken) : undefined
      if (token === undefined || token.domainIndex !== domain.index || token.offset >= domain.jobs) {
        return fail(400, "ValidationException", "Invalid NextToken.")
      }
      offset = token.offset
    }
    if (limit === pageSize && offset % pageSize === 0) return send(200, domain.pages[offset / pageSize]!)
    // Another page size than the precomputed one: rebuild the page (slow, but only tests ask for it).
    return send(200, pageBody(domain, offset, limit))
  }

  return {
    domains: domains.map(({ name, id, jobs, checksum }): ServedDomain => ({ name, id, jobs, checksum })),
    requests: () => requests,
    /** Whether a request is one this server answers from its body; anything else is `reject`ed unread. */
    accepts: (method: string, target: string | undefined) => method === "POST" && target === Wire.target,
    reject: () => fail(400, "UnknownOperationException", "Only POST with X-Amz-Target " + Wire.target + "."),
    answer
  }
}

/**
 * Builds every page, then listens on a free loopback port with `node:http` (keep-alive).
 *
 * @category constructors
 * @since 0.1.0
 */
export const start = async (options: Options): Promise<PageServer> => {
  const handler = makeHandler(options)
  const write = (res: Http.ServerResponse, reply: Reply) => {
    res.writeHead(reply.status, reply.headers)
    res.end(reply.body)
  }
  const server = Http.createServer({ keepAlive: true, keepAliveTimeout: 60_000, requestTimeout: 0 }, (req, res) => {
    if (!handler.accepts(req.method ?? "", req.headers["x-amz-target"] as string | undefined)) {
      req.resume()
      return write(res, handler.reject())
    }
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () =>
      write(res, handler.answer(chunks.length === 1 ? chunks[0]!.toString() : Buffer.concat(chunks).toString()))
    )
  })
  server.keepAliveTimeout = 60_000
  server.headersTimeout = 65_000
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: "http://127.0.0.1:" + port,
    domains: handler.domains,
    requests: handler.requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
