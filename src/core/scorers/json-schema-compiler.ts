import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { canonicalJson } from "../canonical.js";

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module.
type AddFormats = (ajv: Ajv | Ajv2019 | Ajv2020) => unknown;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats);

/**
 * Compiling costs about 10 ms and happens when the config is checked and again when the scorer
 * is created, so compiled schemas are kept by their canonical text. Bounded: a long-lived bot
 * process sees many configs.
 */
const compiled = new Map<string, ValidateFunction>();
const COMPILED_LIMIT = 64;

export function compiledJsonSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = canonicalJson(schema);
  const known = compiled.get(key);
  if (known !== undefined) return known;
  const validate = compileJsonSchema(schema);
  if (compiled.size >= COMPILED_LIMIT) compiled.clear();
  compiled.set(key, validate);
  return validate;
}

/**
 * Compiles an inline JSON Schema. The `$schema` keyword picks the draft (2020-12, 2019-09, else
 * draft-07), because Ajv refuses a schema whose meta-schema it was not built with. A fresh Ajv per
 * schema: a shared one would refuse a second schema with the same `$id`.
 */
export function compileJsonSchema(schema: Record<string, unknown>): ValidateFunction {
  const options = { allErrors: true, strict: false };
  const draft = typeof schema["$schema"] === "string" ? schema["$schema"] : "";
  const ajv = draft.includes("2020-12")
    ? new Ajv2020(options)
    : draft.includes("2019-09")
      ? new Ajv2019(options)
      : new Ajv(options);
  addFormats(ajv);
  return ajv.compile(schema);
}

/** The first few errors, each with the instance path it is about: `/answer must be number`. */
export function describeSchemaErrors(errors: readonly ErrorObject[], limit = 3): string {
  const shown = errors.slice(0, limit).map((error) => {
    const where = error.instancePath === "" ? "(root)" : error.instancePath;
    const extra =
      error.keyword === "additionalProperties"
        ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})`
        : error.keyword === "enum"
          ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
          : "";
    return `${where} ${error.message ?? error.keyword}${extra}`;
  });
  const more = errors.length > limit ? `; and ${errors.length - limit} more` : "";
  return shown.join("; ") + more;
}
