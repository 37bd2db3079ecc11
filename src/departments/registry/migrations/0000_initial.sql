CREATE SCHEMA "registry";
--> statement-breakpoint
CREATE TYPE "registry"."historical_hukou_type" AS ENUM('agricultural', 'non_agricultural');--> statement-breakpoint
CREATE TYPE "registry"."household_kind" AS ENUM('family', 'collective', 'public_collective');--> statement-breakpoint
CREATE TYPE "registry"."registration_status" AS ENUM('guangzhou_resident', 'non_local');--> statement-breakpoint
CREATE TYPE "registry"."sex" AS ENUM('male', 'female');--> statement-breakpoint
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
CREATE INDEX "household_district_idx" ON "registry"."household" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "registration_district_idx" ON "registry"."registration" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "registration_household_idx" ON "registry"."registration" USING btree ("household_id");