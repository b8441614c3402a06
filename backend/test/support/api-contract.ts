import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Every successful JSON answer an end-to-end test reads through `call` is held to the OpenAPI
 * document the server serves, strictly: no field the document does not name, enumerations exact,
 * nullable only where it says so. The browser's types are generated from that document, so this is
 * what keeps them true to the JSON the API really sends.
 */

type Schema = Record<string, unknown>;

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  operation: Operation;
}

interface Contract {
  routes: Route[];
  validators: Map<string, ValidateFunction>;
  ajv: Ajv;
}

const contracts = new Map<string, Promise<Contract>>();

/**
 * OpenAPI 3.0 to JSON Schema, made strict: objects with named properties take no others, and
 * `nullable` (which OpenAPI puts beside `allOf`/`oneOf` too) becomes an explicit null branch.
 */
function strictSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strictSchema);
  if (value === null || typeof value !== 'object') return value;
  let schema: Schema = {};
  for (const [key, inner] of Object.entries(value as Schema)) {
    schema[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(inner as Schema).map(([name, property]) => [name, strictSchema(property)]))
        : strictSchema(inner);
  }
  if (typeof schema['$ref'] === 'string') schema['$ref'] = schema['$ref'].replace('#/components/', 'openapi#/components/');
  if (schema['properties'] && schema['additionalProperties'] === undefined) schema['additionalProperties'] = false;
  if (schema['nullable'] === true) {
    delete schema['nullable'];
    schema = { anyOf: [{ type: 'null' }, schema] };
  }
  return schema;
}

async function loadContract(baseUrl: string): Promise<Contract> {
  const response = await fetch(`${baseUrl}/api/docs/openapi.json`);
  if (!response.ok) throw new Error(`the OpenAPI document answered ${response.status}`);
  const document = (await response.json()) as { paths: Record<string, Record<string, Operation>>; components: { schemas: Schema } };
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema({ $id: 'openapi', components: { schemas: strictSchema(document.components.schemas) } });
  const routes: Route[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    for (const [method, operation] of Object.entries(operations))
      routes.push({ method: method.toUpperCase(), template, pattern, operation });
  }
  return { routes, validators: new Map(), ajv };
}

/** Throws, naming the fields, when a 2xx JSON answer is not what the document says the route sends. */
export async function assertDocumentedAnswer(
  baseUrl: string,
  method: string,
  path: string,
  response: Response,
  body: unknown,
): Promise<void> {
  const { status } = response;
  if (status < 200 || status >= 300 || method === 'OPTIONS' || method === 'HEAD') return;
  // Files (and anything else not JSON) are bytes, described by their content type only.
  if (status !== 204 && !response.headers.get('content-type')?.startsWith('application/json')) return;
  const pathname = path.split('?')[0]!;
  if (!pathname.startsWith('/api/') || pathname.startsWith('/api/docs')) return;
  let contract = contracts.get(baseUrl);
  if (!contract) {
    contract = loadContract(baseUrl);
    contracts.set(baseUrl, contract);
  }
  const { routes, validators, ajv } = await contract;
  const route = routes.find((r) => r.method === method && r.pattern.test(pathname));
  if (!route) throw new Error(`${method} ${pathname} answered ${status} but the OpenAPI document has no such route`);
  const answer = route.operation.responses[String(status)];
  if (!answer) throw new Error(`${method} ${route.template} answered ${status}, a status the OpenAPI document does not list`);
  const schema = answer.content?.['application/json']?.schema;
  if (!schema) {
    if (body !== undefined) throw new Error(`${method} ${route.template} ${status} sent a body the OpenAPI document does not describe`);
    return;
  }
  const key = `${method} ${route.template} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(strictSchema(schema) as Schema);
    validators.set(key, validate);
  }
  if (!validate(body)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    throw new Error(
      `${key} does not match the OpenAPI document:\n  ${problems.join('\n  ')}\nbody: ${JSON.stringify(body).slice(0, 2000)}`,
    );
  }
}
