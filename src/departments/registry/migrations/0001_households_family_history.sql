CREATE TYPE "registry"."administrative_penalty_kind" AS ENUM('warning', 'fine', 'detention');--> statement-breakpoint
CREATE TYPE "registry"."criminal_punishment_kind" AS ENUM('public_surveillance', 'criminal_detention', 'fixed_term_imprisonment', 'fine_only');--> statement-breakpoint
CREATE TYPE "registry"."family_link_kind" AS ENUM('father', 'mother', 'guardian');--> statement-breakpoint
CREATE TYPE "registry"."holding_unit_kind" AS ENUM('employer', 'school', 'talent_market');--> statement-breakpoint
CREATE TYPE "registry"."public_collective_level" AS ENUM('district', 'street');--> statement-breakpoint
CREATE TYPE "registry"."registration_event_kind" AS ENUM('birth', 'settlement', 'residence_registration', 'move', 'move_out', 'death', 'emigration');--> statement-breakpoint
CREATE TYPE "registry"."residence_source" AS ENUM('community_collection', 'rental_registration', 'self_declared');--> statement-breakpoint
CREATE TYPE "registry"."settlement_channel" AS ENUM('points', 'talent', 'family_reunion', 'transfer', 'study', 'employment');--> statement-breakpoint
CREATE TABLE "registry"."actual_residence" (
	"citizen_id" char(18) PRIMARY KEY NOT NULL,
	"district_code" char(6) NOT NULL,
	"street" text NOT NULL,
	"address" text NOT NULL,
	"since" date NOT NULL,
	"source" "registry"."residence_source" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."administrative_penalty" (
	"citizen_id" char(18) NOT NULL,
	"seq" integer NOT NULL,
	"kind" "registry"."administrative_penalty_kind" NOT NULL,
	"decided_on" date NOT NULL,
	CONSTRAINT "administrative_penalty_citizen_id_seq_pk" PRIMARY KEY("citizen_id","seq")
);
--> statement-breakpoint
CREATE TABLE "registry"."criminal_punishment" (
	"citizen_id" char(18) NOT NULL,
	"seq" integer NOT NULL,
	"kind" "registry"."criminal_punishment_kind" NOT NULL,
	"sentenced_on" date NOT NULL,
	"completed_on" date,
	CONSTRAINT "criminal_punishment_citizen_id_seq_pk" PRIMARY KEY("citizen_id","seq")
);
--> statement-breakpoint
CREATE TABLE "registry"."family_link" (
	"parent_citizen_id" char(18) NOT NULL,
	"child_citizen_id" char(18) NOT NULL,
	"kind" "registry"."family_link_kind" NOT NULL,
	"since" date NOT NULL,
	CONSTRAINT "family_link_child_citizen_id_parent_citizen_id_pk" PRIMARY KEY("child_citizen_id","parent_citizen_id")
);
--> statement-breakpoint
CREATE TABLE "registry"."registration_event" (
	"citizen_id" char(18) NOT NULL,
	"seq" integer NOT NULL,
	"kind" "registry"."registration_event_kind" NOT NULL,
	"occurred_on" date NOT NULL,
	"from_district_code" char(6),
	"to_district_code" char(6),
	"channel" "registry"."settlement_channel",
	"outside_region_code" char(6),
	CONSTRAINT "registration_event_citizen_id_seq_pk" PRIMARY KEY("citizen_id","seq")
);
--> statement-breakpoint
ALTER TABLE "registry"."household" ADD COLUMN "collective_level" "registry"."public_collective_level";--> statement-breakpoint
ALTER TABLE "registry"."household" ADD COLUMN "managing_office" text;--> statement-breakpoint
ALTER TABLE "registry"."household" ADD COLUMN "holding_unit_kind" "registry"."holding_unit_kind";--> statement-breakpoint
ALTER TABLE "registry"."household" ADD COLUMN "holding_unit_name" text;--> statement-breakpoint
ALTER TABLE "registry"."household" ADD COLUMN "holding_unit_credit_code" char(18);--> statement-breakpoint
ALTER TABLE "registry"."person" ADD COLUMN "historical_hukou_type" "registry"."historical_hukou_type";--> statement-breakpoint
ALTER TABLE "registry"."registration" ADD COLUMN "relation_code" char(2);--> statement-breakpoint
CREATE INDEX "family_link_parent_idx" ON "registry"."family_link" USING btree ("parent_citizen_id");--> statement-breakpoint
-- Kept across the change (hand-written): the relation to the head as its GB/T 4761-2008 code, the
-- pre-reform hukou type as a fact of the person, the level of the districts' public collective households.
UPDATE "registry"."registration" SET "relation_code" = CASE "relation_to_head" WHEN '户主' THEN '02' WHEN '配偶' THEN '10' WHEN '子' THEN '20' WHEN '女' THEN '30' WHEN '父' THEN '51' WHEN '母' THEN '52' END WHERE "relation_to_head" IS NOT NULL;--> statement-breakpoint
UPDATE "registry"."person" SET "historical_hukou_type" = r."historical_type" FROM "registry"."registration" r WHERE r."citizen_id" = "registry"."person"."citizen_id";--> statement-breakpoint
UPDATE "registry"."household" SET "collective_level" = 'district' WHERE "kind" = 'public_collective';
