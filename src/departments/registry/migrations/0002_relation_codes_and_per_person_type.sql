ALTER TABLE "registry"."registration" DROP COLUMN "historical_type";--> statement-breakpoint
ALTER TABLE "registry"."registration" DROP COLUMN "relation_to_head";