/**
 * Saving the state file: atomic (write a temporary file, fsync it, rename it over the file, fsync the folder),
 * so a reader or a restart sees the old or the new state, never half of one; and grouped, so that many writers
 * waiting at once share one save. A mutating request is answered only after a save that started after its
 * change has completed: an acknowledged write survives a kill.
 */
import { randomBytes } from "node:crypto"
import * as fs from "node:fs/promises"
import { basename, dirname, join } from "node:path"

/** Writes `data` to `path` atomically. */
export const writeAtomic = async (path: string, data: string): Promise<void> => {
  const folder = dirname(path)
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`)
  const handle = await fs.open(temporary, "w", 0o600)
  try {
    await handle.writeFile(data, "utf8")
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await fs.rename(temporary, path)
  } catch (error) {
    await fs.rm(temporary, { force: true })
    throw error
  }
  // The rename is durable only once the folder entry is.
  const dir = await fs.open(folder, "r")
  try {
    await dir.sync()
  } catch {
    // Some file systems refuse fsync on a folder; the rename is still atomic.
  } finally {
    await dir.close()
  }
}

interface Waiter {
  readonly promise: Promise<void>
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

const waiter = (): Waiter => {
  let resolve!: () => void
  let reject!: (error: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  // A save that fails is reported to the requests waiting on it; nobody else must see an unhandled rejection.
  promise.catch(() => {})
  return { promise, resolve, reject }
}

/**
 * Saves snapshots of a changing value to a file, one save at a time, each taking the value as it is when it
 * starts.
 */
export class Persister {
  private running: Promise<void> | undefined
  private next: Waiter | undefined
  private savedVersion = -1

  constructor(
    private readonly path: string,
    /** The current serialized state and its version. */
    private readonly snapshot: () => { readonly version: number; readonly data: () => string }
  ) {}

  /** Resolves once a save that started after this call has completed (it may be shared with other callers). */
  flush(): Promise<void> {
    let next = this.next
    if (next === undefined) {
      next = waiter()
      this.next = next
      if (this.running === undefined) this.start()
    }
    return next.promise
  }

  /** Saves if the state changed since the last save, without waiting. */
  saveIfChanged(): void {
    if (this.snapshot().version !== this.savedVersion && this.next === undefined && this.running === undefined) {
      void this.flush()
    }
  }

  private start(): void {
    const current = this.next!
    this.next = undefined
    const { version, data } = this.snapshot()
    const run = async () => {
      if (version !== this.savedVersion) {
        await writeAtomic(this.path, data())
        this.savedVersion = version
      }
    }
    this.running = run().then(
      () => current.resolve(),
      (error: unknown) => current.reject(error)
    )
    void this.running.finally(() => {
      this.running = undefined
      if (this.next !== undefined) this.start()
    })
  }

  /** Waits for the saves under way. */
  async drain(): Promise<void> {
    while (this.running !== undefined || this.next !== undefined) {
      await (this.next?.promise ?? this.running)?.catch(() => {})
    }
  }
}
