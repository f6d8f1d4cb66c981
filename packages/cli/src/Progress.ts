/**
 * Progress on stderr: on an interactive terminal one line redrawn in place (a bar for a job's `JobProgress`, a
 * counter for a listing); anywhere else (a pipe, a file, `CI=true`) plain lines, one per change, so logs stay
 * readable.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"

/**
 * Whether a stream is a terminal a person watches: a TTY, and not under CI (`CI` set to anything but `false`/`0`).
 *
 * @category terminal
 * @since 0.1.0
 */
export const isInteractive = (stream: { readonly isTTY?: boolean | undefined }): boolean => {
  const ci = process.env.CI
  return stream.isTTY === true && (ci === undefined || ci === "" || ci === "false" || ci === "0")
}

/**
 * A bar of `width` cells for a percentage: `[##########..........]  50%`.
 *
 * @category rendering
 * @since 0.1.0
 */
export const bar = (percent: number, width = 24): string => {
  const p = Math.max(0, Math.min(100, Number.isFinite(percent) ? percent : 0))
  const filled = Math.round((p / 100) * width)
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.round(p)).padStart(3)}%`
}

/**
 * A progress line.
 *
 * @category models
 * @since 0.1.0
 */
export interface ProgressLine {
  /** Whether the line is redrawn in place (an interactive terminal) rather than printed line by line. */
  readonly interactive: boolean
  /** Shows the current state: redraws the line on a terminal, prints a line elsewhere (unless unchanged). */
  readonly update: (text: string) => Effect.Effect<void>
  /** Ends the line (on a terminal, keeps its last state visible). */
  readonly done: Effect.Effect<void>
}

/**
 * A progress line on a stream (stderr by default).
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (
  stream: { readonly isTTY?: boolean | undefined; write(text: string): unknown } = process.stderr
): ProgressLine => {
  const interactive = isInteractive(stream)
  let last: string | undefined
  return {
    interactive,
    update: (text) =>
      Effect.sync(() => {
        if (text === last) return
        last = text
        stream.write(interactive ? `\r\x1b[2K${text}` : `${text}\n`)
      }),
    done: Effect.sync(() => {
      if (interactive && last !== undefined) stream.write("\n")
      last = undefined
    })
  }
}
