CREATE SCHEMA "tax";
--> statement-breakpoint
CREATE TYPE "tax"."taxpayer_status" AS ENUM('active', 'inactive', 'deregistered');--> statement-breakpoint
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
