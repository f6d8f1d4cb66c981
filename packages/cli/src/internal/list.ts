import * as Options from "@effect/cli/Options"
import { Pagination, type VoiceId } from "@effect-voiceid/client"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Output from "../Output.js"
import { err, out } from "./global.js"

/** `--output`, with the default of the command. */
export const outputOption = (fallback: Output.Format) =>
  Options.choice("output", Output.formats).pipe(
    Options.withAlias("o"),
    Options.withDescription(`Output format (default ${fallback}).`),
    Options.withDefault(fallback)
  )

const positive = (name: string, max?: number) =>
  Options.integer(name).pipe(
    Options.withSchema(max === undefined ? Schema.Int.pipe(Schema.positive()) : Schema.Int.pipe(Schema.between(1, max)))
  )

/** The paging options of every list command, named as the AWS CLI names them. */
export const pagingOptions = {
  maxItems: positive("max-items").pipe(
    Options.withDescription("Stop after this many items; the token to continue from is printed (NextToken)."),
    Options.optional
  ),
  pageSize: positive("page-size", 100).pipe(
    Options.withDescription("Items per request (MaxResults); the service's maximum when absent."),
    Options.optional
  ),
  startingToken: Options.text("starting-token").pipe(
    Options.withDescription("Continue a previous listing from its NextToken (or the token printed on interruption)."),
    Options.optional
  )
}

/** The parsed paging options. */
export interface Paging {
  readonly maxItems: Option.Option<number>
  readonly pageSize: Option.Option<number>
  readonly startingToken: Option.Option<string>
}

const pageOptions = (paging: Paging): Pagination.PageOptions => {
  const options: { pageSize?: number; maxItems?: number; startingToken?: string } = {}
  if (Option.isSome(paging.pageSize)) options.pageSize = paging.pageSize.value
  if (Option.isSome(paging.maxItems)) options.maxItems = paging.maxItems.value
  if (Option.isSome(paging.startingToken)) options.startingToken = paging.startingToken.value
  return options
}

/**
 * Lists lazily, writing each page as it arrives (one write per page). Ends with the NextToken when `--max-items`
 * stopped the read early; on interruption, prints the token that resumes right after the last page written.
 */
export const runList = <O extends Pagination.PaginatedOperation>(
  voiceId: VoiceId.Service,
  operation: O,
  input: Pagination.PageInput<O>,
  paging: Paging,
  format: Output.Format,
  columns: ReadonlyArray<Output.Column<Pagination.ItemOf<O>>>
) => {
  const renderer = Output.listRenderer(format, operation.paginator.resultKey, columns)
  let resume = Option.getOrUndefined(paging.startingToken)
  let pages = 0
  const pagesStream = Pagination.pagesWith(voiceId.client, operation, input, pageOptions(paging))
  return Stream.runForEach(pagesStream, (page) =>
    Effect.sync(() => {
      const text = renderer.page(page.items)
      if (text !== "") process.stdout.write(text)
      resume = page.resumeToken
      pages++
    })
  ).pipe(
    Effect.zipRight(Effect.suspend(() => out(renderer.end(resume)))),
    Effect.zipRight(
      Effect.suspend(() => (resume !== undefined && format !== "json" ? err(`NextToken: ${resume}`) : Effect.void))
    ),
    Effect.onInterrupt(() =>
      Effect.suspend(() => {
        if (resume !== undefined) return err(`\nInterrupted. Resume with: --starting-token ${resume}`)
        return pages === 0
          ? err("\nInterrupted before the first page arrived; run the same command again.")
          : err("\nInterrupted after the last page.")
      })
    )
  )
}
