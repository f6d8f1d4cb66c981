import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { Errors } from "@effect-voiceid/client"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"

/** A fresh directory standing in for a home directory, removed when the scope closes. */
export const tempHome: Effect.Effect<string, never, Scope.Scope> = Effect.acquireRelease(
  Effect.sync(() => Fs.mkdtempSync(Path.join(Os.tmpdir(), "voiceid-node-test-"))),
  (dir) => Effect.sync(() => Fs.rmSync(dir, { recursive: true, force: true }))
)

/** Writes a file (creating its folder). */
export const write = (path: string, text: string): void => {
  Fs.mkdirSync(Path.dirname(path), { recursive: true })
  Fs.writeFileSync(path, text)
}

/**
 * An environment made only of `vars`: nothing of the real one (so no test reads the real home directory or
 * credentials). `HOME` must be given whenever a default path would be used.
 */
export const env = (vars: Readonly<Record<string, string>>) => ConfigProvider.fromMap(new Map(Object.entries(vars)))

export const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
export const TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN"

/** The failure of an effect, which must be a CredentialsError. */
export const credentialsError = <A, R>(effect: Effect.Effect<A, Errors.CredentialsError, R>) =>
  Effect.flatMap(Effect.flip(effect), (error) =>
    error instanceof Errors.CredentialsError ? Effect.succeed(error) : Effect.die(error)
  )

/** Everything an error could show: its message, its fields, its JSON. */
export const everythingShown = (error: Errors.CredentialsError): string =>
  [error.message, String(error), JSON.stringify(error), error.reason, error.source].join("\n")
