import { describe, expect, it } from "@effect/vitest"
import { parseIni } from "../src/internal/ini.js"

const sections = (text: string) => {
  const parsed = parseIni(text)
  if (parsed._tag === "Left") throw new Error(parsed.reason)
  return Object.fromEntries(Array.from(parsed.file.sections, ([key, { values }]) => [key, { ...values }]))
}

describe("the shared-file INI dialect (as the AWS SDK for JavaScript v3 reads it)", () => {
  it("reads plain and typed sections, trimming names and values", () => {
    expect(
      sections(
        [
          "[default]",
          "aws_access_key_id = AKIDDEFAULT",
          "  region=eu-west-1  ",
          "[profile dev]",
          "region = us-east-1",
          "[sso-session corp]",
          "sso_region = us-east-1",
          "[services local]",
          "voice_id =",
          "  endpoint_url = http://127.0.0.1:4599"
        ].join("\n")
      )
    ).toEqual({
      default: { aws_access_key_id: "AKIDDEFAULT", region: "eu-west-1" },
      "profile dev": { region: "us-east-1" },
      "sso-session corp": { sso_region: "us-east-1" },
      "services local": { "voice_id.endpoint_url": "http://127.0.0.1:4599" }
    })
  })

  it("starts a comment at # or ; at the start of a line or after whitespace only", () => {
    expect(
      sections(
        [
          "# a comment",
          "; another",
          "[default] # trailing comment",
          "a = one # comment",
          "b = two;not-a-comment",
          "c = three#not-a-comment",
          "d = four ; comment",
          "  # indented comment",
          "e=five"
        ].join("\n")
      )
    ).toEqual({ default: { a: "one", b: "two;not-a-comment", c: "three#not-a-comment", d: "four", e: "five" } })
  })

  it("reads CRLF files and ignores lines without a name or an '='", () => {
    expect(sections("[default]\r\nname = value\r\njunk line\r\n= no name\r\n\r\nother=x\r\n")).toEqual({
      default: { name: "value", other: "x" }
    })
  })

  it("ends a sub-section at the first line that is not indented", () => {
    expect(
      sections(
        ["[profile p]", "s3 =", "  max_concurrent_requests = 10", "region = us-east-2", "  indented = later"].join("\n")
      )
    ).toEqual({ "profile p": { "s3.max_concurrent_requests": "10", region: "us-east-2", indented: "later" } })
  })

  it("keeps a quoted typed name, keeps unknown plain names as written, drops unknown prefixes", () => {
    expect(
      sections(
        ['[profile "quoted"]', "a = 1", "[weird name!]", "b = 2", "[unknown x]", "c = 3", "[ spaced ]", "d = 4"].join(
          "\n"
        )
      )
    ).toEqual({ "profile quoted": { a: "1" }, "weird name!": { b: "2" }, " spaced ": { d: "4" } })
  })

  it("ignores keys before the first section and records sections only once they have a key", () => {
    expect(sections(["orphan = 1", "[empty]", "[profile also-empty]", "[default]", "k = v"].join("\n"))).toEqual({
      default: { k: "v" }
    })
  })

  it("merges repeated sections, the later value of a key winning", () => {
    expect(sections(["[default]", "a = 1", "b = 1", "[other]", "x = 1", "[default]", "b = 2"].join("\n"))).toEqual({
      default: { a: "1", b: "2" },
      other: { x: "1" }
    })
  })

  it("refuses a __proto__ section as the SDK does, naming the line", () => {
    const parsed = parseIni("[default]\na = 1\n[profile __proto__]\nb = 2\n")
    expect(parsed).toEqual({ _tag: "Left", reason: 'line 3: "profile __proto__" is not a valid section name' })
    expect(parseIni("[__proto__]\n")._tag).toBe("Left")
  })

  it("keeps keys named like Object.prototype members as plain keys", () => {
    expect(sections("[default]\nconstructor = c\ntoString = t\n")).toEqual({
      default: { constructor: "c", toString: "t" }
    })
  })
})
