-- Contribution totals written before this migration mix months paid here with months transferred in,
-- and jobs lack the points flags; neither can be recovered: a database holding any is refused (it can only hold demo data).
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM "hrss"."insurance_contribution") OR EXISTS (SELECT 1 FROM "hrss"."employment") THEN
    RAISE EXCEPTION 'hrss holds contribution totals that mix months paid in Guangzhou with months transferred in, and jobs without the points flags; they cannot be split in place. The database holds only synthetic demo data: start from a fresh database (delete the PGLITE_DIR folder, or drop and recreate the DATABASE_URL database) and seed again.';
  END IF;
END $$;--> statement-breakpoint
CREATE TYPE "hrss"."contribution_origin" AS ENUM('paid_in_guangzhou', 'transferred_in', 'back_paid');--> statement-breakpoint
CREATE TYPE "hrss"."hard_sector" AS ENUM('police', 'fire', 'sanitation', 'transit', 'education', 'health', 'elderly_disabled_care');--> statement-breakpoint
CREATE TYPE "hrss"."professional_title_level" AS ENUM('junior', 'intermediate', 'senior');--> statement-breakpoint
CREATE TABLE "hrss"."contribution_period" (
	"period_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"insurance" "hrss"."social_insurance" NOT NULL,
	"origin" "hrss"."contribution_origin" NOT NULL,
	"from_month" date NOT NULL,
	"to_month" date,
	"transferred_from" char(6),
	"recorded_on" date,
	CONSTRAINT "contribution_period_months_check" CHECK (extract(day from "hrss"."contribution_period"."from_month") = 1 and ("hrss"."contribution_period"."to_month" is null or (extract(day from "hrss"."contribution_period"."to_month") = 1 and "hrss"."contribution_period"."to_month" >= "hrss"."contribution_period"."from_month"))),
	CONSTRAINT "contribution_period_origin_check" CHECK (("hrss"."contribution_period"."origin" = 'transferred_in') = ("hrss"."contribution_period"."transferred_from" is not null) and ("hrss"."contribution_period"."origin" = 'paid_in_guangzhou') = ("hrss"."contribution_period"."recorded_on" is null)),
	CONSTRAINT "contribution_period_open_check" CHECK ("hrss"."contribution_period"."to_month" is not null or "hrss"."contribution_period"."origin" = 'paid_in_guangzhou')
);
--> statement-breakpoint
CREATE TABLE "hrss"."professional_title" (
	"title_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"title" text NOT NULL,
	"level" "hrss"."professional_title_level" NOT NULL,
	"awarded_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hrss"."insurance_contribution" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "hrss"."insurance_contribution" CASCADE;--> statement-breakpoint
ALTER TABLE "hrss"."employment" ADD COLUMN "high_tech_employer" boolean NOT NULL;--> statement-breakpoint
ALTER TABLE "hrss"."employment" ADD COLUMN "needed_occupation" boolean NOT NULL;--> statement-breakpoint
ALTER TABLE "hrss"."employment" ADD COLUMN "frontline_hard_sector" "hrss"."hard_sector";--> statement-breakpoint
CREATE INDEX "contribution_period_citizen_idx" ON "hrss"."contribution_period" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "professional_title_citizen_idx" ON "hrss"."professional_title" USING btree ("citizen_id");--> statement-breakpoint
ALTER TABLE "hrss"."skill_certificate" ADD CONSTRAINT "skill_certificate_level_check" CHECK ("hrss"."skill_certificate"."level" between 1 and 5);