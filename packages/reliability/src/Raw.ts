/**
 * Requests below the client: SigV4-signed requests built by hand (to break them on purpose) sent with `fetch`, and
 * raw bytes over a TCP socket (for requests no HTTP client would send).
 *
 * @since 0.1.0
 */
import * as net from "node:net"
import { NodeSigner } from "@effect-voiceid/node"
import { SigV4 } from "@effect-voiceid/protocol"

/**
 * Where and as whom to sign.
 *
 * @category models
 * @since 0.1.0
 */
export interface Endpoint {
  readonly url: string
  readonly region: string
  readonly accessKeyId: string
  readonly secretAccessKey: string
}

/**
 * A request to sign and send.
 *
 * @category models
 * @since 0.1.0
 */
export interface RawRequest {
  readonly method?: string | undefined
  readonly path?: string | undefined
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string | Uint8Array | undefined
}

/**
 * How to sign: every part may be changed to make a wrong signature.
 *
 * @category models
 * @since 0.1.0
 */
export interface SignAs {
  readonly accessKeyId?: string | undefined
  readonly secretAccessKey?: string | undefined
  readonly sessionToken?: string | undefined
  readonly region?: string | undefined
  readonly service?: string | undefined
  readonly signingDate?: Date | undefined
  /** Sign exactly these lower-case header names (default: every header given, and `host`). */
  readonly signedHeaders?: ReadonlyArray<string> | undefined
}

/**
 * The headers of `request` with a SigV4 signature (`authorization`, `x-amz-date`, the token when given) over them,
 * `host` included.
 *
 * @category signing
 * @since 0.1.0
 */
export const signed = (endpoint: Endpoint, request: RawRequest, as: SignAs = {}): Record<string, string> => {
  const host = new URL(endpoint.url).host
  const headers: Record<string, string> = { host, ...request.headers }
  const result = SigV4.sign(
    NodeSigner.nodeCrypto,
    { method: request.method ?? "POST", path: request.path ?? "/", headers, body: request.body ?? "" },
    {
      accessKeyId: as.accessKeyId ?? endpoint.accessKeyId,
      secretAccessKey: as.secretAccessKey ?? endpoint.secretAccessKey,
      sessionToken: as.sessionToken
    },
    {
      region: as.region ?? endpoint.region,
      service: as.service ?? "voiceid",
      signingDate: as.signingDate ?? new Date(),
      ...(as.signedHeaders === undefined ? {} : { signedHeaders: as.signedHeaders })
    }
  )
  const out: Record<string, string> = { ...request.headers }
  for (const [name, value] of Object.entries(result.headers)) if (value !== undefined) out[name] = value
  return out
}

/**
 * An answer as received.
 *
 * @category models
 * @since 0.1.0
 */
export interface RawAnswer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  /** The `__type` of an awsJson error body, after its `#`. */
  readonly code: string | undefined
}

/**
 * Sends a request with `fetch`.
 *
 * @category sending
 * @since 0.1.0
 */
export const send = async (url: string, request: RawRequest): Promise<RawAnswer> => {
  const response = await fetch(url + (request.path ?? "/"), {
    method: request.method ?? "POST",
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body as BodyInit })
  })
  const text = await response.text()
  let code: string | undefined
  try {
    const type = (JSON.parse(text) as { readonly __type?: unknown }).__type
    if (typeof type === "string") code = type.slice(type.indexOf("#") + 1)
  } catch {
    code = undefined
  }
  return { status: response.status, headers: response.headers, text, code }
}

/**
 * Writes `data` (latin1) to a new connection and collects what comes back until the server closes the connection
 * (or `limitMs` passes, then the socket is destroyed).
 *
 * @category sending
 * @since 0.1.0
 */
export const tcp = (port: number, data: string, limitMs = 10_000): Promise<string> =>
  new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1")
    let received = ""
    const timer = setTimeout(() => socket.destroy(), limitMs)
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1")
    })
    socket.on("error", () => {})
    socket.on("close", () => {
      clearTimeout(timer)
      resolve(received)
    })
    socket.write(data, "latin1")
  })
