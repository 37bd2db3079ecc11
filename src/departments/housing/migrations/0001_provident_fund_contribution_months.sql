CREATE TABLE "housing"."provident_fund_contribution" (
	"run_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"from_month" char(7) NOT NULL,
	"to_month" char(7),
	CONSTRAINT "provident_fund_contribution_from_month" CHECK ("housing"."provident_fund_contribution"."from_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "provident_fund_contribution_to_month" CHECK ("housing"."provident_fund_contribution"."to_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "provident_fund_contribution_order" CHECK ("housing"."provident_fund_contribution"."to_month" >= "housing"."provident_fund_contribution"."from_month")
);
--> statement-breakpoint
CREATE INDEX "provident_fund_contribution_citizen_idx" ON "housing"."provident_fund_contribution" USING btree ("citizen_id");