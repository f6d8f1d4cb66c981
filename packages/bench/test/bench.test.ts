// Smoke mode of the benchmarks: tiny sizes, exact counts, well-formed reports. Never asserts a time.
import { existsSync } from "node:fs"
import { mkdtemp, readFile, rm } from "node:fs/promises"
import * as Os from "node:os"
import * as Path from "node:path"
import { SigV4 } from "@effect-voiceid/protocol"
import * as Either from "effect/Either"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Build from "../src/Build.js"
import * as Clients from "../src/Clients.js"
import * as Workers from "../src/edge/Workers.js"
import * as Jobs from "../src/Jobs.js"
import * as Load from "../src/Load.js"
import * as PageServer from "../src/PageServer.js"
import * as Processes from "../src/Processes.js"
import * as Report from "../src/Report.js"
import * as Runner from "../src/Runner.js"
import * as Signers from "../src/signing/Signers.js"
import { nodeCrypto, signers } from "../src/signing/Signers.js"
import * as Wire from "../src/Wire.js"

let workDir: string
let server: PageServer.PageServer
let files: Record<string, string>

beforeAll(async () => {
  workDir = await mkdtemp(Path.join(Os.tmpdir(), "voiceid-bench-"))
  server = await PageServer.start({
    domains: [
      { name: "three-pages", jobs: 250 },
      { name: "other", jobs: 130 },
      { name: "empty", jobs: 0 }
    ]
  })
  files = await Build.build(
    Object.fromEntries(Clients.clients.map((c) => [c.key, c.entry])),
    "installed",
    Path.join(workDir, "clients")
  )
}, 60_000)

afterAll(async () => {
  await server?.close()
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true })
})

const parseAmzDate = (stamp: string) =>
  new Date(stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"))

const domain = (name: string) => server.domains.find((d) => d.name === name)!

const post = async (body: unknown, target: string = Wire.target) => {
  const response = await fetch(server.url + "/", {
    method: "POST",
    headers: { "content-type": Wire.contentType, "x-amz-target": target },
    body: typeof body === "string" ? body : JSON.stringify(body)
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe("page server", () => {
  it("pages a domain in order, with a NextToken on every page but the last", async () => {
    const id = domain("three-pages").id
    const ids: Array<string> = []
    let token: string | undefined
    let pages = 0
    do {
      const { status, body } = await post(token === undefined ? { DomainId: id } : { DomainId: id, NextToken: token })
      expect(status).toBe(200)
      const summaries = body.JobSummaries as ReadonlyArray<Jobs.JobSummary>
      for (const job of summaries) {
        expect(job.DomainId).toBe(id)
        expect(job.JobId).toMatch(/^[a-zA-Z0-9]{22}$/)
        ids.push(job.JobId)
      }
      token = body.NextToken as string | undefined
      pages++
    } while (token !== undefined)
    expect(pages).toBe(3)
    expect(ids.length).toBe(250)
    expect(new Set(ids).size).toBe(250)
  })

  it("honours MaxResults other than the precomputed page size", async () => {
    const id = domain("three-pages").id
    const first = await post({ DomainId: id, MaxResults: 7 })
    expect((first.body.JobSummaries as ReadonlyArray<unknown>).length).toBe(7)
    const second = await post({ DomainId: id, MaxResults: 7, NextToken: first.body.NextToken })
    const jobs = second.body.JobSummaries as ReadonlyArray<Jobs.JobSummary>
    expect(jobs[0]!.JobName).toBe("enrollment-00000007")
  })

  it("answers an empty domain with one empty page", async () => {
    const { status, body } = await post({ DomainId: domain("empty").id })
    expect(status).toBe(200)
    expect(body).toEqual({ JobSummaries: [] })
  })

  it("rejects another operation, a bad token, a bad MaxResults and an unknown domain", async () => {
    const id = domain("three-pages").id
    const wrongTarget = await post({ DomainId: id }, "VoiceID.ListSpeakers")
    expect(wrongTarget.status).toBe(400)
    expect(wrongTarget.body.__type).toBe("com.amazonaws.voiceid#UnknownOperationException")
    const badToken = await post({ DomainId: id, NextToken: "nope" })
    expect(badToken.body.__type).toBe("com.amazonaws.voiceid#ValidationException")
    // A token of the second domain ("other") sent for the first.
    const otherDomainsToken = Jobs.encodeToken(1, 100, 100)
    expect((await post({ DomainId: id, NextToken: otherDomainsToken })).status).toBe(400)
    expect((await post({ DomainId: id, MaxResults: 101 })).status).toBe(400)
    const unknown = await post({ DomainId: Jobs.domainId("nowhere") })
    expect(unknown.body.__type).toBe("com.amazonaws.voiceid#ResourceNotFoundException")
    expect((await post("{not json")).body.__type).toBe("com.amazonaws.voiceid#SerializationException")
  })

  it("round-trips its tokens and refuses foreign ones", () => {
    expect(Jobs.decodeToken(Jobs.encodeToken(3, 1200, 100))).toEqual({ domainIndex: 3, offset: 1200, limit: 100 })
    expect(Jobs.decodeToken("x".repeat(64))).toBeUndefined()
    expect(Jobs.decodeToken("")).toBeUndefined()
  })
})

describe("clients", () => {
  for (const client of Clients.clients) {
    it(`${client.key} streams every job exactly once`, async () => {
      const one = await Processes.runClient(files[client.key]!, {
        endpoint: server.url,
        domains: [domain("three-pages")],
        pageSize: 100
      })
      expect(one.result.count).toBe(250)
      expect(one.result.checksum).toBe(domain("three-pages").checksum)
      // Two concurrent streams, a page size the server has to rebuild, and an empty domain.
      const many = await Processes.runClient(files[client.key]!, {
        endpoint: server.url,
        domains: [domain("three-pages"), domain("other"), domain("empty")],
        pageSize: 30,
        sampleEvery: 60,
        gcSamples: true
      })
      expect(many.result.count).toBe(380)
      expect(many.result.samples.length).toBeGreaterThan(1)
    }, 30_000)
  }

  it("fails a client that counts wrong", async () => {
    const file = files[Clients.floorKey]!
    const finished = await Processes.runNode(file, [
      "--endpoint",
      server.url,
      "--expect",
      "251",
      "--domains",
      domain("three-pages").id
    ])
    expect(finished.code).toBe(1)
    expect(JSON.parse(finished.stdout)).toMatchObject({ ok: false, count: 250, expected: 251 })
    await expect(
      Processes.runClient(file, {
        endpoint: server.url,
        domains: [{ ...domain("three-pages"), jobs: 249 }],
        pageSize: 100
      })
    ).rejects.toThrow(/counted 250 of 249/)
  }, 30_000)
})

describe("signers", () => {
  it("all sign the benchmark request identically", async () => {
    const date = new Date("2026-05-01T12:00:00Z")
    const headers = await Promise.all(signers.map((s) => s.make()(date)))
    expect(headers[0]).toMatch(/^AWS4-HMAC-SHA256 Credential=test\/20260501\/us-east-1\/voiceid\/aws4_request, /)
    for (const header of headers) expect(header).toBe(headers[0])
  })
})

describe("load harness", () => {
  it("signs its request with the project's signer, over the target's host", () => {
    const request = Load.signedRequest("http://127.0.0.1:8080", domain("three-pages").id)
    const parsed = SigV4.parseAuthorization(request.headers.authorization)
    expect(Either.isRight(parsed)).toBe(true)
    if (Either.isRight(parsed)) {
      expect(parsed.right.signedHeaders).toEqual(["content-type", "host", "x-amz-date", "x-amz-target"])
      expect(parsed.right.service).toBe("voiceid")
    }
    const again = SigV4.sign(
      nodeCrypto,
      {
        method: "POST",
        path: "/",
        headers: { host: "127.0.0.1:8080", "content-type": Wire.contentType, "x-amz-target": Wire.target },
        body: request.body
      },
      Wire.credentials,
      { region: Wire.region, service: Wire.service, signingDate: parseAmzDate(request.headers["x-amz-date"]) }
    )
    expect(request.headers.authorization).toBe(again.headers.authorization)
  })

  it("drives a server and counts only successful responses", async () => {
    const level = await Load.drive(
      { url: server.url, domainId: domain("three-pages").id, pid: undefined, close: async () => {} },
      2,
      1
    )
    expect(level.requests).toBeGreaterThan(0)
    expect(level.non2xx).toBe(0)
    expect(level.errors).toBe(0)
    expect(level.p99Ms).toBeGreaterThanOrEqual(level.p50Ms)
  }, 30_000)
})

describe("runner", () => {
  // Every phase at tiny sizes, with the three clients the targets are judged on (ours, the official one, the floor):
  // every client's exact count is checked above, and a full table of seven would not fit the smoke's time.
  const judged = [Clients.oursKeys.node, Clients.officialKey, Clients.floorKey]

  it("runs every phase at tiny sizes and writes tables that parse", async () => {
    const out = Path.join(workDir, "BENCHMARKS.md")
    const options: Runner.Options = {
      ...Runner.parseArgs([
        "--jobs",
        "300",
        "--memory-jobs",
        "500",
        "--runs",
        "1",
        "--warmup",
        "0",
        "--cold-runs",
        "1",
        "--scaling-sizes",
        "100,300,500",
        "--scaling-streams",
        "1,4",
        "--scaling-runs",
        "1",
        "--signing-ms",
        "20",
        "--signing-runs",
        "1",
        "--load-seconds",
        "1",
        "--load-connections",
        "8",
        "--soak-seconds",
        "1",
        "--only",
        judged.join(","),
        "--out",
        out
      ]),
      workDir: Path.join(workDir, "run")
    }
    const results = await Runner.run(options, () => {})
    expect(results.signing?.identical).toBe(true)
    expect(results.signing?.rows.map((r) => r.key)).toContain(Signers.oursKey)
    // Every Worker, ours included, answered the check with the first page of 100 jobs.
    expect(results.edge?.rows.map((r) => [r.key, r.checkedItems])).toEqual(Workers.workers.map((w) => [w.key, 100]))
    // The emulator took signed load requests (none refused) and was soaked; its memory is read from /proc.
    const emulator = results.load?.targets.find((t) => t.key === Load.emulatorKey)
    expect(emulator?.levels.map((l) => [l.connections, l.non2xx, l.errors])).toEqual([[8, 0, 0]])
    expect(emulator?.levels[0]?.requests).toBeGreaterThan(0)
    if (existsSync("/proc/self/status")) expect(emulator?.soak?.rssMiB.length).toBeGreaterThan(0)
    // Our Node client's paging, its cold start and the emulator under load were profiled.
    expect(results.profiles?.map((p) => p.target)).toEqual(["paging", "paging (reference)", "cold start", "emulator"])
    for (const profile of results.profiles ?? []) expect(profile.frames.length).toBeGreaterThan(0)

    const tables = Report.parseTables(await readFile(out, "utf8"))
    const paging = tables.find((t) => t.heading.startsWith("1. Paging"))!
    expect(paging.rows.map((r) => r[0])).toEqual(
      Clients.clients.filter((c) => judged.includes(c.key)).map((c) => c.label)
    )
    for (const row of paging.rows) expect(Report.numeric(row[1]!)).toBeGreaterThan(0)
    const targets = tables.find((t) => t.heading === "Targets")!
    expect(targets.rows.length).toBe(6)
    // Every target is judged: all of ours are in the tables.
    for (const row of targets.rows) expect(["met", "not met"]).toContain(row[1])
    for (const heading of ["2. Memory", "3. Cold start", "4. Signing", "5. Edge", "6. Server load", "7. Scaling"]) {
      expect(tables.some((t) => t.heading.startsWith(heading))).toBe(true)
    }
    // The profiles' tables (under each profile's own heading).
    expect(tables.filter((t) => t.header[0] === "frame (self time)").length).toBe(4)
  }, 120_000)

  it("rejects unknown options and phases", () => {
    expect(() => Runner.parseArgs(["--frobnicate", "1"])).toThrow(/unknown option/)
    expect(() => Runner.parseArgs(["--phases", "paging,nap"])).toThrow(/unknown phase/)
    expect(() => Runner.parseArgs(["--jobs", "ten"])).toThrow(/whole numbers/)
    expect(Runner.parseArgs(["--quick"]).jobs).toBe(Runner.quick.jobs)
  })
})

describe("BENCHMARKS.md", () => {
  const file = Path.resolve(Build.packageDir, "..", "..", "BENCHMARKS.md")
  it.skipIf(!existsSync(file))("has well-formed tables with the references in the paging table", async () => {
    const tables = Report.parseTables(await readFile(file, "utf8"))
    expect(tables.length).toBeGreaterThan(0)
    const paging = tables.find((t) => t.heading.startsWith("1. Paging"))
    expect(paging).toBeDefined()
    const labels = paging!.rows.map((r) => r[0])
    for (const key of [Clients.floorKey, Clients.officialKey]) {
      expect(labels).toContain(Clients.clients.find((c) => c.key === key)!.label)
    }
    for (const row of paging!.rows) expect(Report.numeric(row[1]!)).toBeGreaterThan(0)
  })

  it("parses what it renders and refuses a ragged table", () => {
    expect(() => Report.parseTables("# T\n\n| a | b |\n| --- | ---: |\n| 1 | 2 | 3 |\n")).toThrow(/3 cells/)
    expect(() => Report.parseTables("# T\n\n| a | b |\n| 1 | 2 |\n")).toThrow(/delimiter/)
    expect(Report.parseTables("## X\n\n| a | b |\n| --- | ---: |\n| x\\|y | 1,234.5 |\n")).toEqual([
      { heading: "X", header: ["a", "b"], rows: [["x|y", "1,234.5"]] }
    ])
    expect(Report.numeric("1.23×")).toBe(1.23)
    expect(Report.numeric("–")).toBeUndefined()
  })
})
