// Names each entry point's module after its package ("@effect-voiceid/client") instead of its path ("client/src").
import { readFileSync } from "node:fs"
import { Converter } from "typedoc"

const packageName = (folder) => {
  try {
    return JSON.parse(readFileSync(new URL(`../${folder}/package.json`, import.meta.url), "utf8")).name
  } catch {
    return undefined
  }
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.children ?? []) {
      const folder = /^([a-z0-9-]+)\/src$/.exec(module.name)?.[1]
      const name = folder === undefined ? undefined : packageName(folder)
      if (name !== undefined) module.name = name
    }
  })
}
