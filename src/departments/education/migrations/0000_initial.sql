CREATE SCHEMA "education";
--> statement-breakpoint
CREATE TYPE "education"."education_level" AS ENUM('none', 'primary', 'junior_secondary', 'senior_secondary', 'secondary_vocational', 'associate', 'bachelor', 'master', 'doctorate');--> statement-breakpoint
CREATE TYPE "education"."migrant_child_schooling" AS ENUM('public_school_place', 'subsidised_private_place', 'private_place', 'waiting_list');--> statement-breakpoint
CREATE TYPE "education"."school_stage" AS ENUM('kindergarten', 'primary', 'junior_secondary', 'senior_secondary', 'secondary_vocational', 'higher_education');--> statement-breakpoint
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
CREATE INDEX "enrolment_citizen_idx" ON "education"."enrolment" USING btree ("citizen_id");