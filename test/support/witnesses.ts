import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../src/db/client.js';
import { PERSON_SUBGRAPHS, type DepartmentModule } from '../../src/subgraphs/catalog.js';

/**
 * Citizens who between them give every column of every person table a value: the first few
 * people alone miss rare facts (a poor-credit record is held by well under 1% of adults, a removed
 * one by fewer), so a test that needs every field answered somewhere asks for these as well.
 */
export async function witnesses(database: Database, modules: readonly DepartmentModule[] = PERSON_SUBGRAPHS): Promise<string[]> {
  const found = new Set<string>();
  for (const module of modules) {
    for (const table of Object.values(module.tables).filter((value): value is PgTable => is(value, PgTable))) {
      const { schema, name, columns } = getTableConfig(table);
      if (!columns.some((column) => column.name === 'citizen_id')) continue;
      for (const column of columns) {
        const [row] = await database.query<{ citizen_id: string }>(
          `select citizen_id from "${schema}"."${name}" where "${column.name}" is not null order by citizen_id limit 1`,
        );
        if (row) found.add(row.citizen_id);
      }
    }
  }
  return [...found].sort();
}
