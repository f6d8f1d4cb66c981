/**
 * How results are printed: `table` for people, `json` (what the AWS CLI prints) and `ndjson` (one item per line,
 * for pipes) for programs. List output is rendered page by page, so the first items appear before the last page is
 * fetched. The functions here build strings; the commands write them.
 *
 * @since 0.1.0
 */

/**
 * An output format.
 *
 * @category models
 * @since 0.1.0
 */
export type Format = "table" | "json" | "ndjson"

/**
 * The formats, in the order `--help` lists them.
 *
 * @category models
 * @since 0.1.0
 */
export const formats: ReadonlyArray<Format> = ["table", "json", "ndjson"]

/**
 * A table column: its header and how to show an item's value.
 *
 * @category models
 * @since 0.1.0
 */
export interface Column<A> {
  /** The column's title. */
  readonly header: string
  /** The item's value in this column (shown with {@link cell}). */
  readonly value: (item: A) => unknown
}

/**
 * A value as a table cell: dates in ISO 8601 (UTC), arrays joined with commas, absent values as `-`.
 *
 * @category formatting
 * @since 0.1.0
 */
export const cell = (value: unknown): string => {
  if (value === undefined || value === null || value === "") return "-"
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.length === 0 ? "-" : value.map(cell).join(",")
  if (typeof value === "object") return JSON.stringify(toJsonValue(value))
  return String(value)
}

/**
 * A decoded response as JSON data: the client's `$metadata` left out, dates as ISO 8601 strings.
 *
 * @category formatting
 * @since 0.1.0
 */
export const toJsonValue = (value: unknown): unknown => {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(toJsonValue)
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [key, member] of Object.entries(value)) {
      if (key !== "$metadata" && member !== undefined) out[key] = toJsonValue(member)
    }
    return out
  }
  return value
}

/**
 * A value as indented JSON.
 *
 * @category formatting
 * @since 0.1.0
 */
export const json = (value: unknown): string => JSON.stringify(toJsonValue(value), null, 2)

/**
 * A value as one line of JSON.
 *
 * @category formatting
 * @since 0.1.0
 */
export const jsonLine = (value: unknown): string => JSON.stringify(toJsonValue(value))

/**
 * How a table column is aligned.
 *
 * @category models
 * @since 0.1.0
 */
export type Align = "left" | "right"

const pad = (text: string, width: number, align: Align): string => {
  if (text.length >= width) return text
  const fill = " ".repeat(width - text.length)
  return align === "right" ? fill + text : text + fill
}

const row = (cells: ReadonlyArray<string>, widths: ReadonlyArray<number>, align?: ReadonlyArray<Align>): string =>
  cells
    .map((text, i) => {
      const side = align?.[i] ?? "left"
      return i === cells.length - 1 && side === "left" ? text : pad(text, widths[i]!, side)
    })
    .join("  ")
    .trimEnd()

/**
 * A whole table: a header line, a rule, and a line per row, columns as wide as their widest cell (left-aligned
 * unless `align` says otherwise).
 *
 * @category formatting
 * @since 0.1.0
 */
export const table = (
  headers: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  align?: ReadonlyArray<Align>
): string => {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((r) => (r[i] ?? "").length)))
  const rule = widths.map((w) => "-".repeat(w))
  return [row(headers, widths, align), row(rule, widths), ...rows.map((r) => row(r, widths, align))]
    .map((line) => `${line}\n`)
    .join("")
}

const flatten = (value: unknown, prefix: string, into: Array<[string, string]>): void => {
  if (value instanceof Date || value === null || typeof value !== "object") {
    into.push([prefix, cell(value)])
  } else if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object")) into.push([prefix, cell(value)])
    else
      for (const [i, v] of value.entries()) {
        flatten(v, `${prefix}[${i}]`, into)
      }
  } else {
    for (const [key, member] of Object.entries(value)) {
      if (key === "$metadata" || member === undefined) continue
      flatten(member, prefix === "" ? key : `${prefix}.${key}`, into)
    }
  }
}

/**
 * One response in a format: `json` indented, `ndjson` on one line, `table` as one `member  value` line per leaf
 * (nested members as dotted paths).
 *
 * @category formatting
 * @since 0.1.0
 */
export const single = (format: Format, value: unknown): string => {
  switch (format) {
    case "json":
      return `${json(value)}\n`
    case "ndjson":
      return `${jsonLine(value)}\n`
    case "table": {
      const rows: Array<[string, string]> = []
      flatten(value, "", rows)
      return table(["Member", "Value"], rows)
    }
  }
}

/**
 * Renders a list page by page. Each method returns the text to write (possibly empty).
 *
 * @category models
 * @since 0.1.0
 */
export interface ListRenderer<A> {
  /** The text of one page's items. */
  readonly page: (items: ReadonlyArray<A>) => string
  /** The text that ends the list; `nextToken` is set when the read stopped early (`--max-items`). */
  readonly end: (nextToken: string | undefined) => string
}

/**
 * A renderer for a list in a format. `json` prints `{ "<resultKey>": [...], "NextToken"?: "..." }` as the AWS CLI
 * does; `ndjson` one item per line; `table` aligns its columns on the first page (later, wider values push their
 * line out rather than holding every item back).
 *
 * @category constructors
 * @since 0.1.0
 */
export const listRenderer = <A>(
  format: Format,
  resultKey: string,
  columns: ReadonlyArray<Column<A>>
): ListRenderer<A> => {
  switch (format) {
    case "ndjson":
      return {
        page: (items) => items.map((item) => `${jsonLine(item)}\n`).join(""),
        end: () => ""
      }
    case "json": {
      let count = 0
      const open = () => `{\n  ${JSON.stringify(resultKey)}: [`
      return {
        page: (items) => {
          if (items.length === 0) return ""
          const text = items
            .map((item, i) => `${count === 0 && i === 0 ? open() : ","}\n    ${json(item).replace(/\n/g, "\n    ")}`)
            .join("")
          count += items.length
          return text
        },
        end: (nextToken) =>
          `${count === 0 ? `${open()}]` : "\n  ]"}${nextToken === undefined ? "" : `,\n  "NextToken": ${JSON.stringify(nextToken)}`}\n}\n`
      }
    }
    case "table": {
      const headers = columns.map((c) => c.header)
      let widths: ReadonlyArray<number> | undefined
      return {
        page: (items) => {
          const rows = items.map((item) => columns.map((c) => cell(c.value(item))))
          let text = ""
          if (widths === undefined) {
            if (rows.length === 0) return ""
            widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
            text += `${row(headers, widths)}\n${row(
              widths.map((w) => "-".repeat(w)),
              widths
            )}\n`
          }
          const w = widths
          return text + rows.map((r) => `${row(r, w)}\n`).join("")
        },
        end: () => (widths === undefined ? "(no items)\n" : "")
      }
    }
  }
}
