/**
 * Writes src/config/config.schema.json, the editors' copy of the config schema, from the TS object
 * in src/config/schema.ts (the source of truth). Run after editing the schema:
 *   node --import tsx scripts/config-schema.ts
 * test/config/schema.test.ts fails while the committed JSON differs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_SCHEMA_PATH, configSchemaText } from '../src/config/schema.js';

const file = join(import.meta.dirname, '..', CONFIG_SCHEMA_PATH);
writeFileSync(file, configSchemaText());
process.stdout.write(`wrote ${file}\n`);
