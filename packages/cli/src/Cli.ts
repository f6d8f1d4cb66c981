/**
 * The `voiceid` command line, built with `@effect/cli`:
 *
 * - `voiceid enrollment-jobs list|describe|start`, `voiceid fraudster-jobs list|describe|start`;
 * - `voiceid domains|speakers|fraudsters|watchlists` with the operations the API has for each;
 * - `voiceid emulator start` (the local Voice ID emulator);
 * - `voiceid demo` (the main job: see `Demo`).
 *
 * Global options (`--region`, `--endpoint`, `--profile`, `--max-attempts`) go before or after the command's name;
 * anything they leave out comes from the AWS environment and shared config files, through the Node adapter. A
 * failure is reported on stderr (`ExitCode.render`) and ends the process with its `ExitCode`.
 *
 * @since 0.1.0
 */

import type * as CliApp from "@effect/cli/CliApp"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Demo from "./Demo.js"
import * as ExitCode from "./ExitCode.js"
import { emulator } from "./internal/emulator.js"
import { clientOptions, err, globalOptions, merge, out } from "./internal/global.js"
import { enrollmentJobs, fraudsterJobs } from "./internal/jobs.js"
import { domains, fraudsters, speakers, watchlists } from "./internal/resources.js"
import { root } from "./internal/root.js"
import * as Output from "./Output.js"

const demo = Command.make(
  "demo",
  {
    ...globalOptions,
    jobs: Options.integer("jobs").pipe(
      Options.withSchema(Schema.Int.pipe(Schema.between(0, 1_000_000))),
      Options.withDescription("Jobs to seed across the five statuses (default 3000)."),
      Options.withDefault(3000)
    ),
    pageSize: Options.integer("page-size").pipe(
      Options.withSchema(Schema.Int.pipe(Schema.between(1, 100))),
      Options.withDescription("Jobs per list request (default 100)."),
      Options.withDefault(100)
    ),
    throttleRate: Options.float("throttle-rate").pipe(
      Options.withSchema(Schema.Number.pipe(Schema.between(0, 1))),
      Options.withDescription("Share of requests throttled while listing (default 0.03)."),
      Options.withDefault(0.03)
    ),
    speakers: Options.integer("speakers").pipe(
      Options.withSchema(Schema.Int.pipe(Schema.between(1, 10_000))),
      Options.withDescription("Speakers in the generated manifest of the enrollment job (default 40)."),
      Options.withDefault(40)
    ),
    domainId: Options.text("domain-id").pipe(
      Options.withDescription("Use this domain instead of creating one (for endpoints whose domain quota is used)."),
      Options.optional
    ),
    dataDir: Options.directory("data-dir").pipe(
      Options.withDescription("With --endpoint of an emulator: its data folder, to write the manifest into."),
      Options.optional
    ),
    output: Options.choice("output", ["table", "json"]).pipe(
      Options.withAlias("o"),
      Options.withDescription("Summary as a table (default) or as JSON."),
      Options.withDefault("table")
    )
  },
  (flags) =>
    Effect.gen(function* () {
      const global = merge(flags, yield* root)
      const summary = yield* Demo.run({
        jobs: flags.jobs,
        pageSize: flags.pageSize,
        throttleRate: flags.throttleRate,
        speakers: flags.speakers,
        domainId: Option.getOrUndefined(flags.domainId),
        dataDir: Option.getOrUndefined(flags.dataDir),
        client: clientOptions(global)
      })
      yield* out(flags.output === "json" ? `${Output.json(summary)}\n` : Demo.render(summary))
      if (summary.consistent === false) {
        return yield* Effect.fail(new Demo.DemoError({ message: "the jobs listed differ from the jobs created" }))
      }
    })
).pipe(
  Command.withDescription(
    "The main job: start an emulator in the process (or use --endpoint), create a domain, start an enrollment job from a generated manifest, seed thousands of jobs, throttle a few % of requests, stream every job page by page, and summarize."
  )
)

/**
 * The `voiceid` command with all its subcommands.
 *
 * @category commands
 * @since 0.1.0
 */
export const command = root.pipe(
  Command.withDescription(
    "Amazon Connect Voice ID from the command line: jobs, domains, speakers, fraudsters, watchlists, and a local emulator."
  ),
  Command.withSubcommands([enrollmentJobs, fraudsterJobs, domains, speakers, fraudsters, watchlists, emulator, demo])
)

/**
 * The version `--version` prints.
 *
 * @category commands
 * @since 0.1.0
 */
export const version = "0.1.0"

const app = Command.run(command, { name: "voiceid", version })

/**
 * Runs `voiceid` with a full `process.argv` (runtime and script first) and gives the exit code: 0, or the
 * failure's {@link ExitCode.of}, after reporting it on stderr. Parse errors are reported by `@effect/cli` (with
 * the usage) and exit 2. Interruption is left to the caller (the bin exits 130).
 *
 * @category running
 * @since 0.1.0
 */
export const run = (argv: ReadonlyArray<string>): Effect.Effect<ExitCode.ExitCode, never, CliApp.CliApp.Environment> =>
  app(argv).pipe(
    Effect.as(ExitCode.ExitCode.Ok),
    Effect.catchAll((error) =>
      ExitCode.isCliValidationError(error)
        ? Effect.succeed(ExitCode.ExitCode.Usage)
        : Effect.as(err(ExitCode.render(error)), ExitCode.of(error))
    ),
    Effect.catchAllDefect((defect) =>
      Effect.as(err(`voiceid: unexpected failure: ${Cause.pretty(Cause.die(defect))}`), ExitCode.ExitCode.ServiceError)
    )
  )
