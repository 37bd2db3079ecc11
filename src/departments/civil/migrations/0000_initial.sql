CREATE SCHEMA "civil";
--> statement-breakpoint
CREATE TYPE "civil"."assistance_case_status" AS ENUM('applied', 'granted', 'ended', 'refused');--> statement-breakpoint
CREATE TYPE "civil"."award_level" AS ENUM('national', 'provincial', 'city', 'city_agency_or_district');--> statement-breakpoint
CREATE TYPE "civil"."elderly_care_kind" AS ENUM('old_age_allowance', 'home_care_subsidy', 'institution_placement');--> statement-breakpoint
CREATE TYPE "civil"."marriage_ending" AS ENUM('divorce_registered', 'divorce_by_court', 'death_of_spouse');--> statement-breakpoint
CREATE TABLE "civil"."award" (
	"award_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"level" "civil"."award_level" NOT NULL,
	"title" text NOT NULL,
	"awarded_by" text NOT NULL,
	"awarded_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "civil"."elderly_care" (
	"care_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"kind" "civil"."elderly_care_kind" NOT NULL,
	"since" date NOT NULL,
	"until" date,
	"monthly_amount_fen" bigint
);
--> statement-breakpoint
CREATE TABLE "civil"."low_income_family" (
	"determination_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"household_id" text NOT NULL,
	"household_size" integer NOT NULL,
	"status" "civil"."assistance_case_status" NOT NULL,
	"applied_on" date NOT NULL,
	"decided_on" date,
	"since" date,
	"until" date,
	CONSTRAINT "low_income_family_recognised" CHECK (("civil"."low_income_family"."status" in ('granted', 'ended')) = ("civil"."low_income_family"."since" is not null)),
	CONSTRAINT "low_income_family_ended" CHECK (("civil"."low_income_family"."status" = 'ended') = ("civil"."low_income_family"."until" is not null)),
	CONSTRAINT "low_income_family_decided" CHECK (("civil"."low_income_family"."status" = 'applied') = ("civil"."low_income_family"."decided_on" is null))
);
--> statement-breakpoint
CREATE TABLE "civil"."marriage" (
	"marriage_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"spouse_citizen_id" char(18),
	"registered_on" date NOT NULL,
	"registered_area_code" char(6) NOT NULL,
	"ended_on" date,
	"ending" "civil"."marriage_ending",
	"divorce_area_code" char(6),
	CONSTRAINT "marriage_end_complete" CHECK (("civil"."marriage"."ended_on" is null) = ("civil"."marriage"."ending" is null)),
	CONSTRAINT "marriage_end_after_start" CHECK ("civil"."marriage"."ended_on" is null or "civil"."marriage"."ended_on" > "civil"."marriage"."registered_on"),
	CONSTRAINT "marriage_divorce_area" CHECK (("civil"."marriage"."divorce_area_code" is not null) = ("civil"."marriage"."ending" is not null and "civil"."marriage"."ending" <> 'death_of_spouse'))
);
--> statement-breakpoint
CREATE TABLE "civil"."subsistence_allowance" (
	"case_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"household_id" text NOT NULL,
	"household_size" integer NOT NULL,
	"status" "civil"."assistance_case_status" NOT NULL,
	"applied_on" date NOT NULL,
	"decided_on" date,
	"since" date,
	"until" date,
	"monthly_amount_fen" bigint,
	CONSTRAINT "subsistence_allowance_paid" CHECK (("civil"."subsistence_allowance"."status" in ('granted', 'ended')) = ("civil"."subsistence_allowance"."since" is not null and "civil"."subsistence_allowance"."monthly_amount_fen" is not null)),
	CONSTRAINT "subsistence_allowance_ended" CHECK (("civil"."subsistence_allowance"."status" = 'ended') = ("civil"."subsistence_allowance"."until" is not null)),
	CONSTRAINT "subsistence_allowance_decided" CHECK (("civil"."subsistence_allowance"."status" = 'applied') = ("civil"."subsistence_allowance"."decided_on" is null))
);
--> statement-breakpoint
CREATE TABLE "civil"."volunteer_hours" (
	"citizen_id" char(18) NOT NULL,
	"year" integer NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	CONSTRAINT "volunteer_hours_pk" PRIMARY KEY("citizen_id","year"),
	CONSTRAINT "volunteer_hours_positive" CHECK ("civil"."volunteer_hours"."hours" > 0)
);
--> statement-breakpoint
CREATE INDEX "award_citizen_idx" ON "civil"."award" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "elderly_care_citizen_idx" ON "civil"."elderly_care" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "low_income_family_citizen_idx" ON "civil"."low_income_family" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "marriage_citizen_idx" ON "civil"."marriage" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "subsistence_allowance_citizen_idx" ON "civil"."subsistence_allowance" USING btree ("citizen_id");