/**
 * The INI dialect of the AWS shared config and credentials files, read as the AWS SDK for JavaScript v3 reads it
 * (`@smithy/shared-ini-file-loader`), so that a file means the same here as there:
 *
 * - a comment starts at `#` or `;` at the start of a line or after whitespace (`key = a#b` keeps `a#b`);
 * - names and values are trimmed; a line without `=`, or starting with `=`, is ignored, as is anything before the
 *   first section;
 * - `key =` with no value opens a sub-section: the indented `name = value` lines after it are read as
 *   `key.name`, until a line that is not indented;
 * - `[prefix name]` (prefix `profile`, `sso-session` or `services`, name `[\w-@+.%:/]+`, optionally quoted) is a
 *   typed section; any other `[name]` is a plain section, its name kept as written;
 * - a later section or key of the same name adds to, or replaces in, the earlier one.
 *
 * Pure.
 */

/** A typed or plain section of a parsed file. */
export interface IniSection {
  /** `profile`, `sso-session`, `services`, or `undefined` for a plain `[name]`. */
  readonly prefix: string | undefined
  readonly name: string
}

/** Key-value pairs of one section (sub-section keys as `parent.key`). */
export type IniValues = Readonly<Record<string, string>>

/** A parsed file: each section's values, by the section's key (`prefix name` or the plain name). */
export interface IniFile {
  readonly sections: ReadonlyMap<string, { readonly section: IniSection; readonly values: IniValues }>
}

const prefixes = new Set(["profile", "sso-session", "services"])
const prefixedName = /^([\w-]+)\s(["'])?([\w\-@+.%:/]+)\2$/
const comment = /(^|\s)[;#]/

/** Names the SDK refuses (they would pollute an object's prototype). */
const forbidden = new Set(["__proto__", "profile __proto__"])

/**
 * Parses a shared config or credentials file. Fails (with a reason naming the line, never a value) only where the
 * AWS SDK throws: a section named `__proto__`.
 */
export const parseIni = (
  text: string
): { readonly _tag: "Right"; readonly file: IniFile } | { readonly _tag: "Left"; readonly reason: string } => {
  const sections = new Map<string, { section: IniSection; values: Record<string, string> }>()
  // The section the next keys go to; like the SDK, a section is only recorded once it has a key.
  let current: { readonly key: string; readonly section: IniSection } | undefined
  let subSection: string | undefined
  const lines = text.split(/\r?\n/)
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!
    const line = raw.split(comment)[0]!.trim()
    if (line.startsWith("[") && line.endsWith("]")) {
      current = undefined
      subSection = undefined
      const name = line.slice(1, -1)
      const typed = prefixedName.exec(name)
      if (typed === null) current = { key: name, section: { prefix: undefined, name } }
      else if (prefixes.has(typed[1]!)) {
        current = { key: `${typed[1]} ${typed[3]}`, section: { prefix: typed[1]!, name: typed[3]! } }
      }
      // `[other name]` with an unknown prefix: its keys are dropped, as the SDK drops them.
      if (forbidden.has(name))
        return { _tag: "Left", reason: `line ${index + 1}: "${name}" is not a valid section name` }
      continue
    }
    if (current === undefined) continue
    const equals = line.indexOf("=")
    if (equals <= 0) continue
    const name = line.slice(0, equals).trim()
    const value = line.slice(equals + 1).trim()
    if (value === "") {
      subSection = name
      continue
    }
    if (subSection !== undefined && raw.trimStart() === raw) subSection = undefined
    let entry = sections.get(current.key)
    if (entry === undefined) {
      entry = { section: current.section, values: Object.create(null) as Record<string, string> }
      sections.set(current.key, entry)
    }
    entry.values[subSection === undefined ? name : `${subSection}.${name}`] = value
  }
  return { _tag: "Right", file: { sections } }
}
