/**
 * Request and response examples for every JSON operation of the document, built
 * from the schemas themselves (their `example`s, defaults and enums first), so
 * any renderer or client generator shows one and they cannot drift from the
 * schemas. Redocly's `no-invalid-media-type-examples` rule checks each against
 * its schema in the tests.
 */

type Schema = Record<string, unknown>;

interface Doc {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, Schema> }; responses?: Record<string, { content?: Record<string, Schema> }> }>>;
  components?: { schemas?: Record<string, Schema> };
}

const MAX_DEPTH = 8;

/** A sample value for `schema`: required properties and those with an example (`full`: every property); `name` is the property's, for ids. */
export function sampleOf(schema: Schema, components: Record<string, Schema>, full: boolean, depth = 0, name = ''): unknown {
  if (depth > MAX_DEPTH) return null;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const target = components[ref.replace('#/components/schemas/', '')];
    return target ? sampleOf(target, components, full, depth + 1) : null;
  }
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum.find((v) => v !== null) ?? null;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) {
      const pick = (branches as Schema[]).find((b) => b.type !== 'null') ?? branches[0];
      return pick ? sampleOf(pick as Schema, components, full, depth + 1) : null;
    }
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...(schema.allOf as Schema[]).map((s) => sampleOf(s, components, full, depth + 1)));
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  const type = types.find((t) => t !== 'null') ?? types[0] ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required ?? []) as string[]);
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(props)) {
        if (full || required.has(name) || prop.example !== undefined) out[name] = sampleOf(prop, components, full, depth + 1, name);
      }
      return out;
    }
    case 'array': {
      const items = schema.items as Schema | undefined;
      const min = typeof schema.minItems === 'number' ? schema.minItems : 1;
      return items && min > 0 ? [sampleOf(items, components, full, depth + 1)] : [];
    }
    case 'string':
      if (schema.format === 'date-time') return '2026-12-01T09:30:00.000Z';
      if (schema.format === 'uri') return 'https://hooks.example/masq';
      if (name === 'id' || name.endsWith('Id')) return '01m8qgnxft8g3p0vbf8b';
      return 'string'.padEnd(typeof schema.minLength === 'number' ? schema.minLength : 0, 'x');
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}

/** Sets an example on every JSON request body and JSON response that has none. */
export function addExamples<D>(doc: D): D {
  const d = doc as unknown as Doc;
  const components = d.components?.schemas ?? {};
  for (const ops of Object.values(d.paths)) {
    for (const op of Object.values(ops)) {
      const body = op.requestBody?.content?.['application/json'];
      if (body?.schema && body.example === undefined) body.example = sampleOf(body.schema as Schema, components, false);
      // (Optional fields are left out unless they carry an example: a sample shows the common case.)
      for (const res of Object.values(op.responses ?? {})) {
        const json = res.content?.['application/json'];
        if (json?.schema && json.example === undefined) json.example = sampleOf(json.schema as Schema, components, false);
      }
    }
  }
  return doc;
}
