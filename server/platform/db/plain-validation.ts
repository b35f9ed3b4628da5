/**
 * A mongoose schema's own validators run on a plain object, without building a document: for a
 * writer that inserts plain documents through the driver, so that what it stores is held to the
 * rules a document's save would hold it to. Building and validating a mongoose document costs about
 * a millisecond of processor time a case, most of it in subdocuments and promises (bench: imports);
 * this walks the schema's paths once per object, synchronously.
 *
 * Each path with a value is cast (a value the schema type cannot take is a CastError, as on save),
 * then given its validators (required, enum, min and max, lengths, custom ones) with `this` the
 * (sub)document holding the path, as mongoose calls them; subdocuments and arrays element by
 * element, errors named by mongoose's paths (`lines.0.chargeCents`). Defaults and middleware are
 * not run: the writer sets what they would (and its tests show the model would add nothing).
 */
import mongoose, { type Schema, type SchemaType } from 'mongoose';

type Kind = 'value' | 'array' | 'documents' | 'subdocument';

interface PathPlan {
  path: string;
  pieces: string[];
  type: SchemaType;
  kind: Kind;
  /** Of a subdocument or an array of them. */
  schema?: Schema;
  /** Of an array of values: the type of each. */
  element?: SchemaType;
}

/** What mongoose's schema types carry beyond their public typings, read here to walk them. */
interface SchemaTypeInternals {
  $isMongooseDocumentArray?: boolean;
  $isSingleNested?: boolean;
  $isMongooseArray?: boolean;
  schema?: Schema;
  embeddedSchemaType?: SchemaType;
  cast(value: unknown, doc?: unknown, init?: boolean): unknown;
  doValidateSync(value: unknown, scope: unknown, options?: { path: string }): mongoose.Error | null;
}

const plans = new WeakMap<Schema, PathPlan[]>();

function planOf(schema: Schema): PathPlan[] {
  let plan = plans.get(schema);
  if (plan) return plan;
  plan = [];
  schema.eachPath((path, type) => {
    const t = type as unknown as SchemaTypeInternals;
    const kind: Kind = t.$isMongooseDocumentArray
      ? 'documents'
      : t.$isSingleNested
        ? 'subdocument'
        : t.$isMongooseArray
          ? 'array'
          : 'value';
    plan.push({ path, pieces: path.split('.'), type, kind, schema: t.schema, element: t.embeddedSchemaType });
  });
  plans.set(schema, plan);
  return plan;
}

function valueAt(doc: Record<string, unknown>, pieces: string[]): unknown {
  let at: unknown = doc;
  for (const piece of pieces) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[piece];
  }
  return at;
}

// The array or subdocument's own validators only: mongoose's overrides build subdocuments to validate them.
const ownValidators = (type: SchemaType, value: unknown, scope: object, path: string) =>
  (mongoose.SchemaType.prototype as unknown as SchemaTypeInternals).doValidateSync.call(type, value, scope, { path });

/** Casts and validates one value of a path, recording what is wrong under `path`. */
function checkValue(type: SchemaType, value: unknown, scope: object, path: string, errors: Errors) {
  const t = type as unknown as SchemaTypeInternals;
  if (value !== undefined && value !== null)
    try {
      t.cast(value, scope, false);
    } catch (err) {
      if (!(err instanceof mongoose.Error.CastError)) throw err;
      errors.add(path, err);
      return;
    }
  const err = t.doValidateSync(value, scope, { path });
  if (err) errors.add(path, err);
}

class Errors {
  error: mongoose.Error.ValidationError | null = null;
  add(path: string, err: mongoose.Error) {
    this.error ??= new mongoose.Error.ValidationError();
    this.error.addError(path, err as mongoose.Error.ValidatorError);
  }
}

function check(
  schema: Schema,
  doc: Record<string, unknown>,
  prefix: string,
  skip: ReadonlySet<string>,
  errors: Errors,
) {
  for (const { path, pieces, type, kind, schema: inner, element } of planOf(schema)) {
    const at = prefix + path;
    if (skip.has(at)) continue;
    const value = valueAt(doc, pieces);
    if (kind === 'value') {
      checkValue(type, value, doc, at, errors);
      continue;
    }
    const own = ownValidators(type, value, doc, at);
    if (own) errors.add(at, own);
    if (value === undefined || value === null) continue;
    if (kind === 'subdocument') {
      check(inner!, value as Record<string, unknown>, `${at}.`, skip, errors);
      continue;
    }
    if (!Array.isArray(value)) {
      errors.add(at, new mongoose.Error.CastError('Array', value, at));
      continue;
    }
    value.forEach((item: unknown, k) => {
      if (kind === 'documents') {
        if (item !== null && typeof item === 'object')
          check(inner!, item as Record<string, unknown>, `${at}.${k}.`, skip, errors);
        else errors.add(`${at}.${k}`, new mongoose.Error.CastError('Embedded', item, `${at}.${k}`));
      } else if (element) checkValue(element, item, doc, `${at}.${k}`, errors);
    });
  }
}

/**
 * The errors `schema`'s validators find in `doc`, as mongoose's ValidationError (one entry per path
 * at fault), or null when it would be stored.
 * @param skip - paths given only after validation (e.g. a reference reserved for the valid ones)
 */
export function plainValidationError(
  schema: Schema,
  doc: object,
  skip: ReadonlySet<string> = new Set(),
): mongoose.Error.ValidationError | null {
  const errors = new Errors();
  check(schema, doc as Record<string, unknown>, '', skip, errors);
  return errors.error;
}
