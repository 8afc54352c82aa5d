CREATE TABLE "kpi_entry_facts" (
	"tenant_id" uuid NOT NULL,
	"currency" char(3) NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"facts" jsonb NOT NULL,
	"audit_seq" bigint NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_entry_facts_tenant_id_currency_period_from_period_to_pk" PRIMARY KEY("tenant_id","currency","period_from","period_to")
);
--> statement-breakpoint
CREATE TABLE "kpi_issued_months" (
	"tenant_id" uuid NOT NULL,
	"currency" char(3) NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"gross" bigint NOT NULL,
	"sales" bigint NOT NULL,
	"count" integer NOT NULL,
	"invoices" integer NOT NULL,
	"audit_seq" bigint NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_issued_months_tenant_id_currency_period_from_period_to_pk" PRIMARY KEY("tenant_id","currency","period_from","period_to")
);
