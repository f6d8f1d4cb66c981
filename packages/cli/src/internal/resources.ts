import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { operations } from "@effect-voiceid/protocol"
import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Output from "../Output.js"
import { globalOptions, optional, out } from "./global.js"
import { domainId } from "./jobs.js"
import { outputOption, pagingOptions, runList } from "./list.js"
import { groupHandler, withClient } from "./root.js"

const print = (format: Output.Format) => (output: unknown) => out(Output.single(format, output))

const clientToken = Options.text("client-token").pipe(
  Options.withDescription("Idempotency token (default: a fresh one, repeated by retries)."),
  Options.optional
)

// ---------------------------------------------------------------------------------------------------------------
// Domains
// ---------------------------------------------------------------------------------------------------------------

interface DomainRow {
  readonly DomainId?: string | undefined
  readonly Name?: string | undefined
  readonly DomainStatus?: string | undefined
  readonly CreatedAt?: Date | undefined
  readonly Description?: string | undefined
}

const domainColumns: ReadonlyArray<Output.Column<DomainRow>> = [
  { header: "DomainId", value: (d) => d.DomainId },
  { header: "DomainStatus", value: (d) => d.DomainStatus },
  { header: "CreatedAt", value: (d) => d.CreatedAt },
  { header: "Name", value: (d) => d.Name },
  { header: "Description", value: (d) => d.Description }
]

const kmsKeyId = Options.text("kms-key-id").pipe(
  Options.withDescription("KMS key that encrypts the domain's data (id, ARN or alias).")
)
const domainName = Options.text("name").pipe(Options.withDescription("The domain's name."))
const description = Options.text("description").pipe(Options.withDescription("A description."), Options.optional)

const domainsList = Command.make(
  "list",
  { ...globalOptions, ...pagingOptions, output: outputOption("table") },
  (flags) =>
    withClient(flags, (voiceId) => runList(voiceId, operations.ListDomains, {}, flags, flags.output, domainColumns))
).pipe(Command.withDescription("List the domains of the region."))

const domainsDescribe = Command.make(
  "describe",
  { ...globalOptions, domainId, output: outputOption("json") },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.flatMap(voiceId.describeDomain({ DomainId: flags.domainId }), print(flags.output))
    )
).pipe(Command.withDescription("Describe a domain."))

const domainsCreate = Command.make(
  "create",
  {
    ...globalOptions,
    name: domainName,
    kmsKeyId,
    description,
    tag: Options.keyValueMap("tag").pipe(Options.withDescription("A tag, Key=Value (repeatable)."), Options.optional),
    clientToken,
    output: outputOption("json")
  },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.flatMap(
        voiceId.createDomain({
          Name: flags.name,
          ServerSideEncryptionConfiguration: { KmsKeyId: flags.kmsKeyId },
          ...optional("Description", flags.description),
          ...optional("ClientToken", flags.clientToken),
          ...(Option.isSome(flags.tag)
            ? { Tags: Array.from(HashMap.toEntries(flags.tag.value), ([Key, Value]) => ({ Key, Value })) }
            : {})
        }),
        print(flags.output)
      )
    )
).pipe(Command.withDescription("Create a domain (with its default watchlist)."))

const domainsUpdate = Command.make(
  "update",
  { ...globalOptions, domainId, name: domainName, kmsKeyId, description, output: outputOption("json") },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.flatMap(
        voiceId.updateDomain({
          DomainId: flags.domainId,
          Name: flags.name,
          ServerSideEncryptionConfiguration: { KmsKeyId: flags.kmsKeyId },
          ...optional("Description", flags.description)
        }),
        print(flags.output)
      )
    )
).pipe(
  Command.withDescription(
    "Replace a domain's name, description and KMS key (as the service does, a description left out is removed)."
  )
)

const domainsDelete = Command.make("delete", { ...globalOptions, domainId }, (flags) =>
  withClient(flags, (voiceId) => Effect.asVoid(voiceId.deleteDomain({ DomainId: flags.domainId })))
).pipe(Command.withDescription("Delete a domain and everything in it."))

/** `voiceid domains`. */
export const domains = Command.make(
  "domains",
  {},
  groupHandler("voiceid domains", ["list", "describe", "create", "update", "delete"])
).pipe(
  Command.withDescription("Domains: list, describe, create, update, delete."),
  Command.withSubcommands([domainsList, domainsDescribe, domainsCreate, domainsUpdate, domainsDelete])
)

// ---------------------------------------------------------------------------------------------------------------
// Speakers
// ---------------------------------------------------------------------------------------------------------------

interface SpeakerRow {
  readonly GeneratedSpeakerId?: string | undefined
  readonly CustomerSpeakerId?: string | undefined
  readonly Status?: string | undefined
  readonly CreatedAt?: Date | undefined
  readonly LastAccessedAt?: Date | undefined
}

const speakerColumns: ReadonlyArray<Output.Column<SpeakerRow>> = [
  { header: "GeneratedSpeakerId", value: (s) => s.GeneratedSpeakerId },
  { header: "Status", value: (s) => s.Status },
  { header: "CreatedAt", value: (s) => s.CreatedAt },
  { header: "LastAccessedAt", value: (s) => s.LastAccessedAt },
  { header: "CustomerSpeakerId", value: (s) => s.CustomerSpeakerId }
]

const speakerId = Options.text("speaker-id").pipe(
  Options.withDescription("The speaker: your CustomerSpeakerId, or the GeneratedSpeakerId.")
)

const speakersList = Command.make(
  "list",
  { ...globalOptions, domainId, ...pagingOptions, output: outputOption("table") },
  (flags) =>
    withClient(flags, (voiceId) =>
      runList(voiceId, operations.ListSpeakers, { DomainId: flags.domainId }, flags, flags.output, speakerColumns)
    )
).pipe(Command.withDescription("List the speakers of a domain."))

const speakersDescribe = Command.make(
  "describe",
  { ...globalOptions, domainId, speakerId, output: outputOption("json") },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.flatMap(
        voiceId.describeSpeaker({ DomainId: flags.domainId, SpeakerId: flags.speakerId }),
        print(flags.output)
      )
    )
).pipe(Command.withDescription("Describe a speaker."))

const speakersDelete = Command.make("delete", { ...globalOptions, domainId, speakerId }, (flags) =>
  withClient(flags, (voiceId) =>
    Effect.asVoid(voiceId.deleteSpeaker({ DomainId: flags.domainId, SpeakerId: flags.speakerId }))
  )
).pipe(Command.withDescription("Delete a speaker and their voiceprint."))

const speakersOptOut = Command.make(
  "opt-out",
  { ...globalOptions, domainId, speakerId, output: outputOption("json") },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.flatMap(
        voiceId.optOutSpeaker({ DomainId: flags.domainId, SpeakerId: flags.speakerId }),
        print(flags.output)
      )
    )
).pipe(Command.withDescription("Opt a speaker out of Voice ID (their voiceprint is deleted)."))

/** `voiceid speakers`. */
export const speakers = Command.make(
  "speakers",
  {},
  groupHandler("voiceid speakers", ["list", "describe", "delete", "opt-out"])
).pipe(
  Command.withDescription("Speakers: list, describe, delete, opt-out."),
  Command.withSubcommands([speakersList, speakersDescribe, speakersDelete, speakersOptOut])
)

// ---------------------------------------------------------------------------------------------------------------
// Fraudsters
// ---------------------------------------------------------------------------------------------------------------

interface FraudsterRow {
  readonly GeneratedFraudsterId?: string | undefined
  readonly WatchlistIds?: ReadonlyArray<string> | undefined
  readonly CreatedAt?: Date | undefined
}

const fraudsterColumns: ReadonlyArray<Output.Column<FraudsterRow>> = [
  { header: "GeneratedFraudsterId", value: (f) => f.GeneratedFraudsterId },
  { header: "CreatedAt", value: (f) => f.CreatedAt },
  { header: "WatchlistIds", value: (f) => f.WatchlistIds }
]

const fraudsterId = Options.text("fraudster-id").pipe(Options.withDescription("The fraudster's GeneratedFraudsterId."))
const watchlistId = Options.text("watchlist-id").pipe(Options.withDescription("The watchlist's id."))

const fraudstersList = Command.make(
  "list",
  {
    ...globalOptions,
    domainId,
    watchlistId: watchlistId.pipe(
      Options.withDescription("Only the fraudsters of this watchlist (default: all of the domain)."),
      Options.optional
    ),
    ...pagingOptions,
    output: outputOption("table")
  },
  (flags) =>
    withClient(flags, (voiceId) =>
      runList(
        voiceId,
        operations.ListFraudsters,
        { DomainId: flags.domainId, ...optional("WatchlistId", flags.watchlistId) },
        flags,
        flags.output,
        fraudsterColumns
      )
    )
).pipe(Command.withDescription("List the fraudsters of a domain or of one watchlist."))

const fraudstersDescribe = Command.make(
  "describe",
  { ...globalOptions, domainId, fraudsterId, output: outputOption("json") },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.flatMap(
        voiceId.describeFraudster({ DomainId: flags.domainId, FraudsterId: flags.fraudsterId }),
        print(flags.output)
      )
    )
).pipe(Command.withDescription("Describe a fraudster, with its watchlists."))

const fraudstersDelete = Command.make("delete", { ...globalOptions, domainId, fraudsterId }, (flags) =>
  withClient(flags, (voiceId) =>
    Effect.asVoid(voiceId.deleteFraudster({ DomainId: flags.domainId, FraudsterId: flags.fraudsterId }))
  )
).pipe(Command.withDescription("Delete a fraudster from the domain and all its watchlists."))

const fraudstersAssociate = Command.make(
  "associate",
  { ...globalOptions, domainId, fraudsterId, watchlistId, output: outputOption("json") },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.flatMap(
        voiceId.associateFraudster({
          DomainId: flags.domainId,
          FraudsterId: flags.fraudsterId,
          WatchlistId: flags.watchlistId
        }),
        print(flags.output)
      )
    )
).pipe(Command.withDescription("Add a fraudster to a watchlist."))

const fraudstersDisassociate = Command.make(
  "disassociate",
  { ...globalOptions, domainId, fraudsterId, watchlistId, output: outputOption("json") },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.flatMap(
        voiceId.disassociateFraudster({
          DomainId: flags.domainId,
          FraudsterId: flags.fraudsterId,
          WatchlistId: flags.watchlistId
        }),
        print(flags.output)
      )
    )
).pipe(Command.withDescription("Remove a fraudster from a watchlist (not from its last one)."))

/** `voiceid fraudsters`. */
export const fraudsters = Command.make(
  "fraudsters",
  {},
  groupHandler("voiceid fraudsters", ["list", "describe", "delete", "associate", "disassociate"])
).pipe(
  Command.withDescription(
    "Fraudsters (created by fraudster registration jobs): list, describe, delete, associate, disassociate."
  ),
  Command.withSubcommands([
    fraudstersList,
    fraudstersDescribe,
    fraudstersDelete,
    fraudstersAssociate,
    fraudstersDisassociate
  ])
)

// ---------------------------------------------------------------------------------------------------------------
// Watchlists
// ---------------------------------------------------------------------------------------------------------------

interface WatchlistRow {
  readonly WatchlistId?: string | undefined
  readonly Name?: string | undefined
  readonly DefaultWatchlist?: boolean | undefined
  readonly CreatedAt?: Date | undefined
  readonly Description?: string | undefined
}

const watchlistColumns: ReadonlyArray<Output.Column<WatchlistRow>> = [
  { header: "WatchlistId", value: (w) => w.WatchlistId },
  { header: "Default", value: (w) => (w.DefaultWatchlist === true ? "yes" : "no") },
  { header: "CreatedAt", value: (w) => w.CreatedAt },
  { header: "Name", value: (w) => w.Name },
  { header: "Description", value: (w) => w.Description }
]

const watchlistsList = Command.make(
  "list",
  { ...globalOptions, domainId, ...pagingOptions, output: outputOption("table") },
  (flags) =>
    withClient(flags, (voiceId) =>
      runList(voiceId, operations.ListWatchlists, { DomainId: flags.domainId }, flags, flags.output, watchlistColumns)
    )
).pipe(Command.withDescription("List the watchlists of a domain (the default one first)."))

const watchlistsDescribe = Command.make(
  "describe",
  { ...globalOptions, domainId, watchlistId, output: outputOption("json") },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.flatMap(
        voiceId.describeWatchlist({ DomainId: flags.domainId, WatchlistId: flags.watchlistId }),
        print(flags.output)
      )
    )
).pipe(Command.withDescription("Describe a watchlist."))

const watchlistsCreate = Command.make(
  "create",
  {
    ...globalOptions,
    domainId,
    name: Options.text("name").pipe(Options.withDescription("The watchlist's name.")),
    description,
    clientToken,
    output: outputOption("json")
  },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.flatMap(
        voiceId.createWatchlist({
          DomainId: flags.domainId,
          Name: flags.name,
          ...optional("Description", flags.description),
          ...optional("ClientToken", flags.clientToken)
        }),
        print(flags.output)
      )
    )
).pipe(Command.withDescription("Create a watchlist."))

const watchlistsUpdate = Command.make(
  "update",
  {
    ...globalOptions,
    domainId,
    watchlistId,
    name: Options.text("name").pipe(Options.withDescription("A new name."), Options.optional),
    description,
    output: outputOption("json")
  },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.flatMap(
        voiceId.updateWatchlist({
          DomainId: flags.domainId,
          WatchlistId: flags.watchlistId,
          ...optional("Name", flags.name),
          ...optional("Description", flags.description)
        }),
        print(flags.output)
      )
    )
).pipe(Command.withDescription("Rename a watchlist or change its description (what is left out is kept)."))

const watchlistsDelete = Command.make("delete", { ...globalOptions, domainId, watchlistId }, (flags) =>
  withClient(flags, (voiceId) =>
    Effect.asVoid(voiceId.deleteWatchlist({ DomainId: flags.domainId, WatchlistId: flags.watchlistId }))
  )
).pipe(Command.withDescription("Delete an empty watchlist (not the default one)."))

/** `voiceid watchlists`. */
export const watchlists = Command.make(
  "watchlists",
  {},
  groupHandler("voiceid watchlists", ["list", "describe", "create", "update", "delete"])
).pipe(
  Command.withDescription("Watchlists of fraudsters: list, describe, create, update, delete."),
  Command.withSubcommands([watchlistsList, watchlistsDescribe, watchlistsCreate, watchlistsUpdate, watchlistsDelete])
)
