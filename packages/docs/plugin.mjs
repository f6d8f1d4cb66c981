// Two things TypeDoc does not do for a project of several packages converted as one program:
// - it names each entry point's module after its path ("client/src"): here, after its package ("@effect-voiceid/client");
// - its `notExported` check only looks at types of the package TypeDoc runs in (this private one): here, a type of
//   any of our packages that the public API names but that is not exported (so users cannot name it either) is a
//   warning, unless listed in the `voiceidNotExported` option ("<package>:<qualified name>").
import { readFileSync } from "node:fs"
import { Application, Converter, makeRecursiveVisitor, ParameterType } from "typedoc"

const packageName = (folder) => {
  try {
    return JSON.parse(readFileSync(new URL(`../${folder}/package.json`, import.meta.url), "utf8")).name
  } catch {
    return undefined
  }
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.options.addDeclaration({
    name: "voiceidNotExported",
    help: "Types of our packages that the API may name without exporting them: <package>:<qualified name>.",
    type: ParameterType.Array,
    defaultValue: []
  })

  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.children ?? []) {
      const folder = /^([a-z0-9-]+)\/src$/.exec(module.name)?.[1]
      const name = folder === undefined ? undefined : packageName(folder)
      if (name !== undefined) module.name = name
    }
  })

  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    const allowed = app.options.getValue("voiceidNotExported")
    const used = new Set()
    const warned = new Set()
    for (const owner of Object.values(project.reflections)) {
      const visitor = makeRecursiveVisitor({
        reference(type) {
          if (type.reflection || type.externalUrl || type.isIntentionallyBroken()) return
          if (!type.package?.startsWith("@effect-voiceid/") || project.symbolIdHasBeenRemoved(type.symbolId)) return
          const key = `${type.package}:${type.qualifiedName}`
          if (allowed.includes(key)) {
            used.add(key)
            return
          }
          if (warned.has(key)) return
          warned.add(key)
          app.logger.validationWarning(
            `${type.qualifiedName}, defined in ${type.package}/${type.symbolId?.packagePath}, is named by ${owner.getFriendlyFullName()} but not exported`
          )
        }
      })
      for (const type of [
        owner.type,
        owner.default,
        ...(owner.implementedTypes ?? []),
        ...(owner.extendedTypes ?? [])
      ]) {
        type?.visit(visitor)
      }
    }
    const unused = allowed.filter((key) => !used.has(key))
    if (unused.length > 0) {
      app.logger.validationWarning(
        `voiceidNotExported lists names that are exported or unused now: ${unused.join(", ")}`
      )
    }
  })
}
