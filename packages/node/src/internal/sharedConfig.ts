/**
 * The AWS shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`): where they are, which
 * profile is meant, and the merged profiles, as the AWS SDK for JavaScript v3 finds and merges them.
 */

import { homedir } from "node:os"
import { join, sep } from "node:path"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { type IniFile, parseIni } from "./ini.js"

/** Where to look, as given by the caller; anything absent comes from the environment, then the defaults. */
export interface FileOptions {
  /** The profile to use (default `AWS_PROFILE`, else `default`). */
  readonly profile?: string | undefined
  /** The credentials file (default `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`). */
  readonly credentialsFile?: string | undefined
  /** The config file (default `AWS_CONFIG_FILE`, else `~/.aws/config`). */
  readonly configFile?: string | undefined
}

/** Where the files are and which profile is meant. */
export interface Location {
  readonly profile: string
  /** The profile was named (by the caller or `AWS_PROFILE`) rather than defaulted. */
  readonly profileNamed: boolean
  readonly credentialsFile: string
  readonly configFile: string
}

/** The merged profiles. */
export interface Profiles {
  readonly location: Location
  /** Profile name → its keys; the credentials file's keys win over the config file's. */
  readonly profiles: ReadonlyMap<string, Readonly<Record<string, string>>>
  readonly credentialsFileFound: boolean
  readonly configFileFound: boolean
}

// An empty variable counts as unset, as the SDK's `process.env[name] || default` has it.
const variable = (name: string): Config.Config<Option.Option<string>> =>
  Config.map(
    Config.option(Config.string(name)),
    Option.filter((value) => value !== "")
  )

/** The SDK's home directory: `HOME`, `USERPROFILE`, `HOMEDRIVE` + `HOMEPATH`, else the operating system's. */
const homeDirectory: Config.Config<string> = Config.map(
  Config.all([variable("HOME"), variable("USERPROFILE"), variable("HOMEPATH"), variable("HOMEDRIVE")]),
  ([home, userProfile, homePath, homeDrive]) => {
    if (Option.isSome(home)) return home.value
    if (Option.isSome(userProfile)) return userProfile.value
    if (Option.isSome(homePath)) return `${Option.getOrElse(homeDrive, () => `C:${sep}`)}${homePath.value}`
    return homedir()
  }
)

/** Resolves the profile name and the two file paths through `Config` (so a `ConfigProvider` decides them). */
export const locate = (options: FileOptions = {}): Effect.Effect<Location, ConfigError.ConfigError> =>
  Effect.gen(function* () {
    const profileFromEnv = options.profile === undefined ? yield* variable("AWS_PROFILE") : Option.none()
    const credentialsFromEnv =
      options.credentialsFile === undefined ? yield* variable("AWS_SHARED_CREDENTIALS_FILE") : Option.none()
    const configFromEnv = options.configFile === undefined ? yield* variable("AWS_CONFIG_FILE") : Option.none()
    // The home directory is only read when a default path is used.
    let home: string | undefined
    const inHome = function* (...parts: ReadonlyArray<string>) {
      home ??= yield* homeDirectory
      return join(home, ...parts)
    }
    const expand = function* (path: string) {
      return path.startsWith("~/") ? yield* inHome(path.slice(2)) : path
    }
    const credentialsFile = options.credentialsFile ?? Option.getOrUndefined(credentialsFromEnv)
    const configFile = options.configFile ?? Option.getOrUndefined(configFromEnv)
    const profile = options.profile ?? Option.getOrUndefined(profileFromEnv)
    return {
      profile: profile ?? "default",
      profileNamed: profile !== undefined,
      credentialsFile:
        credentialsFile === undefined ? yield* inHome(".aws", "credentials") : yield* expand(credentialsFile),
      configFile: configFile === undefined ? yield* inHome(".aws", "config") : yield* expand(configFile)
    }
  })

/** What went wrong reading the files; the reason names the file and never quotes its content. */
export interface ReadFailure {
  readonly file: string
  readonly reason: string
}

const readFile = (fs: FileSystem.FileSystem, path: string): Effect.Effect<IniFile | undefined, ReadFailure> =>
  fs.readFileString(path).pipe(
    Effect.map((text) => parseIni(text)),
    Effect.catchAll((error) =>
      Effect.succeed(
        error._tag === "SystemError" && error.reason === "NotFound"
          ? ({ _tag: "Absent" } as const)
          : ({ _tag: "Unreadable", reason: error._tag === "SystemError" ? error.reason : "BadArgument" } as const)
      )
    ),
    Effect.flatMap((result) => {
      if (result._tag === "Absent") return Effect.succeed(undefined)
      if (result._tag === "Unreadable") {
        return Effect.fail({ file: path, reason: `${path} could not be read (${result.reason})` })
      }
      if (result._tag === "Left") return Effect.fail({ file: path, reason: `${path} is malformed: ${result.reason}` })
      return Effect.succeed(result.file)
    })
  )

/** Reads and merges the two files. A missing file is empty; an unreadable or malformed one is a failure. */
export const load = (location: Location): Effect.Effect<Profiles, ReadFailure, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const [config, credentials] = yield* Effect.all([
      readFile(fs, location.configFile),
      readFile(fs, location.credentialsFile)
    ])
    const profiles = new Map<string, Record<string, string>>()
    if (config !== undefined) {
      // The config file: `[default]` and `[profile name]`; `[profile default]` replaces `[default]` whole.
      const plainDefault = config.sections.get("default")
      if (plainDefault !== undefined && plainDefault.section.prefix === undefined) {
        profiles.set("default", { ...plainDefault.values })
      }
      for (const { section, values } of config.sections.values()) {
        if (section.prefix === "profile") profiles.set(section.name, { ...values })
      }
    }
    if (credentials !== undefined) {
      // The credentials file: plain `[name]` sections; its keys win over the config file's.
      for (const { section, values } of credentials.sections.values()) {
        if (section.prefix !== undefined) continue
        profiles.set(section.name, { ...profiles.get(section.name), ...values })
      }
    }
    return {
      location,
      profiles,
      credentialsFileFound: credentials !== undefined,
      configFileFound: config !== undefined
    }
  })

/** Describes where a profile was looked for, for error messages (paths and presence only). */
export const describeSearch = (profiles: Profiles): string => {
  const { location } = profiles
  const found = (present: boolean) => (present ? "" : " (absent)")
  return (
    `no [${location.profile}] section in ${location.credentialsFile}${found(profiles.credentialsFileFound)} and no ` +
    `[${location.profile === "default" ? "default" : `profile ${location.profile}`}] section in ` +
    `${location.configFile}${found(profiles.configFileFound)}`
  )
}
