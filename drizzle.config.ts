import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the tables (`npm run db:generate`), committed, and never edited.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/tables/*.ts',
  out: './migrations',
  schemaFilter: ['registry', 'education', 'health', 'tax', 'housing', 'hrss', 'audit'],
});
