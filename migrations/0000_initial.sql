CREATE SCHEMA "education";
--> statement-breakpoint
CREATE SCHEMA "health";
--> statement-breakpoint
CREATE SCHEMA "housing";
--> statement-breakpoint
CREATE SCHEMA "hrss";
--> statement-breakpoint
CREATE SCHEMA "registry";
--> statement-breakpoint
CREATE SCHEMA "tax";
--> statement-breakpoint
CREATE TYPE "education"."education_level" AS ENUM('none', 'primary', 'junior_secondary', 'senior_secondary', 'secondary_vocational', 'associate', 'bachelor', 'master', 'doctorate');--> statement-breakpoint
CREATE TYPE "education"."migrant_child_schooling" AS ENUM('public_school_place', 'subsidised_private_place', 'private_place', 'waiting_list');--> statement-breakpoint
CREATE TYPE "education"."school_stage" AS ENUM('kindergarten', 'primary', 'junior_secondary', 'senior_secondary', 'secondary_vocational', 'higher_education');--> statement-breakpoint
CREATE TYPE "health"."chronic_condition" AS ENUM('hypertension', 'type2_diabetes', 'coronary_heart_disease', 'copd', 'chronic_kidney_disease', 'severe_mental_disorder', 'tuberculosis');--> statement-breakpoint
CREATE TYPE "health"."family_planning_service_kind" AS ENUM('prenatal_care', 'birth_registration', 'postnatal_visit', 'contraception_counselling', 'fertility_consultation');--> statement-breakpoint
CREATE TYPE "health"."insurance_scheme" AS ENUM('employee_basic', 'urban_rural_resident', 'none');--> statement-breakpoint
CREATE TYPE "housing"."provident_fund_status" AS ENUM('contributing', 'suspended', 'closed');--> statement-breakpoint
CREATE TYPE "housing"."public_housing_status" AS ENUM('applied', 'eligible_waiting', 'rejected', 'tenant', 'ended');--> statement-breakpoint
CREATE TYPE "housing"."tenure" AS ENUM('owned', 'rented', 'public_rental', 'employer_dormitory', 'family_home');--> statement-breakpoint
CREATE TYPE "hrss"."social_insurance" AS ENUM('pension', 'medical', 'unemployment', 'work_injury', 'maternity');--> statement-breakpoint
CREATE TYPE "hrss"."training_voucher_status" AS ENUM('issued', 'redeemed', 'expired');--> statement-breakpoint
CREATE TYPE "registry"."historical_hukou_type" AS ENUM('agricultural', 'non_agricultural');--> statement-breakpoint
CREATE TYPE "registry"."household_kind" AS ENUM('family', 'collective', 'public_collective');--> statement-breakpoint
CREATE TYPE "registry"."registration_status" AS ENUM('guangzhou_resident', 'non_local');--> statement-breakpoint
CREATE TYPE "registry"."sex" AS ENUM('male', 'female');--> statement-breakpoint
CREATE TYPE "tax"."taxpayer_status" AS ENUM('active', 'inactive', 'deregistered');--> statement-breakpoint
CREATE TABLE "education"."enrolment" (
	"enrolment_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"school_code" text NOT NULL,
	"school_name" text NOT NULL,
	"stage" "education"."school_stage" NOT NULL,
	"grade" integer NOT NULL,
	"enrolled_on" date NOT NULL,
	"left_on" date
);
--> statement-breakpoint
CREATE TABLE "education"."learner" (
	"citizen_id" char(18) PRIMARY KEY NOT NULL,
	"highest_level" "education"."education_level" NOT NULL,
	"highest_level_awarded_on" date,
	"migrant_child_schooling" "education"."migrant_child_schooling"
);
--> statement-breakpoint
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
CREATE TABLE "housing"."dwelling" (
	"dwelling_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"tenure" "housing"."tenure" NOT NULL,
	"district_code" char(6) NOT NULL,
	"address" text NOT NULL,
	"floor_area_m2" numeric(7, 2) NOT NULL,
	"since" date NOT NULL,
	"until" date,
	"lease_registration_no" text
);
--> statement-breakpoint
CREATE TABLE "housing"."provident_fund" (
	"citizen_id" char(18) PRIMARY KEY NOT NULL,
	"account_no" text NOT NULL,
	"status" "housing"."provident_fund_status" NOT NULL,
	"opened_on" date NOT NULL,
	"monthly_contribution_fen" bigint NOT NULL,
	"balance_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "housing"."public_housing" (
	"case_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"status" "housing"."public_housing_status" NOT NULL,
	"applied_on" date NOT NULL,
	"decided_on" date,
	"monthly_rent_fen" bigint
);
--> statement-breakpoint
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
CREATE TABLE "registry"."household" (
	"household_id" text PRIMARY KEY NOT NULL,
	"kind" "registry"."household_kind" NOT NULL,
	"district_code" char(6) NOT NULL,
	"address" text NOT NULL,
	"head_citizen_id" char(18),
	"established_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."person" (
	"citizen_id" char(18) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sex" "registry"."sex" NOT NULL,
	"birth_date" date NOT NULL,
	"ethnicity" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."registration" (
	"citizen_id" char(18) PRIMARY KEY NOT NULL,
	"status" "registry"."registration_status" NOT NULL,
	"hukou_region_code" char(6) NOT NULL,
	"historical_type" "registry"."historical_hukou_type",
	"district_code" char(6) NOT NULL,
	"address" text NOT NULL,
	"registered_since" date NOT NULL,
	"household_id" text,
	"relation_to_head" text,
	"household_member_no" integer
);
--> statement-breakpoint
CREATE TABLE "tax"."annual_return" (
	"citizen_id" char(18) NOT NULL,
	"year" integer NOT NULL,
	"taxable_income_fen" bigint NOT NULL,
	"tax_paid_fen" bigint NOT NULL,
	CONSTRAINT "annual_return_pk" PRIMARY KEY("citizen_id","year")
);
--> statement-breakpoint
CREATE TABLE "tax"."taxpayer" (
	"citizen_id" char(18) PRIMARY KEY NOT NULL,
	"status" "tax"."taxpayer_status" NOT NULL,
	"registered_on" date NOT NULL,
	"arrears_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "enrolment_citizen_idx" ON "education"."enrolment" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "condition_citizen_idx" ON "health"."condition" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "family_planning_citizen_idx" ON "health"."family_planning" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "vaccination_citizen_idx" ON "health"."vaccination" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "dwelling_citizen_idx" ON "housing"."dwelling" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "public_housing_citizen_idx" ON "housing"."public_housing" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "employment_citizen_idx" ON "hrss"."employment" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "skill_certificate_citizen_idx" ON "hrss"."skill_certificate" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "training_voucher_citizen_idx" ON "hrss"."training_voucher" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "household_district_idx" ON "registry"."household" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "registration_district_idx" ON "registry"."registration" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "registration_household_idx" ON "registry"."registration" USING btree ("household_id");