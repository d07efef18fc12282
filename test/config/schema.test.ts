/** The committed editors' copy src/config/config.schema.json is the TS schema (src/config/schema.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CONFIG_SCHEMA, CONFIG_SCHEMA_PATH, configSchemaText } from '../../src/config/schema.js';
import { ROOT } from '../helpers.js';

const regenerate = 'regenerate it: node --import tsx scripts/config-schema.ts';

test('config.schema.json equals the TS schema, byte for byte', () => {
  const text = readFileSync(join(ROOT, CONFIG_SCHEMA_PATH), 'utf8');
  assert.deepEqual(
    JSON.parse(text),
    CONFIG_SCHEMA,
    `${CONFIG_SCHEMA_PATH} differs from src/config/schema.ts; ${regenerate}`,
  );
  assert.equal(text, configSchemaText(), `${CONFIG_SCHEMA_PATH} is not formatted as generated; ${regenerate}`);
});

test("the repo's config and init point editors to the generated file", () => {
  const repo = JSON.parse(readFileSync(join(ROOT, 'jepsh-bench.config.json'), 'utf8')) as { $schema?: string };
  assert.equal(repo.$schema, `./${CONFIG_SCHEMA_PATH}`);
  const init = readFileSync(join(ROOT, 'src', 'cli', 'commands', 'init.ts'), 'utf8');
  assert.ok(
    init.includes("join(root, 'src', 'config', 'config.schema.json')") &&
      init.includes(`./node_modules/jepsh-bench/${CONFIG_SCHEMA_PATH}`),
  );
});

test('the schema is valid JSON Schema 2020-12 (the CLI compiles it without that check)', () => {
  const ajv = new Ajv2020({ strict: true });
  assert.equal(ajv.validateSchema(CONFIG_SCHEMA), true, JSON.stringify(ajv.errors));
  // The check can fail: a type that is not one.
  assert.equal(ajv.validateSchema({ ...CONFIG_SCHEMA, type: 'objekt' }), false);
});
