import { pgSchema, integer, primaryKey } from 'drizzle-orm/pg-core';
import { citizenIdColumn, dateColumn, fenColumn } from '../../db/columns.js';

/** Local Taxation Bureau (市地税局). Financial data: sensitive (PIPL Art. 28). */
export const tax = pgSchema('tax');

export const taxpayerStatus = tax.enum('taxpayer_status', ['active', 'inactive', 'deregistered']);

export const taxpayer = tax.table('taxpayer', {
  citizenId: citizenIdColumn().primaryKey(),
  status: taxpayerStatus('status').notNull(),
  registeredOn: dateColumn('registered_on').notNull(),
  arrearsFen: fenColumn('arrears_fen').notNull(),
});

export const annualReturn = tax.table(
  'annual_return',
  {
    citizenId: citizenIdColumn().notNull(),
    year: integer('year').notNull(),
    taxableIncomeFen: fenColumn('taxable_income_fen').notNull(),
    taxPaidFen: fenColumn('tax_paid_fen').notNull(),
  },
  (t) => [primaryKey({ name: 'annual_return_pk', columns: [t.citizenId, t.year] })],
);

export type TaxpayerRow = typeof taxpayer.$inferSelect;
export type AnnualReturnRow = typeof annualReturn.$inferSelect;
