/**
 * Loader of the two AWS Signature Version 4 test suites copied under `sigv4/`: aws-c-auth's
 * (`aws-c-auth-v4/<case>/request.txt`, `context.json`, `header-*.txt`, `query-*.txt`) and botocore's
 * (`botocore-aws4_testsuite/[group/]<case>/<case>.req`, `.creq`, `.sts`, `.authz`, `.sreq`). Both are read into
 * one typed case shape, with the request parsed exactly as written (raw target, folded header values, repeated
 * headers, body).
 *
 * @since 0.1.0
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/**
 * The two suites.
 *
 * @category models
 * @since 0.1.0
 */
export type SigV4Suite = "aws-c-auth-v4" | "botocore-aws4_testsuite"

/**
 * An unsigned request as the suite writes it.
 *
 * @category models
 * @since 0.1.0
 */
export interface SigV4RawRequest {
  readonly method: string
  /** The request target, raw (may hold spaces and UTF-8). */
  readonly target: string
  /** The target before `?`, raw. */
  readonly path: string
  /** The target after the first `?`, raw; `undefined` when there is no `?`. */
  readonly query: string | undefined
  /** Header lines in file order, names as written; a folded value keeps its line breaks and indentation. */
  readonly headers: ReadonlyArray<readonly [name: string, value: string]>
  /** The body, or `undefined` when the request has none. */
  readonly body: string | undefined
}

/**
 * The signing context of a case.
 *
 * @category models
 * @since 0.1.0
 */
export interface SigV4Context {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken: string | undefined
  readonly region: string
  readonly service: string
  /** ISO 8601. */
  readonly timestamp: string
  /** Normalize the URI path (remove `.`/`..` and empty segments). */
  readonly normalize: boolean
  /** Add and sign `x-amz-content-sha256`. */
  readonly signBody: boolean
  /** Sign without the session token and add it afterwards. */
  readonly omitSessionToken: boolean
  /** Presigned-URL lifetime (aws-c-auth only). */
  readonly expirationInSeconds: number | undefined
}

/**
 * What signing must produce in one mode.
 *
 * @category models
 * @since 0.1.0
 */
export interface SigV4Expected {
  readonly canonicalRequest: string
  readonly stringToSign: string
  readonly signature: string
  /** The signed request as the suite writes it. */
  readonly signedRequest: string
}

/**
 * One case of either suite.
 *
 * @category models
 * @since 0.1.0
 */
export interface SigV4Case {
  readonly suite: SigV4Suite
  /** Case name, with its group folder for botocore's nested cases (`normalize-path/get-space`). */
  readonly name: string
  readonly request: SigV4RawRequest
  readonly context: SigV4Context
  /** Authorization-header signing. */
  readonly header: SigV4Expected & {
    /** The expected `Authorization` value. */
    readonly authorization: string
  }
  /** Presigned-URL (query) signing; aws-c-auth only. */
  readonly query: SigV4Expected | undefined
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "sigv4")

const read = (path: string): string => readFileSync(path, "utf8")

/**
 * Parses a request file of either suite: `METHOD SP target SP HTTP/1.1`, then `Name:value` lines (a line starting
 * with a space or tab continues the previous value, line break included), an empty line, and the body to the end
 * of the file. A file that ends right after the headers (with or without one `\n`) has no body.
 *
 * @category parsing
 * @since 0.1.0
 */
export const parseRequest = (text: string): SigV4RawRequest => {
  const firstBreak = text.indexOf("\n")
  const requestLine = firstBreak === -1 ? text : text.slice(0, firstBreak)
  const space = requestLine.indexOf(" ")
  const versionAt = requestLine.lastIndexOf(" HTTP/")
  if (space === -1 || versionAt <= space) throw new Error(`Malformed request line: ${JSON.stringify(requestLine)}`)
  const method = requestLine.slice(0, space)
  const target = requestLine.slice(space + 1, versionAt)
  const question = target.indexOf("?")
  const headers: Array<[string, string]> = []
  let body: string | undefined
  let at = firstBreak === -1 ? text.length : firstBreak + 1
  while (at < text.length) {
    const end = text.indexOf("\n", at)
    const line = end === -1 ? text.slice(at) : text.slice(at, end)
    const next = end === -1 ? text.length : end + 1
    if (line === "") {
      // End of headers: what follows (possibly nothing) is the body.
      body = next < text.length ? text.slice(next) : undefined
      break
    }
    const first = line.charCodeAt(0)
    if (first === 0x20 || first === 0x09) {
      const last = headers[headers.length - 1]
      if (last === undefined) throw new Error(`Continuation line before any header: ${JSON.stringify(line)}`)
      last[1] += "\n" + line
    } else {
      const colon = line.indexOf(":")
      if (colon === -1) throw new Error(`Malformed header line: ${JSON.stringify(line)}`)
      headers.push([line.slice(0, colon), line.slice(colon + 1)])
    }
    at = next
  }
  return {
    method,
    target,
    path: question === -1 ? target : target.slice(0, question),
    query: question === -1 ? undefined : target.slice(question + 1),
    headers,
    body
  }
}

const authorizationLine = (signedRequest: string, file: string): string => {
  for (const line of signedRequest.split("\n")) {
    if (line.toLowerCase().startsWith("authorization:")) return line.slice("authorization:".length).trim()
  }
  throw new Error(`No Authorization line in ${file}`)
}

interface CAuthContextJson {
  readonly credentials: {
    readonly access_key_id: string
    readonly secret_access_key: string
    readonly token?: string
  }
  readonly region: string
  readonly service: string
  readonly timestamp: string
  readonly normalize: boolean
  readonly sign_body: boolean
  readonly expiration_in_seconds?: number
  readonly omit_session_token?: boolean
}

const loadCAuthCase = (name: string): SigV4Case => {
  const dir = join(root, "aws-c-auth-v4", name)
  const file = (f: string) => read(join(dir, f))
  const json = JSON.parse(file("context.json")) as CAuthContextJson
  const headerSigned = file("header-signed-request.txt")
  return {
    suite: "aws-c-auth-v4",
    name,
    request: parseRequest(file("request.txt")),
    context: {
      accessKeyId: json.credentials.access_key_id,
      secretAccessKey: json.credentials.secret_access_key,
      sessionToken: json.credentials.token,
      region: json.region,
      service: json.service,
      timestamp: json.timestamp,
      normalize: json.normalize,
      signBody: json.sign_body,
      omitSessionToken: json.omit_session_token === true,
      expirationInSeconds: json.expiration_in_seconds
    },
    header: {
      canonicalRequest: file("header-canonical-request.txt"),
      stringToSign: file("header-string-to-sign.txt"),
      signature: file("header-signature.txt").trim(),
      signedRequest: headerSigned,
      authorization: authorizationLine(headerSigned, `${name}/header-signed-request.txt`)
    },
    query: {
      canonicalRequest: file("query-canonical-request.txt"),
      stringToSign: file("query-string-to-sign.txt"),
      signature: file("query-signature.txt").trim(),
      signedRequest: file("query-signed-request.txt")
    }
  }
}

// botocore's suite shares one context; the token, when any, is the one its canonical request signs.
const botocoreContext = (canonicalRequest: string): SigV4Context => {
  const tokenLine = canonicalRequest.split("\n").find((line) => line.startsWith("x-amz-security-token:"))
  return {
    accessKeyId: "AKIDEXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    sessionToken: tokenLine === undefined ? undefined : tokenLine.slice("x-amz-security-token:".length),
    region: "us-east-1",
    service: "service",
    timestamp: "2015-08-30T12:36:00Z",
    normalize: true,
    signBody: false,
    omitSessionToken: false,
    expirationInSeconds: undefined
  }
}

const loadBotocoreCase = (name: string): SigV4Case => {
  const dir = join(root, "botocore-aws4_testsuite", name)
  const base = name.slice(name.lastIndexOf("/") + 1)
  const file = (ext: string) => read(join(dir, base + ext))
  const canonicalRequest = file(".creq")
  const authorization = file(".authz").trim()
  const signature = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1]
  if (signature === undefined) throw new Error(`No signature in ${name}.authz`)
  return {
    suite: "botocore-aws4_testsuite",
    name,
    request: parseRequest(file(".req")),
    context: botocoreContext(canonicalRequest),
    header: {
      canonicalRequest,
      stringToSign: file(".sts"),
      signature,
      signedRequest: file(".sreq"),
      authorization
    },
    query: undefined
  }
}

const caseDirectories = (suiteDir: string, marker: (dir: string, name: string) => boolean, prefix = ""): string[] =>
  readdirSync(join(suiteDir, prefix))
    .filter((entry) => statSync(join(suiteDir, prefix, entry)).isDirectory())
    .sort()
    .flatMap((entry) => {
      const name = prefix === "" ? entry : `${prefix}/${entry}`
      return marker(join(suiteDir, name), entry) ? [name] : caseDirectories(suiteDir, marker, name)
    })

/**
 * Every case of aws-c-auth's suite (38), sorted by name.
 *
 * @category loading
 * @since 0.1.0
 */
export const loadAwsCAuthCases = (): ReadonlyArray<SigV4Case> =>
  caseDirectories(join(root, "aws-c-auth-v4"), (dir) => existsSync(join(dir, "request.txt"))).map(loadCAuthCase)

/**
 * Every case of botocore's suite (34), sorted by name, nested ones named `group/case`.
 *
 * @category loading
 * @since 0.1.0
 */
export const loadBotocoreCases = (): ReadonlyArray<SigV4Case> =>
  caseDirectories(join(root, "botocore-aws4_testsuite"), (dir, entry) => existsSync(join(dir, `${entry}.req`))).map(
    loadBotocoreCase
  )

/**
 * Every case of both suites.
 *
 * @category loading
 * @since 0.1.0
 */
export const loadSigV4Cases = (): ReadonlyArray<SigV4Case> => [...loadAwsCAuthCases(), ...loadBotocoreCases()]
