CREATE SCHEMA "permits";
--> statement-breakpoint
CREATE TYPE "permits"."permit_cancellation_reason" AS ENUM('left_city', 'settled_in_city', 'deceased', 'obtained_by_fraud');--> statement-breakpoint
CREATE TABLE "permits"."endorsement" (
	"permit_no" text NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"endorsed_on" date NOT NULL,
	"validity_year" integer NOT NULL,
	CONSTRAINT "endorsement_pkey" PRIMARY KEY("permit_no","validity_year"),
	CONSTRAINT "endorsement_extends_a_later_year" CHECK ("permits"."endorsement"."validity_year" >= 2)
);
--> statement-breakpoint
CREATE TABLE "permits"."residence_permit" (
	"permit_no" text PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"registration_no" text NOT NULL,
	"issuing_district_code" char(6) NOT NULL,
	"issued_on" date NOT NULL,
	"applied_by_guardian" boolean NOT NULL,
	"cancelled_on" date,
	"cancellation_reason" "permits"."permit_cancellation_reason",
	"renews_permit_no" text,
	CONSTRAINT "residence_permit_holder_key" UNIQUE("permit_no","citizen_id"),
	CONSTRAINT "residence_permit_cancellation" CHECK (("permits"."residence_permit"."cancelled_on" is null) = ("permits"."residence_permit"."cancellation_reason" is null) and ("permits"."residence_permit"."cancelled_on" is null or "permits"."residence_permit"."cancelled_on" >= "permits"."residence_permit"."issued_on")),
	CONSTRAINT "residence_permit_renews_another" CHECK ("permits"."residence_permit"."renews_permit_no" <> "permits"."residence_permit"."permit_no")
);
--> statement-breakpoint
CREATE TABLE "permits"."residence_registration" (
	"reference_no" text PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"registered_on" date NOT NULL,
	"district_code" char(6) NOT NULL,
	"address" text NOT NULL,
	"ended_on" date,
	CONSTRAINT "residence_registration_holder_key" UNIQUE("reference_no","citizen_id"),
	CONSTRAINT "residence_registration_ends_after_start" CHECK ("permits"."residence_registration"."ended_on" is null or "permits"."residence_registration"."ended_on" >= "permits"."residence_registration"."registered_on")
);
--> statement-breakpoint
ALTER TABLE "permits"."endorsement" ADD CONSTRAINT "endorsement_permit_fk" FOREIGN KEY ("permit_no","citizen_id") REFERENCES "permits"."residence_permit"("permit_no","citizen_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permits"."residence_permit" ADD CONSTRAINT "residence_permit_registration_fk" FOREIGN KEY ("registration_no","citizen_id") REFERENCES "permits"."residence_registration"("reference_no","citizen_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permits"."residence_permit" ADD CONSTRAINT "residence_permit_renews_fk" FOREIGN KEY ("renews_permit_no","citizen_id") REFERENCES "permits"."residence_permit"("permit_no","citizen_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "endorsement_citizen_idx" ON "permits"."endorsement" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "residence_permit_citizen_idx" ON "permits"."residence_permit" USING btree ("citizen_id");--> statement-breakpoint
CREATE UNIQUE INDEX "residence_permit_renews_idx" ON "permits"."residence_permit" USING btree ("renews_permit_no");--> statement-breakpoint
CREATE INDEX "residence_registration_citizen_idx" ON "permits"."residence_registration" USING btree ("citizen_id");