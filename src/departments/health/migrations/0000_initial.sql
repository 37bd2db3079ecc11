CREATE SCHEMA "health";
--> statement-breakpoint
CREATE TYPE "health"."chronic_condition" AS ENUM('hypertension', 'type2_diabetes', 'coronary_heart_disease', 'copd', 'chronic_kidney_disease', 'severe_mental_disorder', 'tuberculosis');--> statement-breakpoint
CREATE TYPE "health"."family_planning_service_kind" AS ENUM('prenatal_care', 'birth_registration', 'postnatal_visit', 'contraception_counselling', 'fertility_consultation');--> statement-breakpoint
CREATE TYPE "health"."insurance_scheme" AS ENUM('employee_basic', 'urban_rural_resident', 'none');--> statement-breakpoint
CREATE TABLE "health"."condition" (
	"condition_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"condition" "health"."chronic_condition" NOT NULL,
	"diagnosed_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health"."family_planning" (
	"service_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"service" "health"."family_planning_service_kind" NOT NULL,
	"provided_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health"."health_record" (
	"citizen_id" char(18) PRIMARY KEY NOT NULL,
	"community_health_centre" text NOT NULL,
	"registered_on" date NOT NULL,
	"insurance_scheme" "health"."insurance_scheme" NOT NULL,
	"family_doctor_contract" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health"."vaccination" (
	"vaccination_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"vaccine" text NOT NULL,
	"dose" integer NOT NULL,
	"administered_on" date NOT NULL
);
--> statement-breakpoint
CREATE INDEX "condition_citizen_idx" ON "health"."condition" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "family_planning_citizen_idx" ON "health"."family_planning" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "vaccination_citizen_idx" ON "health"."vaccination" USING btree ("citizen_id");