CREATE SCHEMA "credit";
--> statement-breakpoint
CREATE TYPE "credit"."poor_credit_record_kind" AS ENUM('dishonest_judgment_debtor', 'wage_arrears_defaulter', 'agency_serious_dishonesty');--> statement-breakpoint
CREATE TABLE "credit"."poor_credit_record" (
	"record_no" text PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"kind" "credit"."poor_credit_record_kind" NOT NULL,
	"listed_by" text NOT NULL,
	"recorded_on" date NOT NULL,
	"removed_on" date,
	CONSTRAINT "poor_credit_record_removed_after_recorded" CHECK ("credit"."poor_credit_record"."removed_on" is null or "credit"."poor_credit_record"."removed_on" >= "credit"."poor_credit_record"."recorded_on")
);
--> statement-breakpoint
CREATE INDEX "poor_credit_record_citizen_idx" ON "credit"."poor_credit_record" USING btree ("citizen_id");