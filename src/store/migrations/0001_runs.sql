CREATE TABLE "actions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"run_id" uuid,
	"customer_id" uuid NOT NULL,
	"invoice_ids" uuid[] NOT NULL,
	"strategy_id" uuid,
	"strategy_version" integer,
	"step_key" text NOT NULL,
	"cycle" integer NOT NULL,
	"kind" text NOT NULL,
	"channel" text,
	"template" text,
	"variant" text,
	"status" text NOT NULL,
	"reason_code" text,
	"reason" text,
	"scheduled_for" timestamp with time zone NOT NULL,
	"idempotency_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"claimed_until" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection_states" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"next_action_at" timestamp with time zone,
	"cycle" integer DEFAULT 0 NOT NULL,
	"cycle_active" boolean DEFAULT false NOT NULL,
	"overdue_seen" boolean DEFAULT false NOT NULL,
	"fired" text[] DEFAULT '{}' NOT NULL,
	"strategy_version_id" uuid,
	"segment" text,
	"variant" text,
	"placed_at" timestamp with time zone,
	"evaluated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "holds" (
	"tenant_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"invoice_ids" uuid[],
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"action_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"adapter" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text,
	"body_text" text NOT NULL,
	"body_html" text,
	"provider_id" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promises" (
	"tenant_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"due_on" date NOT NULL,
	"invoice_ids" uuid[] NOT NULL,
	"agreed_at" timestamp with time zone NOT NULL,
	"channel" text,
	"grace_days" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"trigger" text NOT NULL,
	"schedule_key" text,
	"status" text NOT NULL,
	"cursor" uuid,
	"claimed_until" timestamp with time zone,
	"totals" jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"rule" jsonb NOT NULL,
	"strategy_id" uuid NOT NULL,
	"challenger_strategy_id" uuid,
	"challenger_percent" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategies" (
	"tenant_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"latest_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategy_versions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"strategy_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"action_id" uuid,
	"queue" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"invoice_ids" uuid[] NOT NULL,
	"due_on" date NOT NULL,
	"note" text,
	"assignee" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "actions_idempotency" ON "actions" USING btree ("tenant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "actions_customer" ON "actions" USING btree ("tenant_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "actions_outbox" ON "actions" USING btree ("next_attempt_at") WHERE status IN ('planned', 'deferred', 'sending');--> statement-breakpoint
CREATE INDEX "collection_states_next" ON "collection_states" USING btree ("tenant_id","next_action_at");--> statement-breakpoint
CREATE INDEX "holds_customer" ON "holds" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "messages_customer" ON "messages" USING btree ("tenant_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_action" ON "messages" USING btree ("tenant_id","action_id");--> statement-breakpoint
CREATE INDEX "promises_customer" ON "promises" USING btree ("tenant_id","customer_id","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "runs_schedule" ON "runs" USING btree ("tenant_id","schedule_key");--> statement-breakpoint
CREATE INDEX "runs_status" ON "runs" USING btree ("status","claimed_until");--> statement-breakpoint
CREATE UNIQUE INDEX "segments_name" ON "segments" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "strategies_name" ON "strategies" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_versions_number" ON "strategy_versions" USING btree ("tenant_id","strategy_id","version");--> statement-breakpoint
CREATE INDEX "tasks_queue" ON "tasks" USING btree ("tenant_id","queue","status","due_on");