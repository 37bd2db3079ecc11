CREATE SCHEMA "audit";
--> statement-breakpoint
CREATE TYPE "audit"."outcome" AS ENUM('allowed', 'partly_denied', 'refused', 'failed');--> statement-breakpoint
CREATE TABLE "audit"."chain_head" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"seq" bigint NOT NULL,
	"hash" char(64) NOT NULL,
	CONSTRAINT "chain_head_single_row" CHECK ("audit"."chain_head"."id")
);
--> statement-breakpoint
CREATE TABLE "audit"."event" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"request_id" text NOT NULL,
	"outcome" "audit"."outcome" NOT NULL,
	"status" integer NOT NULL,
	"code" text,
	"department" text,
	"subject" text,
	"app" text,
	"purpose" text,
	"case_id" text,
	"operation_name" text,
	"operation_hash" char(64),
	"citizen_ids" text[] NOT NULL,
	"fields_returned" text[] NOT NULL,
	"fields_denied" text[] NOT NULL,
	"duration_ms" integer NOT NULL,
	"client_address" text,
	"prev_hash" char(64) NOT NULL,
	"hash" char(64) NOT NULL,
	CONSTRAINT "event_request_id_length" CHECK (char_length("audit"."event"."request_id") <= 256),
	CONSTRAINT "event_code_length" CHECK (char_length("audit"."event"."code") <= 256),
	CONSTRAINT "event_department_length" CHECK (char_length("audit"."event"."department") <= 256),
	CONSTRAINT "event_subject_length" CHECK (char_length("audit"."event"."subject") <= 1024),
	CONSTRAINT "event_app_length" CHECK (char_length("audit"."event"."app") <= 1024),
	CONSTRAINT "event_purpose_length" CHECK (char_length("audit"."event"."purpose") <= 256),
	CONSTRAINT "event_case_id_length" CHECK (char_length("audit"."event"."case_id") <= 256),
	CONSTRAINT "event_operation_name_length" CHECK (char_length("audit"."event"."operation_name") <= 1024),
	CONSTRAINT "event_client_address_length" CHECK (char_length("audit"."event"."client_address") <= 256)
);
--> statement-breakpoint
CREATE INDEX "event_recorded_at_idx" ON "audit"."event" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "event_department_idx" ON "audit"."event" USING btree ("department","recorded_at");--> statement-breakpoint
CREATE INDEX "event_citizen_ids_idx" ON "audit"."event" USING gin ("citizen_ids");