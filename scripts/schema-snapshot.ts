// Writes db/schema.sql from a database migrated from empty, so schema changes show up in review.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dumpSchema, openDatabase } from '../db/connection';

const db = openDatabase(':memory:');
const target = resolve(process.argv[2] ?? 'db/schema.sql');
writeFileSync(target, dumpSchema(db));
db.close();
console.log(`Schema snapshot written to ${target}`);
