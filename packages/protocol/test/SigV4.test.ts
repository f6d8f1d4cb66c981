import { createHash, createHmac } from "node:crypto"
import { describe, expect, it } from "@effect/vitest"
import { loadAwsCAuthCases, loadBotocoreCases, type SigV4Case } from "@effect-voiceid/test-fixtures"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import { SigV4 } from "../src/index.js"

const nodeCrypto: SigV4.Sha256Hmac = {
  sha256Hex: (data) => createHash("sha256").update(data).digest("hex"),
  hmacSha256: (key, data) => createHmac("sha256", key).update(data).digest()
}

const webCrypto = SigV4.fromSubtle(globalThis.crypto.subtle)

const cAuthCases = loadAwsCAuthCases()
const botocoreCases = loadBotocoreCases()

// Repeated header lines become one array under the first spelling of the name, in file order.
const headersOf = (c: SigV4Case): SigV4.Headers => {
  const byLowerName = new Map<string, { name: string; values: Array<string> }>()
  for (const [name, value] of c.request.headers) {
    const entry = byLowerName.get(name.toLowerCase())
    if (entry === undefined) byLowerName.set(name.toLowerCase(), { name, values: [value] })
    else entry.values.push(value)
  }
  return Object.fromEntries(
    [...byLowerName.values()].map(({ name, values }) => [name, values.length === 1 ? values[0]! : values])
  )
}

// The decoded form of the raw query (split on `&` and the first `=`, each part percent-decoded).
const decodedQuery = (raw: string | undefined): SigV4.Query | undefined => {
  if (raw === undefined) return undefined
  const query: Record<string, Array<string>> = {}
  for (const part of raw.split("&")) {
    if (part === "") continue
    const eq = part.indexOf("=")
    const key = decodeURIComponent(eq === -1 ? part : part.slice(0, eq))
    const value = eq === -1 ? "" : decodeURIComponent(part.slice(eq + 1))
    const values = query[key] ?? []
    values.push(value)
    query[key] = values
  }
  return query
}

const requestOf = (c: SigV4Case, queryForm: "raw" | "decoded"): SigV4.Request => ({
  method: c.request.method,
  path: c.request.path,
  query: queryForm === "raw" ? c.request.query : decodedQuery(c.request.query),
  headers: headersOf(c),
  body: c.request.body
})

const credentialsOf = (c: SigV4Case): SigV4.Credentials => ({
  accessKeyId: c.context.accessKeyId,
  secretAccessKey: c.context.secretAccessKey,
  sessionToken: c.context.sessionToken
})

const optionsOf = (c: SigV4Case): SigV4.SignOptions => ({
  region: c.context.region,
  service: c.context.service,
  signingDate: new Date(c.context.timestamp),
  normalizePath: c.context.normalize,
  signBody: c.context.signBody,
  omitSessionToken: c.context.omitSessionToken
})

// The returned canonical request hides the session token; the string to sign (which hashes the real canonical
// request) and the signature prove the unredacted one.
const expectedCanonicalRequest = (c: SigV4Case): string =>
  c.header.canonicalRequest.replace(/^x-amz-security-token:.*$/m, `x-amz-security-token:${SigV4.redacted}`)

// aws-c-auth writes the signed request as the original header lines followed by the added ones.
const expectedAddedHeaders = (c: SigV4Case): Record<string, string> => {
  const lines = c.header.signedRequest.split("\n")
  const originalLines = c.request.headers.reduce((n, [, value]) => n + value.split("\n").length, 0)
  const added: Record<string, string> = {}
  for (const line of lines.slice(1 + originalLines)) {
    if (line === "") break
    const colon = line.indexOf(":")
    added[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1)
  }
  return added
}

const check = (c: SigV4Case, signed: SigV4.Signed) => {
  expect(signed.canonicalRequest).toBe(expectedCanonicalRequest(c))
  expect(signed.stringToSign).toBe(c.header.stringToSign)
  expect(signed.signature).toBe(c.header.signature)
  expect(signed.headers.authorization).toBe(c.header.authorization)
  if (c.suite === "aws-c-auth-v4") {
    expect({ ...signed.headers }).toEqual(expectedAddedHeaders(c))
  }
}

// No case is expected to fail: the signer takes the raw path and encodes it itself, so even the un-normalized
// and space/UTF-8 paths that URL-based signers cannot express are signable.
describe("SigV4 conformance (header signing)", () => {
  it("loads both suites completely", () => {
    expect(cAuthCases.length).toBe(38)
    expect(botocoreCases.length).toBe(34)
    expect(cAuthCases.filter((c) => c.context.normalize === false).length).toBe(7)
  })

  for (const [suite, cases] of [
    ["aws-c-auth-v4", cAuthCases],
    ["botocore-aws4_testsuite", botocoreCases]
  ] as const) {
    describe(suite, () => {
      describe("sign (node:crypto, raw query string)", () => {
        for (const c of cases) {
          it(c.name, () => {
            check(c, SigV4.sign(nodeCrypto, requestOf(c, "raw"), credentialsOf(c), optionsOf(c)))
          })
        }
      })
      describe("signAsync (WebCrypto, decoded query)", () => {
        for (const c of cases) {
          it(c.name, async () => {
            check(c, await SigV4.signAsync(webCrypto, requestOf(c, "decoded"), credentialsOf(c), optionsOf(c)))
          })
        }
      })
    })
  }

  // Presigned URLs (query signing, the aws-c-auth `query-*` files) are not implemented: Voice ID is only called
  // with the Authorization header.
  it.skip("query signing (presigned URLs): not implemented", () => {})
})

const voiceIdRequest: SigV4.Request = {
  method: "POST",
  path: "/",
  headers: {
    Host: "voiceid.us-east-1.amazonaws.com",
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Target": "VoiceID.DescribeDomain",
    "User-Agent": "effect-voiceid/0.1.0",
    traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    "Content-Length": "31"
  },
  body: '{"DomainId":"abcdefghij1234567"}'
}

const secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
const token = "FwoGZXIvYXdzEXAMPLEsessionTOKENvalue+/=="
const voiceIdOptions: SigV4.SignOptions = {
  region: "us-east-1",
  service: "voiceid",
  signingDate: new Date("2026-05-19T10:11:12.345Z")
}

describe("SigV4 building blocks", () => {
  it("amzDate and credentialScope", () => {
    expect(SigV4.amzDate(new Date("2015-08-30T12:36:00.999Z"))).toBe("20150830T123600Z")
    expect(SigV4.credentialScope("20150830", "us-east-1", "service")).toBe("20150830/us-east-1/service/aws4_request")
  })

  it.prop(
    "amzDate agrees with toISOString",
    [
      FastCheck.date({
        min: new Date("0001-01-01T00:00:00Z"),
        max: new Date("9999-12-31T23:59:59.999Z"),
        noInvalidDate: true
      })
    ],
    ([date]) => {
      const iso = date.toISOString()
      expect(SigV4.amzDate(date)).toBe(
        iso.slice(0, 4) +
          iso.slice(5, 7) +
          iso.slice(8, 10) +
          "T" +
          iso.slice(11, 13) +
          iso.slice(14, 16) +
          iso.slice(17, 19) +
          "Z"
      )
    },
    { fastCheck: { numRuns: 2000 } }
  )

  it("uriEncode keeps only unreserved characters", () => {
    expect(SigV4.uriEncode("AZaz09-._~")).toBe("AZaz09-._~")
    expect(SigV4.uriEncode("a b/c+d!'()*$&=%")).toBe("a%20b%2Fc%2Bd%21%27%28%29%2A%24%26%3D%25")
    expect(SigV4.uriEncode("ሴ")).toBe("%E1%88%B4")
    expect(SigV4.uriEncode("\ud800x")).toBe("%EF%BF%BDx")
  })

  it("canonicalPath encodes segments and normalizes on request", () => {
    expect(SigV4.canonicalPath("/")).toBe("/")
    expect(SigV4.canonicalPath("")).toBe("/")
    expect(SigV4.canonicalPath("//example//a/./b/../")).toBe("/example/a/")
    expect(SigV4.canonicalPath("/example/..")).toBe("/")
    expect(SigV4.canonicalPath("//example//a/./b/../", false)).toBe("//example//a/./b/../")
    expect(SigV4.canonicalPath("/example space/ሴ")).toBe("/example%20space/%E1%88%B4")
  })

  it("canonicalQuery sorts by key then value and tolerates malformed escapes", () => {
    expect(SigV4.canonicalQuery("b=2&a=2&a=1&c&&d=%zz")).toBe("a=1&a=2&b=2&c=&d=%25zz")
    expect(SigV4.canonicalQuery({ "a-b": "1", a: ["x y", "w"], skip: undefined })).toBe("a=w&a=x%20y&a-b=1")
    expect(SigV4.canonicalQuery(undefined)).toBe("")
  })

  it("trimHeaderValue trims and collapses whitespace runs", () => {
    expect(SigV4.trimHeaderValue("plain value")).toBe("plain value")
    expect(SigV4.trimHeaderValue("  a   b \t c  ")).toBe("a b c")
    expect(SigV4.trimHeaderValue("value1\n  value2\n     value3")).toBe("value1 value2 value3")
    expect(SigV4.trimHeaderValue("   ")).toBe("")
    expect(SigV4.trimHeaderValue("")).toBe("")
  })

  it("canonicalHeaders lower-cases, sorts, joins repeats and leaves out unsignable headers", () => {
    expect(
      SigV4.canonicalHeaders({
        "X-B": "2",
        host: "h",
        "User-Agent": "ua",
        "Proxy-Authorization": "p",
        "x-b": [" 3 ", "4"],
        "Sec-Fetch-Mode": "cors",
        traceparent: "t",
        "x-a": undefined
      })
    ).toEqual({ canonicalHeaders: "host:h\nx-b:2,3,4\n", signedHeaders: "host;x-b" })
  })

  it("by default signs the Voice ID request's protocol headers, not user-agent or trace context", () => {
    const signed = SigV4.sign(
      nodeCrypto,
      voiceIdRequest,
      { accessKeyId: "AKID", secretAccessKey: secret },
      voiceIdOptions
    )
    expect(signed.signedHeaders).toBe("content-length;content-type;host;x-amz-date;x-amz-target")
    expect(signed.headers).toEqual({
      "x-amz-date": "20260519T101112Z",
      authorization: `AWS4-HMAC-SHA256 Credential=AKID/20260519/us-east-1/voiceid/aws4_request, SignedHeaders=${signed.signedHeaders}, Signature=${signed.signature}`
    })
    const custom = SigV4.sign(
      nodeCrypto,
      voiceIdRequest,
      { accessKeyId: "AKID", secretAccessKey: secret },
      { ...voiceIdOptions, unsignableHeaders: new Set(["content-length"]) }
    )
    expect(custom.signedHeaders).toBe("content-type;host;traceparent;user-agent;x-amz-date;x-amz-target")
  })

  it("signBody adds and signs x-amz-content-sha256; payloadHash overrides the body hash", () => {
    const signed = SigV4.sign(
      nodeCrypto,
      voiceIdRequest,
      { accessKeyId: "AKID", secretAccessKey: secret },
      { ...voiceIdOptions, signBody: true, payloadHash: SigV4.unsignedPayload }
    )
    expect(signed.headers["x-amz-content-sha256"]).toBe(SigV4.unsignedPayload)
    expect(signed.canonicalRequest).toContain("\nx-amz-content-sha256:UNSIGNED-PAYLOAD\n")
    expect(signed.canonicalRequest.endsWith("\nUNSIGNED-PAYLOAD")).toBe(true)
  })

  it("a signing-key cache gives the same signature and saves the key derivation", () => {
    let hmacs = 0
    const counting: SigV4.Sha256Hmac = {
      sha256Hex: nodeCrypto.sha256Hex,
      hmacSha256: (key, data) => {
        hmacs++
        return nodeCrypto.hmacSha256(key, data)
      }
    }
    const credentials = { accessKeyId: "AKID", secretAccessKey: secret }
    const uncached = SigV4.sign(counting, voiceIdRequest, credentials, voiceIdOptions)
    expect(hmacs).toBe(5)
    const cache = SigV4.makeSigningKeyCache()
    hmacs = 0
    const first = SigV4.sign(counting, voiceIdRequest, credentials, { ...voiceIdOptions, signingKeyCache: cache })
    const second = SigV4.sign(counting, voiceIdRequest, credentials, { ...voiceIdOptions, signingKeyCache: cache })
    expect(hmacs).toBe(5 + 1)
    expect(first.signature).toBe(uncached.signature)
    expect(second.signature).toBe(uncached.signature)
    // Another secret for the same scope is not served the cached key.
    hmacs = 0
    const other = SigV4.sign(
      counting,
      voiceIdRequest,
      { accessKeyId: "AKID", secretAccessKey: "other" },
      {
        ...voiceIdOptions,
        signingKeyCache: cache
      }
    )
    expect(hmacs).toBe(5)
    expect(other.signature).not.toBe(uncached.signature)
  })

  it("a verifier re-signing with the parsed SignedHeaders gets the client's signature", async () => {
    const credentials = { accessKeyId: "AKID", secretAccessKey: secret, sessionToken: token }
    const signed = SigV4.sign(nodeCrypto, voiceIdRequest, credentials, voiceIdOptions)
    // What the server receives: the request plus the added headers, names in the case the wire gives.
    const received: SigV4.Request = {
      ...voiceIdRequest,
      headers: {
        ...voiceIdRequest.headers,
        "X-Amz-Date": signed.headers["x-amz-date"],
        "X-Amz-Security-Token": token,
        Authorization: signed.headers.authorization
      }
    }
    const parsed = Either.getOrThrow(SigV4.parseAuthorization(signed.headers.authorization))
    const verifierOptions: SigV4.SignOptions = {
      region: parsed.region,
      service: parsed.service,
      signingDate: voiceIdOptions.signingDate,
      signedHeaders: parsed.signedHeaders
    }
    const verified = SigV4.sign(nodeCrypto, received, { accessKeyId: "AKID", secretAccessKey: secret }, verifierOptions)
    expect(verified.signature).toBe(signed.signature)
    expect(verified.signedHeaders).toBe(signed.signedHeaders)
    const verifiedAsync = await SigV4.signAsync(
      webCrypto,
      received,
      { accessKeyId: "AKID", secretAccessKey: secret },
      verifierOptions
    )
    expect(verifiedAsync.signature).toBe(signed.signature)
    // A tampered body does not verify.
    const tampered = SigV4.sign(
      nodeCrypto,
      { ...received, body: '{"DomainId":"zzzzzzzzzz1234567"}' },
      { accessKeyId: "AKID", secretAccessKey: secret },
      verifierOptions
    )
    expect(tampered.signature).not.toBe(signed.signature)
  })
})

describe("SigV4.sign fast paths sign the same bytes", () => {
  const credentials = { accessKeyId: "AKID", secretAccessKey: secret, sessionToken: token }
  const reference = SigV4.sign(nodeCrypto, voiceIdRequest, credentials, voiceIdOptions)

  it("whatever the shape of the options object", () => {
    const defaults = { region: "us-east-1", service: "voiceid" }
    class Options {
      readonly region = "us-east-1"
      readonly service = "voiceid"
      readonly signingDate = voiceIdOptions.signingDate
    }
    const inherited: SigV4.SignOptions = Object.create(voiceIdOptions)
    const hidden: SigV4.SignOptions = Object.defineProperty(
      { region: "us-east-1", service: "voiceid" },
      "signingDate",
      {
        value: voiceIdOptions.signingDate,
        enumerable: false
      }
    ) as SigV4.SignOptions
    const shapes: ReadonlyArray<SigV4.SignOptions> = [
      { ...defaults, signingDate: voiceIdOptions.signingDate },
      { ...defaults, signingDate: voiceIdOptions.signingDate, signingKeyCache: SigV4.makeSigningKeyCache() },
      new Options(),
      inherited,
      hidden
    ]
    for (const options of shapes) {
      expect(SigV4.sign(nodeCrypto, voiceIdRequest, credentials, options).headers).toEqual(reference.headers)
    }
  })

  it("reads every optional member of a plain options object", () => {
    const base = { region: "us-east-1", service: "voiceid", signingDate: voiceIdOptions.signingDate }
    const named = (options: SigV4.SignOptions) => Object.setPrototypeOf({ ...options }, { marker: true })
    const variants: ReadonlyArray<SigV4.SignOptions> = [
      { ...base, normalizePath: false },
      { ...base, signBody: true },
      { ...base, signBody: true, payloadHash: SigV4.unsignedPayload },
      { ...base, omitSessionToken: true },
      { ...base, unsignableHeaders: new Set(["content-length"]) },
      { ...base, signedHeaders: ["host", "x-amz-date"] }
    ]
    const request = { ...voiceIdRequest, path: "/a/./b" }
    const unset = SigV4.sign(nodeCrypto, request, credentials, base)
    for (const options of variants) {
      // The same options behind a prototype are read member by member: both readings must agree.
      const plain = SigV4.sign(nodeCrypto, request, credentials, options)
      const other = SigV4.sign(nodeCrypto, request, credentials, named(options))
      expect(plain.canonicalRequest).toBe(other.canonicalRequest)
      expect(plain.headers).toEqual(other.headers)
      // Each member changes what is signed: it was read.
      expect(plain.canonicalRequest).not.toBe(unset.canonicalRequest)
    }
  })

  it("a crypto's hex HMAC gives the signature its byte HMAC gives", () => {
    const withHex: SigV4.Sha256Hmac = {
      ...nodeCrypto,
      hmacSha256Hex: (key, data) => createHmac("sha256", key).update(data).digest("hex")
    }
    expect(SigV4.sign(withHex, voiceIdRequest, credentials, voiceIdOptions).headers).toEqual(reference.headers)
  })

  it("time stamps and scopes are not reused across seconds, days, regions or services", () => {
    const cache = SigV4.makeSigningKeyCache()
    const dates = [
      "2026-05-19T10:11:12.345Z",
      "2026-05-19T10:11:12.999Z",
      "2026-05-19T10:11:13.000Z",
      "2026-05-20T00:00:00Z"
    ]
    const contexts = dates.flatMap((date) =>
      [
        ["us-east-1", "voiceid"],
        ["eu-west-2", "voiceid"],
        ["eu-west-2", "other"]
      ].map(([region, service]) => ({ region: region!, service: service!, signingDate: new Date(date) }))
    )
    // Each signed after a different one, with and without a key cache, against a fresh derivation.
    const expected = contexts.map((options) => SigV4.sign(nodeCrypto, voiceIdRequest, credentials, options).headers)
    for (let round = 0; round < 2; round++) {
      for (let i = contexts.length - 1; i >= 0; i--) {
        const options = { ...contexts[i]!, signingKeyCache: cache }
        const headers = SigV4.sign(nodeCrypto, voiceIdRequest, credentials, options).headers
        expect(headers).toEqual(expected[i])
        expect(headers["x-amz-date"]).toBe(SigV4.amzDate(contexts[i]!.signingDate))
        expect(headers.authorization).toContain(
          "/" +
            SigV4.credentialScope(headers["x-amz-date"].slice(0, 8), contexts[i]!.region, contexts[i]!.service) +
            ","
        )
      }
    }
    expect(() =>
      SigV4.sign(nodeCrypto, voiceIdRequest, credentials, { ...voiceIdOptions, signingDate: new Date(Number.NaN) })
    ).toThrow(RangeError)
  })
})

describe("SigV4 diagnostics never hold secrets", () => {
  const credentials = { accessKeyId: "AKID", secretAccessKey: secret, sessionToken: token }
  const diagnostics = (signed: SigV4.Signed): string => {
    const { "x-amz-security-token": _token, ...otherHeaders } = signed.headers
    return JSON.stringify({ ...signed, headers: otherHeaders })
  }

  it("with the token signed, omitted, or taken from the request's own header", async () => {
    const signedWithToken = SigV4.sign(nodeCrypto, voiceIdRequest, credentials, voiceIdOptions)
    expect(signedWithToken.signedHeaders).toContain("x-amz-security-token")
    expect(signedWithToken.canonicalRequest).toContain(`\nx-amz-security-token:${SigV4.redacted}\n`)
    expect(signedWithToken.headers["x-amz-security-token"]).toBe(token)

    const omitted = SigV4.sign(nodeCrypto, voiceIdRequest, credentials, { ...voiceIdOptions, omitSessionToken: true })
    expect(omitted.signedHeaders).not.toContain("x-amz-security-token")
    expect(omitted.headers["x-amz-security-token"]).toBe(token)

    const fromHeader = await SigV4.signAsync(
      webCrypto,
      { ...voiceIdRequest, headers: { ...voiceIdRequest.headers, "X-Amz-Security-Token": token } },
      { accessKeyId: "AKID", secretAccessKey: secret },
      voiceIdOptions
    )
    expect(fromHeader.signedHeaders).toContain("x-amz-security-token")
    expect(fromHeader.headers["x-amz-security-token"]).toBeUndefined()

    for (const signed of [signedWithToken, omitted, fromHeader]) {
      const text = diagnostics(signed)
      expect(text).not.toContain(secret)
      expect(text).not.toContain(token)
    }
    // Redacting the diagnostic does not change what is signed: the same request without a token signs differently.
    expect(signedWithToken.signature).not.toBe(omitted.signature)
  })

  it("the signing-key cache exposes nothing", () => {
    const cache = SigV4.makeSigningKeyCache()
    SigV4.sign(nodeCrypto, voiceIdRequest, credentials, { ...voiceIdOptions, signingKeyCache: cache })
    expect(JSON.stringify(cache)).not.toContain(secret)
    expect(Object.keys(cache).sort()).toEqual(["get", "set"])
  })
})

describe("SigV4.parseAuthorization", () => {
  const good =
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"

  it("parses a well-formed value", () => {
    expect(SigV4.parseAuthorization(good)).toEqual(
      Either.right({
        accessKeyId: "AKIDEXAMPLE",
        date8: "20150830",
        region: "us-east-1",
        service: "service",
        signedHeaders: ["host", "x-amz-date"],
        signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
      })
    )
  })

  it("accepts components in any order, with or without spaces after commas", () => {
    const reordered =
      "AWS4-HMAC-SHA256 Signature=abc,SignedHeaders=host,Credential=AKID/20260519/eu-west-2/voiceid/aws4_request"
    expect(SigV4.parseAuthorization(reordered)).toEqual(
      Either.right({
        accessKeyId: "AKID",
        date8: "20260519",
        region: "eu-west-2",
        service: "voiceid",
        signedHeaders: ["host"],
        signature: "abc"
      })
    )
  })

  it("round-trips authorization()", () => {
    const value = SigV4.authorization("AKID", "20260519/us-east-1/voiceid/aws4_request", "host;x-amz-date", "00ff")
    const parsed = Either.getOrThrow(SigV4.parseAuthorization(value))
    expect(
      SigV4.authorization(
        parsed.accessKeyId,
        SigV4.credentialScope(parsed.date8, parsed.region, parsed.service),
        parsed.signedHeaders.join(";"),
        parsed.signature
      )
    ).toBe(value)
  })

  const malformed: ReadonlyArray<readonly [string, string, string]> = [
    ["empty", "", "Unsupported Authorization algorithm"],
    ["another scheme", "Bearer abc", "Unsupported Authorization algorithm: 'Bearer'"],
    ["SigV4a", good.replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256"), "Unsupported Authorization algorithm"],
    [
      "no components",
      "AWS4-HMAC-SHA256",
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter."
    ],
    [
      "missing Signature",
      "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host",
      "Authorization header requires 'Signature' parameter."
    ],
    ["empty SignedHeaders", good.replace("SignedHeaders=host;x-amz-date", "SignedHeaders="), "'SignedHeaders'"],
    ["missing equal sign", good.replace("Signature=", "Signature "), "missing equal-sign"],
    ["repeated component", good + ", Signature=00", "more than one 'Signature'"],
    [
      "short credential",
      good.replace("AKIDEXAMPLE/20150830/us-east-1/service/aws4_request", "AKIDEXAMPLE/20150830/us-east-1/service"),
      "Credential must have exactly 5 slash-delimited elements"
    ],
    ["empty access key", good.replace("AKIDEXAMPLE/", "/"), "access key id"],
    ["bad date", good.replace("/20150830/", "/2015-08-30/"), "YYYYMMDD"],
    ["empty region", good.replace("/us-east-1/", "//"), "valid region"],
    ["empty service", good.replace("/service/", "//"), "correct service"],
    [
      "bad terminator",
      good.replace("aws4_request", "aws4_requests"),
      "valid terminator: 'aws4_request', not 'aws4_requests'"
    ],
    ["empty signed header name", good.replace("host;x-amz-date", "host;;x-amz-date"), "empty header name"]
  ]
  for (const [label, value, reason] of malformed) {
    it(`rejects: ${label}`, () => {
      const result = SigV4.parseAuthorization(value)
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) expect(result.left).toContain(reason)
    })
  }
})
