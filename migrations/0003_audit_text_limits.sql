-- NOT VALID added by hand to drizzle-kit's output: audit records are append-only, so a longer value
-- already stored could never be corrected and would stop every start; the limits hold for every new
-- record.
ALTER TABLE "audit"."event" ADD CONSTRAINT "event_request_id_length" CHECK (char_length("audit"."event"."request_id") <= 256) NOT VALID;--> statement-breakpoint
ALTER TABLE "audit"."event" ADD CONSTRAINT "event_code_length" CHECK (char_length("audit"."event"."code") <= 256) NOT VALID;--> statement-breakpoint
ALTER TABLE "audit"."event" ADD CONSTRAINT "event_department_length" CHECK (char_length("audit"."event"."department") <= 256) NOT VALID;--> statement-breakpoint
ALTER TABLE "audit"."event" ADD CONSTRAINT "event_subject_length" CHECK (char_length("audit"."event"."subject") <= 1024) NOT VALID;--> statement-breakpoint
ALTER TABLE "audit"."event" ADD CONSTRAINT "event_app_length" CHECK (char_length("audit"."event"."app") <= 1024) NOT VALID;--> statement-breakpoint
ALTER TABLE "audit"."event" ADD CONSTRAINT "event_purpose_length" CHECK (char_length("audit"."event"."purpose") <= 256) NOT VALID;--> statement-breakpoint
ALTER TABLE "audit"."event" ADD CONSTRAINT "event_case_id_length" CHECK (char_length("audit"."event"."case_id") <= 256) NOT VALID;--> statement-breakpoint
ALTER TABLE "audit"."event" ADD CONSTRAINT "event_operation_name_length" CHECK (char_length("audit"."event"."operation_name") <= 1024) NOT VALID;--> statement-breakpoint
ALTER TABLE "audit"."event" ADD CONSTRAINT "event_client_address_length" CHECK (char_length("audit"."event"."client_address") <= 256) NOT VALID;