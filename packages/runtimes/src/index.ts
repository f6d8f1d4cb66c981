/**
 * `@effect-voiceid/runtimes`: a test utility that bundles code with esbuild and runs it on real runtimes
 * installed from npm: Cloudflare workerd (through miniflare), Bun and Deno.
 *
 * @since 0.1.0
 */

/**
 * Running a bundled script on Bun.
 *
 * @since 0.1.0
 */
export * as Bun from "./Bun.js"
/**
 * Bundling with esbuild, refusing Node-only code for workerd and Deno.
 *
 * @since 0.1.0
 */
export * as Bundle from "./Bundle.js"
/**
 * Running a bundled script on Deno.
 *
 * @since 0.1.0
 */
export * as Deno from "./Deno.js"
/**
 * What a script run produced.
 *
 * @since 0.1.0
 */
export * from "./ProcessResult.js"
/**
 * The error every runner fails with.
 *
 * @since 0.1.0
 */
export * from "./RuntimeError.js"
/**
 * Running a bundled Worker on workerd.
 *
 * @since 0.1.0
 */
export * as Workerd from "./Workerd.js"
