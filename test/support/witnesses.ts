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
      // One statement a table: for each column, the first citizen with a value in it.
      const firsts = columns.map((column, i) => `min(citizen_id) filter (where "${column.name}" is not null) as c${i}`).join(', ');
      const [row] = await database.query<Record<string, string | null>>(`select ${firsts} from "${schema}"."${name}"`);
      for (const id of Object.values(row ?? {})) if (id) found.add(id);
    }
  }
  return [...found].sort();
}
