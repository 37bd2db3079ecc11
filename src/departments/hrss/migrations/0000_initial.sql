CREATE SCHEMA "hrss";
--> statement-breakpoint
CREATE TYPE "hrss"."social_insurance" AS ENUM('pension', 'medical', 'unemployment', 'work_injury', 'maternity');--> statement-breakpoint
CREATE TYPE "hrss"."training_voucher_status" AS ENUM('issued', 'redeemed', 'expired');--> statement-breakpoint
CREATE TABLE "hrss"."employment" (
	"employment_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"employer_name" text NOT NULL,
	"employer_credit_code" text NOT NULL,
	"occupation" text NOT NULL,
	"since" date NOT NULL,
	"until" date
);
--> statement-breakpoint
CREATE TABLE "hrss"."insurance_contribution" (
	"citizen_id" char(18) NOT NULL,
	"insurance" "hrss"."social_insurance" NOT NULL,
	"months" integer NOT NULL,
	"last_paid_on" date,
	CONSTRAINT "insurance_contribution_pk" PRIMARY KEY("citizen_id","insurance")
);
--> statement-breakpoint
CREATE TABLE "hrss"."skill_certificate" (
	"certificate_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"title" text NOT NULL,
	"level" integer NOT NULL,
	"issued_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hrss"."training_voucher" (
	"voucher_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"voucher_no" text NOT NULL,
	"course" text NOT NULL,
	"status" "hrss"."training_voucher_status" NOT NULL,
	"issued_on" date NOT NULL
);
--> statement-breakpoint
CREATE INDEX "employment_citizen_idx" ON "hrss"."employment" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "skill_certificate_citizen_idx" ON "hrss"."skill_certificate" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "training_voucher_citizen_idx" ON "hrss"."training_voucher" USING btree ("citizen_id");