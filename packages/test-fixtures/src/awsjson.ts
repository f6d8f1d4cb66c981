/**
 * Loader of Smithy's awsJson1_0 protocol test cases, copied under `awsjson1_0/` (see its README for the source
 * and licence): error responses (`errors.json`), requests (`requests.json`), successful responses
 * (`responses.json`) and the shapes the cases use (`shapes.json`), typed as the files hold them.
 *
 * @since 0.1.0
 */
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "awsjson1_0")

/**
 * A JSON value as the cases write `params` (Smithy node values: timestamps are epoch seconds, blobs their UTF-8
 * text, float specials the strings `"NaN"`, `"Infinity"`, `"-Infinity"`).
 *
 * @category models
 * @since 0.1.0
 */
export type AwsJsonNode =
  | string
  | number
  | boolean
  | null
  | ReadonlyArray<AwsJsonNode>
  | { readonly [key: string]: AwsJsonNode }

/**
 * What every case carries.
 *
 * @category models
 * @since 0.1.0
 */
export interface AwsJsonCaseBase {
  /** The Smithy test id. */
  readonly id: string
  readonly documentation: string
  readonly sourceDocumentation?: string
  readonly source: string
  readonly sourceFile: string
  /** Which side must pass the case: a client runs `client` and `both` cases. */
  readonly appliesTo: "client" | "server" | "both"
  readonly tags?: ReadonlyArray<string>
  /** `JsonRpc10`, or `QueryCompatibleJsonRpc10` for the `@awsQueryCompatible` service. */
  readonly service: string
  readonly serviceTraits: ReadonlyArray<string>
  /** Headers that must be present with these values (names compare case-insensitively). */
  readonly headers: Readonly<Record<string, string>>
  /** The exact body text; `""` for none. */
  readonly body: string
  /** `application/json` when the body compares as parsed JSON. */
  readonly bodyMediaType?: string
}

/**
 * An error response and the modeled error a client must raise for it.
 *
 * @category models
 * @since 0.1.0
 */
export interface AwsJsonErrorCase extends AwsJsonCaseBase {
  readonly status: number
  /** The error's shape name (the code a client resolves). */
  readonly expectedErrorName: string
  readonly expectedErrorShapeId: string
  readonly errorFault: "client" | "server"
  /** Operations that list the error. */
  readonly operations: ReadonlyArray<string>
  /** The error members the client must read. */
  readonly params: Readonly<Record<string, AwsJsonNode>>
  readonly vendorParamsShape?: string
  readonly vendorParams?: Readonly<Record<string, AwsJsonNode>>
  readonly awsQueryError?: { readonly code: string; readonly httpResponseCode: number }
}

/**
 * A request a client must send for an input (or a server must read).
 *
 * @category models
 * @since 0.1.0
 */
export interface AwsJsonRequestCase extends AwsJsonCaseBase {
  readonly operation: string
  readonly params: Readonly<Record<string, AwsJsonNode>>
  readonly method: string
  readonly uri: string
  /** The input shape in `shapes.json`; absent for an operation without input. */
  readonly inputShape?: string
  readonly outputShape?: string
  readonly host?: string
  readonly resolvedHost?: string
}

/**
 * A successful response and the output a client must read from it.
 *
 * @category models
 * @since 0.1.0
 */
export interface AwsJsonResponseCase extends AwsJsonCaseBase {
  readonly operation: string
  readonly status: number
  readonly params: Readonly<Record<string, AwsJsonNode>>
  readonly inputShape?: string
  /** The output shape in `shapes.json`; absent for an operation without output. */
  readonly outputShape?: string
}

/**
 * A member of a shape: its target (prelude targets by short name: `String`, `Integer`, `Timestamp`, `Blob`, …)
 * and its traits by short name (`required`, `default`, `jsonName`, …).
 *
 * @category models
 * @since 0.1.0
 */
export interface AwsJsonMember {
  readonly target: string
  readonly traits?: Readonly<Record<string, AwsJsonNode>>
}

/**
 * A shape the cases use. Lists and maps name their parts as members `member`, `key`, `value`.
 *
 * @category models
 * @since 0.1.0
 */
export interface AwsJsonShape {
  readonly type: "structure" | "union" | "list" | "map" | "enum" | "intEnum"
  readonly traits?: Readonly<Record<string, AwsJsonNode>>
  readonly members?: Readonly<Record<string, AwsJsonMember>>
  /** Enum names and their values. */
  readonly values?: Readonly<Record<string, string | number>>
}

const readJson = <A>(file: string): A => JSON.parse(readFileSync(join(root, file), "utf8")) as A

/**
 * The awsJson1_0 cases, read once.
 *
 * @category fixtures
 * @since 0.1.0
 */
export const awsJson10 = {
  errors: readJson<ReadonlyArray<AwsJsonErrorCase>>("errors.json"),
  requests: readJson<ReadonlyArray<AwsJsonRequestCase>>("requests.json"),
  responses: readJson<ReadonlyArray<AwsJsonResponseCase>>("responses.json"),
  shapes: readJson<{ readonly source: string; readonly shapes: Readonly<Record<string, AwsJsonShape>> }>("shapes.json")
    .shapes
} as const
