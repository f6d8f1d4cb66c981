import * as HelpDoc from "@effect/cli/HelpDoc"
import * as ValidationError from "@effect/cli/ValidationError"
import { describe, expect, it } from "@effect/vitest"
import { Errors } from "@effect-voiceid/client"
import * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as ExitCode from "../src/ExitCode.js"
import * as Output from "../src/Output.js"
import * as Progress from "../src/Progress.js"

const metadata = { httpStatusCode: 404, requestId: "5f0c1c1e-0d6a-4c5e-9a55-1d2b3c4d5e6f", attempts: 1 }

describe("ExitCode", () => {
  const cases: ReadonlyArray<readonly [string, unknown, number]> = [
    [
      "a modeled service error",
      new Errors.ResourceNotFoundException({ Message: "no such domain", ResourceType: "DOMAIN", $metadata: metadata }),
      1
    ],
    [
      "throttling that outlasted the retries",
      new Errors.ThrottlingException({ Message: "slow down", $metadata: { httpStatusCode: 429 } }),
      1
    ],
    ["the service rejecting the input", new Errors.ValidationException({ Message: "bad", $metadata: metadata }), 2],
    [
      "an input that breaks the model",
      new Errors.RequestValidationError({
        operation: "DescribeDomain",
        issues: [{ path: "DomainId", message: "too short" }]
      }),
      2
    ],
    [
      "a resume token that cannot be read",
      new Errors.PaginationError({ operation: "ListDomains", reason: "InvalidStartingToken", detail: "garbled" }),
      2
    ],
    ["a parse error of the command line", ValidationError.missingValue(HelpDoc.p("--domain-id")), 2],
    [
      "no credentials",
      new Errors.CredentialsError({ source: "environment", reason: "AWS_ACCESS_KEY_ID is missing" }),
      3
    ],
    ["no region", ConfigError.MissingData(["AWS_REGION"], "missing"), 3],
    [
      "no answer",
      new Errors.TransportError({ operation: "ListDomains", reason: "Transport", detail: "ECONNREFUSED" }),
      3
    ],
    [
      "a rejected signature",
      new Errors.UnknownServiceError({
        operation: "ListDomains",
        code: "InvalidSignatureException",
        Message: "signature mismatch",
        $metadata: { httpStatusCode: 403, requestId: "r" }
      }),
      3
    ],
    ["access denied", new Errors.AccessDeniedException({ Message: "no", $metadata: { httpStatusCode: 403 } }), 3],
    [
      "a job that ended FAILED",
      new Errors.JobFailedError({
        operation: "DescribeSpeakerEnrollmentJob",
        DomainId: "d",
        JobId: "j",
        JobStatus: "FAILED",
        FailureDetails: { StatusCode: 400, Message: "manifest missing" },
        $metadata: { httpStatusCode: 200 }
      }),
      4
    ],
    [
      "a wait that gave up",
      new Errors.WaiterTimeoutError({ operation: "DescribeSpeakerEnrollmentJob", DomainId: "d", JobId: "j" }),
      5
    ],
    ["a usage problem found by voiceid", new ExitCode.UsageError({ message: "missing subcommand" }), 2]
  ]

  it.each(cases)("%s", (_, error, code) => {
    expect(ExitCode.of(error)).toBe(code)
  })

  it("reports the AWS error name, message, resource type and request id", () => {
    const error = new Errors.ResourceNotFoundException({
      Message: "The domain x does not exist.",
      ResourceType: "DOMAIN",
      $metadata: metadata
    })
    expect(ExitCode.render(error)).toBe(
      [
        "ResourceNotFoundException: The domain x does not exist. (DOMAIN)",
        `  request id: ${metadata.requestId} (HTTP 404, 1 attempt)`
      ].join("\n")
    )
  })

  it("reports an unmodeled code under its own name, and every offending member of an invalid request", () => {
    expect(
      ExitCode.render(
        new Errors.UnknownServiceError({
          operation: "ListDomains",
          code: "UnrecognizedClientException",
          Message: "The security token included in the request is invalid.",
          $metadata: { httpStatusCode: 403, requestId: "abc", attempts: 1 }
        })
      )
    ).toBe(
      "UnrecognizedClientException: The security token included in the request is invalid.\n  request id: abc (HTTP 403, 1 attempt)"
    )
    expect(
      ExitCode.render(
        new Errors.RequestValidationError({
          operation: "CreateDomain",
          issues: [
            { path: "Name", message: "Expected a string matching the pattern (value redacted)" },
            { path: "ServerSideEncryptionConfiguration", message: "is missing" }
          ]
        })
      ).split("\n")
    ).toEqual([
      "RequestValidationError: invalid CreateDomain request (nothing was sent)",
      "  Name: Expected a string matching the pattern (value redacted)",
      "  ServerSideEncryptionConfiguration: is missing"
    ])
  })

  it("reports a failed job with its failure details", () => {
    const text = ExitCode.render(
      new Errors.JobFailedError({
        operation: "DescribeSpeakerEnrollmentJob",
        DomainId: "d",
        JobId: "j1",
        JobStatus: "FAILED",
        FailureDetails: { StatusCode: 400, Message: "The input manifest file could not be read." },
        $metadata: { httpStatusCode: 200, requestId: "rid" }
      })
    )
    expect(text.split("\n")).toEqual([
      "JobFailedError: job j1 ended FAILED",
      "  status code: 400",
      "  reason: The input manifest file could not be read.",
      "  request id: rid (HTTP 200)"
    ])
  })
})

describe("Output", () => {
  interface Item {
    readonly JobId: string
    readonly CreatedAt: Date
    readonly JobProgress?: { readonly PercentComplete: number } | undefined
  }
  const item = FastCheck.record({
    JobId: FastCheck.stringMatching(/^[a-zA-Z0-9]{1,22}$/),
    CreatedAt: FastCheck.date({ min: new Date(0), max: new Date("2100-01-01"), noInvalidDate: true }),
    JobProgress: FastCheck.option(FastCheck.record({ PercentComplete: FastCheck.integer({ min: 0, max: 100 }) }), {
      nil: undefined
    })
  })
  const pages = FastCheck.array(FastCheck.array(item, { maxLength: 5 }), { maxLength: 5 })
  const columns: ReadonlyArray<Output.Column<Item>> = [
    { header: "JobId", value: (j) => j.JobId },
    { header: "CreatedAt", value: (j) => j.CreatedAt }
  ]
  const render = (format: Output.Format, input: ReadonlyArray<ReadonlyArray<Item>>, nextToken?: string) => {
    const renderer = Output.listRenderer(format, "JobSummaries", columns)
    return input.map(renderer.page).join("") + renderer.end(nextToken)
  }
  const expected = (input: ReadonlyArray<ReadonlyArray<Item>>) => input.flat().map((i) => Output.toJsonValue(i))

  it.prop(
    "json written page by page is the AWS CLI's document",
    [pages, FastCheck.option(FastCheck.string(), { nil: undefined })],
    ([input, token]) => {
      const parsed = JSON.parse(render("json", input, token)) as Record<string, unknown>
      expect(parsed).toEqual(
        token === undefined ? { JobSummaries: expected(input) } : { JobSummaries: expected(input), NextToken: token }
      )
    }
  )

  it.prop("ndjson is one item per line, dates in ISO 8601", [pages], ([input]) => {
    const text = render("ndjson", input)
    const lines = text.split("\n").filter((l) => l !== "")
    expect(lines.map((l) => JSON.parse(l))).toEqual(expected(input))
    for (const [i, it] of input.flat().entries())
      expect(lines[i]).toContain(`"CreatedAt":"${it.CreatedAt.toISOString()}"`)
  })

  it.prop("a table has a header, a rule, then one row per item", [pages], ([input]) => {
    const items = input.flat()
    const lines = render("table", input)
      .split("\n")
      .filter((l) => l !== "")
    if (items.length === 0) {
      expect(lines).toEqual(["(no items)"])
      return
    }
    expect(lines[0]).toMatch(/^JobId +CreatedAt$/)
    expect(lines[1]).toMatch(/^-+ +-+$/)
    expect(lines.slice(2).map((l) => l.split(/ +/))).toEqual(items.map((i) => [i.JobId, i.CreatedAt.toISOString()]))
  })

  it("a single response: JSON without $metadata, or a member/value table", () => {
    const response = {
      Job: { JobId: "j", JobProgress: { PercentComplete: 40 }, WatchlistIds: ["a", "b"], CreatedAt: new Date(0) },
      $metadata: { httpStatusCode: 200, requestId: "r" }
    }
    expect(JSON.parse(Output.single("json", response))).toEqual({
      Job: {
        JobId: "j",
        JobProgress: { PercentComplete: 40 },
        WatchlistIds: ["a", "b"],
        CreatedAt: "1970-01-01T00:00:00.000Z"
      }
    })
    expect(Output.single("ndjson", response).split("\n")).toHaveLength(2)
    expect(Output.single("table", response)).toBe(
      [
        "Member                           Value",
        "-------------------------------  ------------------------",
        "Job.JobId                        j",
        "Job.JobProgress.PercentComplete  40",
        "Job.WatchlistIds                 a,b",
        "Job.CreatedAt                    1970-01-01T00:00:00.000Z",
        ""
      ].join("\n")
    )
  })

  it("right-aligned columns", () => {
    expect(
      Output.table(
        ["Status", "Count"],
        [
          ["FAILED", "3"],
          ["COMPLETED", "1,200"]
        ],
        ["left", "right"]
      )
    ).toBe(["Status     Count", "---------  -----", "FAILED         3", "COMPLETED  1,200", ""].join("\n"))
  })
})

describe("Progress", () => {
  it("a bar fills with the percentage", () => {
    expect(Progress.bar(0, 10)).toBe("[..........]   0%")
    expect(Progress.bar(50, 10)).toBe("[#####.....]  50%")
    expect(Progress.bar(100, 10)).toBe("[##########] 100%")
    expect(Progress.bar(140, 10)).toBe("[##########] 100%")
  })

  it("off a terminal, one plain line per change; on one, the line is redrawn in place", () => {
    const written: Array<string> = []
    const pipe = { isTTY: false, write: (text: string) => written.push(text) }
    const line = Progress.make(pipe)
    Effect.runSync(Effect.all([line.update("a"), line.update("a"), line.update("b"), line.done]))
    expect(written).toEqual(["a\n", "b\n"])

    const ci = process.env.CI
    delete process.env.CI
    try {
      const drawn: Array<string> = []
      const terminal = Progress.make({ isTTY: true, write: (text: string) => drawn.push(text) })
      Effect.runSync(Effect.all([terminal.update("a"), terminal.update("b"), terminal.done]))
      expect(terminal.interactive).toBe(true)
      expect(drawn).toEqual(["\r\x1b[2Ka", "\r\x1b[2Kb", "\n"])
    } finally {
      if (ci !== undefined) process.env.CI = ci
    }
    process.env.CI = "true"
    try {
      expect(Progress.make({ isTTY: true, write: () => true }).interactive).toBe(false)
    } finally {
      if (ci === undefined) delete process.env.CI
      else process.env.CI = ci
    }
  })
})
