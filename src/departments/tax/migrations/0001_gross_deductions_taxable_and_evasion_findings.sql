-- Returns written before this migration hold gross pay under taxable_income_fen and no deductions,
-- which cannot be recovered from them: a database holding any is refused (it can only hold demo data).
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM "tax"."annual_return") THEN
    RAISE EXCEPTION 'tax.annual_return holds returns whose taxable_income_fen is gross pay, without their deductions; they cannot be corrected in place. The database holds only synthetic demo data: start from a fresh database (delete the PGLITE_DIR folder, or drop and recreate the DATABASE_URL database) and seed again.';
  END IF;
END $$;--> statement-breakpoint
CREATE TABLE "tax"."evasion_finding" (
	"finding_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"decided_on" date NOT NULL,
	"tax_year" integer NOT NULL,
	CONSTRAINT "evasion_finding_year_check" CHECK ("tax"."evasion_finding"."tax_year" < extract(year from "tax"."evasion_finding"."decided_on"))
);
--> statement-breakpoint
ALTER TABLE "tax"."annual_return" ADD COLUMN "gross_income_fen" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "tax"."annual_return" ADD COLUMN "standard_deduction_fen" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "tax"."annual_return" ADD COLUMN "social_insurance_deduction_fen" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "tax"."annual_return" ADD COLUMN "housing_fund_deduction_fen" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "tax"."annual_return" ADD COLUMN "special_additional_deduction_fen" bigint NOT NULL;--> statement-breakpoint
CREATE INDEX "evasion_finding_citizen_idx" ON "tax"."evasion_finding" USING btree ("citizen_id");--> statement-breakpoint
ALTER TABLE "tax"."annual_return" ADD CONSTRAINT "annual_return_amounts_check" CHECK ("tax"."annual_return"."gross_income_fen" >= 0 and "tax"."annual_return"."standard_deduction_fen" >= 0 and "tax"."annual_return"."social_insurance_deduction_fen" >= 0 and "tax"."annual_return"."housing_fund_deduction_fen" >= 0 and "tax"."annual_return"."special_additional_deduction_fen" >= 0 and "tax"."annual_return"."tax_paid_fen" >= 0);--> statement-breakpoint
ALTER TABLE "tax"."annual_return" ADD CONSTRAINT "annual_return_taxable_check" CHECK ("tax"."annual_return"."taxable_income_fen" = greatest(0, "tax"."annual_return"."gross_income_fen" - "tax"."annual_return"."standard_deduction_fen" - "tax"."annual_return"."social_insurance_deduction_fen" - "tax"."annual_return"."housing_fund_deduction_fen" - "tax"."annual_return"."special_additional_deduction_fen"));