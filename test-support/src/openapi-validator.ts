import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

type Operation = {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  parameters?: { name: string; in: string }[];
};
type Document = { paths: Record<string, Record<string, Operation>> };

export type RequestCheck = { operation: string; errors: string[] };

/** Validates HTTP requests (method, path, query, JSON body) against an OpenAPI 3.0 document. */
export class OpenApiValidator {
  private readonly document: Document;
  private readonly ajv: Ajv;
  private readonly routes: { method: string; template: string; pattern: RegExp }[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(path: string) {
    this.document = toJsonSchemaDialect(JSON.parse(readFileSync(path, 'utf8')));
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    this.ajv.addSchema(this.document as object, 'openapi');
    for (const [template, methods] of Object.entries(this.document.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const method of Object.keys(methods))
        this.routes.push({ method: method.toUpperCase(), template, pattern });
    }
    // Literal segments win over parameters (`/collections/aliases` before `/collections/{name}`).
    this.routes.sort((a, b) => a.template.split('{').length - b.template.split('{').length);
  }

  check(method: string, url: string, body: unknown): RequestCheck {
    const { pathname, searchParams } = new URL(url, 'http://localhost');
    const route = this.routes.find(
      (candidate) => candidate.method === method && candidate.pattern.test(pathname),
    );
    if (!route)
      return { operation: `${method} ${pathname}`, errors: [`${method} ${pathname} is not in the document`] };
    const operationName = `${method} ${route.template}`;
    const operation = this.document.paths[route.template]![method.toLowerCase()]!;
    const errors: string[] = [];
    const known = new Set((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of searchParams.keys()) {
      if (!known.has(name)) errors.push(`query parameter "${name}" is not defined for ${operationName}`);
    }
    const schema = operation.requestBody?.content?.['application/json']?.schema;
    if (schema) {
      const validate = this.validatorFor(operationName, schema);
      if (!validate(body)) {
        for (const error of validate.errors ?? [])
          errors.push(`${error.instancePath || '/'} ${error.message}`);
      }
    } else if (body !== undefined) {
      errors.push(`${operationName} takes no request body`);
    }
    return { operation: operationName, errors };
  }

  private validatorFor(operation: string, schema: unknown): ValidateFunction {
    let validate = this.compiled.get(operation);
    if (!validate) {
      const reference = (schema as { $ref?: string }).$ref;
      validate = reference ? this.ajv.getSchema(`openapi${reference}`)! : this.ajv.compile(schema as object);
      this.compiled.set(operation, validate);
    }
    return validate;
  }
}

/**
 * OpenAPI 3.0 writes "or null" as `anyOf: [X, { nullable: true }]`; JSON Schema (and Ajv) spells a
 * schema that is only null `{ type: 'null' }`. Objects with declared properties get
 * `additionalProperties: false`; everything else is left as the document says.
 */
function toJsonSchemaDialect<T>(node: T): T {
  if (Array.isArray(node)) return node.map(toJsonSchemaDialect) as T;
  if (node === null || typeof node !== 'object') return node;
  const object = node as Record<string, unknown>;
  if (object.nullable === true && object.type === undefined && object.$ref === undefined) {
    const { nullable: _nullable, ...rest } = object;
    return { ...rest, type: 'null' } as T;
  }
  const converted = Object.fromEntries(
    Object.entries(object).map(([key, value]) => [key, toJsonSchemaDialect(value)]),
  );
  // Qdrant's server refuses unknown fields; so does this check, so a misspelt field cannot slip through.
  if (object.type === 'object' && object.properties && object.additionalProperties === undefined) {
    converted.additionalProperties = false;
  }
  return converted as T;
}

/** Qdrant's REST OpenAPI document (1.18), kept with the retrieval package (see its specs/SOURCE.md). */
export const QDRANT_OPENAPI = new URL(
  '../../packages/retrieval/specs/qdrant-openapi-v1.18.json',
  import.meta.url,
);
