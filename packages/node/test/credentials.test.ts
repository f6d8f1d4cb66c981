import * as Fs from "node:fs"
import * as Path from "node:path"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { describe, expect, it } from "@effect/vitest"
import { Credentials, Errors } from "@effect-voiceid/client"
import * as Effect from "effect/Effect"
import { NodeCredentials } from "../src/index.js"
import { credentialsError, env, everythingShown, SECRET, TOKEN, tempHome, write } from "./utils.js"

const chain = (vars: Record<string, string>, options?: NodeCredentials.ProfileOptions) =>
  NodeCredentials.chain(options).pipe(Effect.withConfigProvider(env(vars)), Effect.provide(NodeFileSystem.layer))

const keys = (credentials: Credentials.AwsCredentials) => ({
  accessKeyId: credentials.accessKeyId,
  secret: credentials.secretAccessKey.pipe((r) => JSON.stringify(r)),
  sessionToken: credentials.sessionToken === undefined ? undefined : "<present>"
})

describe("the credential chain: environment, then the shared files", () => {
  it.scoped("takes the environment first when no profile is named", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      write(
        Path.join(home, ".aws", "credentials"),
        "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file\n"
      )
      const credentials = yield* chain({
        HOME: home,
        AWS_ACCESS_KEY_ID: "AKIDENV",
        AWS_SECRET_ACCESS_KEY: SECRET,
        AWS_SESSION_TOKEN: TOKEN
      })
      expect(credentials.accessKeyId).toBe("AKIDENV")
      expect(credentials.sessionToken).toBeDefined()
      // The secrets are Redacted: printing the credentials shows neither.
      expect(JSON.stringify(credentials)).not.toContain(SECRET)
      expect(String(credentials.sessionToken)).not.toContain(TOKEN)
    })
  )

  it.scoped("falls back to the default profile of ~/.aws/credentials when the environment has no keys", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      write(
        Path.join(home, ".aws", "credentials"),
        "# a comment\n[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = filesecret ; comment\naws_session_token=tok\n"
      )
      const credentials = yield* chain({ HOME: home, AWS_ACCESS_KEY_ID: "AKIDONLY" })
      expect(keys(credentials)).toEqual({ accessKeyId: "AKIDFILE", secret: '"<redacted>"', sessionToken: "<present>" })
    })
  )

  it.scoped("skips the environment once a profile is named (AWS_PROFILE or the option), as the AWS SDK does", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      write(Path.join(home, ".aws", "credentials"), "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev\n")
      const environment = { HOME: home, AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: SECRET }
      expect((yield* chain({ ...environment, AWS_PROFILE: "dev" })).accessKeyId).toBe("AKIDDEV")
      expect((yield* chain(environment, { profile: "dev" })).accessKeyId).toBe("AKIDDEV")
      expect((yield* chain(environment)).accessKeyId).toBe("AKIDENV")
    })
  )

  it.scoped("merges the config file's [profile x] with the credentials file's [x], the credentials file winning", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      const credentialsFile = Path.join(home, "elsewhere", "creds")
      const configFile = Path.join(home, "elsewhere", "conf")
      write(
        configFile,
        [
          "[default]",
          "aws_access_key_id = AKIDPLAINDEFAULT",
          "aws_secret_access_key = plain",
          "[profile default]",
          "aws_access_key_id = AKIDPROFILEDEFAULT",
          "aws_secret_access_key = profile",
          "[profile dev]",
          "aws_access_key_id = AKIDCONFIG",
          "aws_secret_access_key = config",
          "region = eu-west-1",
          "[unprefixed]",
          "aws_access_key_id = AKIDIGNORED",
          "aws_secret_access_key = ignored"
        ].join("\n")
      )
      write(
        credentialsFile,
        "[dev]\naws_access_key_id = AKIDCREDENTIALS\n[profile unprefixed]\naws_access_key_id = X\n"
      )
      const vars = { HOME: home, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile }
      expect((yield* chain({ ...vars, AWS_PROFILE: "dev" })).accessKeyId).toBe("AKIDCREDENTIALS")
      // `[profile default]` replaces `[default]` in the config file.
      expect((yield* chain(vars)).accessKeyId).toBe("AKIDPROFILEDEFAULT")
      // A config-file section without the `profile` prefix is not a profile, nor is `[profile x]` in the
      // credentials file.
      const error = yield* credentialsError(chain({ ...vars, AWS_PROFILE: "unprefixed" }))
      expect(error.source).toBe('profile "unprefixed"')
    })
  )

  it.scoped("expands ~/ in AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE against the home directory", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      write(Path.join(home, "keys", "c"), "[default]\naws_access_key_id = AKIDTILDE\naws_secret_access_key = s\n")
      expect((yield* chain({ HOME: home, AWS_SHARED_CREDENTIALS_FILE: "~/keys/c" })).accessKeyId).toBe("AKIDTILDE")
      // USERPROFILE stands in for HOME (Windows), as in the SDK.
      expect((yield* chain({ USERPROFILE: home, AWS_SHARED_CREDENTIALS_FILE: "~/keys/c" })).accessKeyId).toBe(
        "AKIDTILDE"
      )
    })
  )

  it.scoped("a named profile that does not exist fails naming the profile and where it was looked for", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      write(Path.join(home, ".aws", "config"), "[profile other]\nregion = us-east-1\n")
      const error = yield* credentialsError(chain({ HOME: home, AWS_PROFILE: "missing" }))
      expect(error.source).toBe('profile "missing"')
      expect(error.reason).toBe(
        `no [missing] section in ${Path.join(home, ".aws", "credentials")} (absent) and no [profile missing] ` +
          `section in ${Path.join(home, ".aws", "config")}`
      )
      expect(error.message).toContain('Could not load AWS credentials from profile "missing"')
    })
  )

  it.scoped("a profile with half a key pair fails naming the missing key, never showing the other", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      write(
        Path.join(home, ".aws", "credentials"),
        `[nokey]\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n[nosecret]\naws_access_key_id = AKIDHALF\n[empty]\nregion = x\n`
      )
      const noKey = yield* credentialsError(chain({ HOME: home, AWS_PROFILE: "nokey" }))
      expect(noKey.reason).toBe("the profile has aws_secret_access_key but no aws_access_key_id")
      expect(everythingShown(noKey)).not.toContain(SECRET)
      expect(everythingShown(noKey)).not.toContain(TOKEN)
      const noSecret = yield* credentialsError(chain({ HOME: home, AWS_PROFILE: "nosecret" }))
      expect(noSecret.reason).toBe("the profile has aws_access_key_id but no aws_secret_access_key")
      const empty = yield* credentialsError(chain({ HOME: home, AWS_PROFILE: "empty" }))
      expect(empty.reason).toContain("the profile has no aws_access_key_id and aws_secret_access_key")
    })
  )

  it.scoped(
    "profiles that need the AWS SDK (role, web identity, process, SSO, login) say so and point at the bridge",
    () =>
      Effect.gen(function* () {
        const home = yield* tempHome
        write(
          Path.join(home, ".aws", "config"),
          [
            "[profile role]",
            "role_arn = arn:aws:iam::123456789012:role/r",
            "source_profile = base",
            // A role profile with its own keys still assumes the role in the SDK: its keys are not used.
            "aws_access_key_id = AKIDROLE",
            `aws_secret_access_key = ${SECRET}`,
            "[profile web]",
            "role_arn = arn:aws:iam::123456789012:role/w",
            "web_identity_token_file = /var/run/token",
            "[profile process]",
            "credential_process = /usr/local/bin/get-credentials --secret",
            "[profile sso]",
            "sso_session = corp",
            "sso_account_id = 123456789012",
            "[profile login]",
            "login_session = arn:aws:iam::0:user/u"
          ].join("\n")
        )
        const expected: Record<string, string> = {
          role: "assumes a role (role_arn)",
          web: "uses web identity (web_identity_token_file)",
          process: "runs a credential process (credential_process)",
          sso: "signs in with IAM Identity Center (sso_session)",
          login: "signs in with a console login session (login_session)"
        }
        for (const [profile, what] of Object.entries(expected)) {
          const error = yield* credentialsError(chain({ HOME: home, AWS_PROFILE: profile }))
          expect(error.source).toBe(`profile "${profile}"`)
          expect(error.reason).toBe(
            `the profile ${what}, which this reader does not do: pass an AWS SDK provider instead, e.g. ` +
              "credentials: fromNodeProviderChain() from @aws-sdk/credential-providers"
          )
          expect(everythingShown(error)).not.toContain(SECRET)
          expect(everythingShown(error)).not.toContain("--secret")
        }
      })
  )

  it.scoped("finding nothing anywhere says what each source lacked, with a hint towards the AWS SDK", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      const error = yield* credentialsError(chain({ HOME: home, AWS_SECRET_ACCESS_KEY: SECRET }))
      expect(error.source).toBe("credential chain")
      expect(error.reason).toContain("environment: Expected AWS_ACCESS_KEY_ID to exist")
      expect(error.reason).toContain(
        `shared files: no [default] section in ${Path.join(home, ".aws", "credentials")} (absent)`
      )
      expect(error.reason).toContain(
        "for IAM Identity Center, web identity, ECS or EC2 credentials, pass an AWS SDK provider"
      )
      expect(everythingShown(error)).not.toContain(SECRET)
      const withWebIdentity = yield* credentialsError(
        chain({ HOME: home, AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/token", AWS_ROLE_ARN: "arn:aws:iam::1:role/r" })
      )
      expect(withWebIdentity.reason).toContain(
        "AWS_WEB_IDENTITY_TOKEN_FILE is set (web identity): pass an AWS SDK provider"
      )
    })
  )

  it.scoped("an unreadable or malformed file is an error naming the file, not an empty profile list", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      // A directory where the credentials file should be.
      Fs.mkdirSync(Path.join(home, ".aws", "credentials"), { recursive: true })
      const unreadable = yield* credentialsError(chain({ HOME: home, AWS_PROFILE: "dev" }))
      expect(unreadable.source).toBe('profile "dev"')
      expect(unreadable.reason).toMatch(new RegExp(`^${Path.join(home, ".aws", "credentials")} could not be read \\(`))
      write(Path.join(home, "bad"), `[default]\naws_secret_access_key = ${SECRET}\n[profile __proto__]\nx = 1\n`)
      const malformed = yield* credentialsError(
        chain({
          HOME: home,
          AWS_CONFIG_FILE: Path.join(home, "bad"),
          AWS_SHARED_CREDENTIALS_FILE: Path.join(home, "none")
        })
      )
      expect(malformed.reason).toBe(
        `${Path.join(home, "bad")} is malformed: line 3: "profile __proto__" is not a valid section name`
      )
      expect(everythingShown(malformed)).not.toContain(SECRET)
    })
  )
})

describe("the cached layers", () => {
  it.scoped("layerChain reads the files once, then serves the cached credentials", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      const file = Path.join(home, ".aws", "credentials")
      write(file, "[default]\naws_access_key_id = AKIDCACHED\naws_secret_access_key = s\n")
      const provider = yield* Effect.provide(Credentials.Credentials, NodeCredentials.layerChain()).pipe(
        Effect.withConfigProvider(env({ HOME: home }))
      )
      expect((yield* provider.get).accessKeyId).toBe("AKIDCACHED")
      Fs.rmSync(file)
      expect((yield* provider.get).accessKeyId).toBe("AKIDCACHED")
    })
  )

  it.scoped("layerChain reads the environment the layer was built in, whichever fiber asks first", () =>
    Effect.gen(function* () {
      const home = yield* tempHome
      const provider = yield* Effect.provide(Credentials.Credentials, NodeCredentials.layerChain()).pipe(
        Effect.withConfigProvider(env({ HOME: home, AWS_ACCESS_KEY_ID: "AKIDBUILD", AWS_SECRET_ACCESS_KEY: "s" }))
      )
      const credentials = yield* provider.get.pipe(Effect.withConfigProvider(env({ HOME: home })))
      expect(credentials.accessKeyId).toBe("AKIDBUILD")
    })
  )

  it.effect("a failed chain is a typed error at the call, and is not cached", () =>
    Effect.gen(function* () {
      const provider = yield* Effect.provide(
        Credentials.Credentials,
        NodeCredentials.layerChain({ profile: "p", credentialsFile: "/nonexistent/c", configFile: "/nonexistent/f" })
      )
      const first = yield* Effect.flip(provider.get)
      expect(first).toBeInstanceOf(Errors.CredentialsError)
      expect(first.source).toBe('profile "p"')
      expect(yield* Effect.flip(provider.get)).toEqual(first)
    })
  )
})
