CREATE SCHEMA "housing";
--> statement-breakpoint
CREATE TYPE "housing"."provident_fund_status" AS ENUM('contributing', 'suspended', 'closed');--> statement-breakpoint
CREATE TYPE "housing"."public_housing_status" AS ENUM('applied', 'eligible_waiting', 'rejected', 'tenant', 'ended');--> statement-breakpoint
CREATE TYPE "housing"."tenure" AS ENUM('owned', 'rented', 'public_rental', 'employer_dormitory', 'family_home');--> statement-breakpoint
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
CREATE INDEX "dwelling_citizen_idx" ON "housing"."dwelling" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "public_housing_citizen_idx" ON "housing"."public_housing" USING btree ("citizen_id");