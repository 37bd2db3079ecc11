CREATE TABLE "health"."blood_donation" (
	"donation_id" serial PRIMARY KEY NOT NULL,
	"citizen_id" char(18) NOT NULL,
	"donated_on" date NOT NULL,
	"volume_ml" integer NOT NULL,
	CONSTRAINT "blood_donation_volume_ml" CHECK ("health"."blood_donation"."volume_ml" between 200 and 400)
);
--> statement-breakpoint
CREATE INDEX "blood_donation_citizen_idx" ON "health"."blood_donation" USING btree ("citizen_id");