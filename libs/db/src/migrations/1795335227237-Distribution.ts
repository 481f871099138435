import { MigrationInterface, QueryRunner } from 'typeorm';

export class Distribution1795335227237 implements MigrationInterface {
  name = 'Distribution1795335227237';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."delivery_channel" AS ENUM('inbox', 'email', 'webhook', 'archive')`);
    await queryRunner.query(`CREATE TYPE "public"."delivery_status" AS ENUM('queued', 'sent', 'delivered', 'acknowledged', 'failed', 'dead')`);
    await queryRunner.query(`CREATE TYPE "public"."handling_status" AS ENUM('arrived', 'rejected', 'accepted', 'assigned', 'in_progress', 'done')`);
    await queryRunner.query(
      `CREATE TABLE "delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "recipient_id" character varying(100) NOT NULL, "recipient_name" character varying(500) NOT NULL, "channel" "public"."delivery_channel" NOT NULL, "target" character varying(500) NOT NULL, "organization_id" uuid, "status" "public"."delivery_status" NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "claimed_until" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "handling_status" "public"."handling_status", "message_id" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "row_version" integer NOT NULL, CONSTRAINT "uq_delivery_plan_recipient_channel" UNIQUE ("plan_id", "recipient_id", "channel"), CONSTRAINT "PK_ffad7bf84e68716cd9af89003b0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_f1795dfca501dc7c2133484ce0" ON "delivery"  ("plan_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_71837cb0d3b64a22654837fbc8" ON "delivery"  ("organization_id") `);
    await queryRunner.query(`CREATE INDEX "idx_delivery_pending" ON "delivery"  ("status", "next_attempt_at") `);
    await queryRunner.query(
      `CREATE TABLE "incoming_document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "delivery_id" uuid NOT NULL, "sender_organization_id" uuid NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by_id" uuid, "handling_status" "public"."handling_status" NOT NULL DEFAULT 'arrived', "handling_note" text, "handling_updated_at" TIMESTAMP WITH TIME ZONE, "handling_updated_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "row_version" integer NOT NULL, CONSTRAINT "uq_incoming_document_org_plan" UNIQUE ("organization_id", "plan_id"), CONSTRAINT "PK_66cf6a6a866f45bba25a479793a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_1d430cce4f1d48690fdac19514" ON "incoming_document"  ("plan_id") `);
    await queryRunner.query(
      `CREATE TABLE "incoming_notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "incoming_document_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "message" text NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_incoming_notification_user_document" UNIQUE ("user_id", "incoming_document_id"), CONSTRAINT "PK_4127a344ca1824b0c11c36f659d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_993f0d2307f1f43f8389b8a72d" ON "incoming_notification"  ("user_id") `);
    await queryRunner.query(
      `ALTER TABLE "delivery" ADD CONSTRAINT "FK_f1795dfca501dc7c2133484ce02" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "delivery" ADD CONSTRAINT "FK_71837cb0d3b64a22654837fbc8f" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incoming_document" ADD CONSTRAINT "FK_e91dc8e96b3826209d9488bd8dd" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incoming_document" ADD CONSTRAINT "FK_1d430cce4f1d48690fdac19514f" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incoming_document" ADD CONSTRAINT "FK_c081b77814ae4bbfa030108b8c2" FOREIGN KEY ("delivery_id") REFERENCES "delivery"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incoming_document" ADD CONSTRAINT "FK_dfee0663b70e70d4452d13ed8ca" FOREIGN KEY ("sender_organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incoming_document" ADD CONSTRAINT "FK_e8874bbcd7b5119fdca0bfc045d" FOREIGN KEY ("acknowledged_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incoming_notification" ADD CONSTRAINT "FK_993f0d2307f1f43f8389b8a72df" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incoming_notification" ADD CONSTRAINT "FK_7491dad0e3f865ae6531d60fae7" FOREIGN KEY ("incoming_document_id") REFERENCES "incoming_document"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incoming_notification" DROP CONSTRAINT "FK_7491dad0e3f865ae6531d60fae7"`);
    await queryRunner.query(`ALTER TABLE "incoming_notification" DROP CONSTRAINT "FK_993f0d2307f1f43f8389b8a72df"`);
    await queryRunner.query(`ALTER TABLE "incoming_document" DROP CONSTRAINT "FK_e8874bbcd7b5119fdca0bfc045d"`);
    await queryRunner.query(`ALTER TABLE "incoming_document" DROP CONSTRAINT "FK_dfee0663b70e70d4452d13ed8ca"`);
    await queryRunner.query(`ALTER TABLE "incoming_document" DROP CONSTRAINT "FK_c081b77814ae4bbfa030108b8c2"`);
    await queryRunner.query(`ALTER TABLE "incoming_document" DROP CONSTRAINT "FK_1d430cce4f1d48690fdac19514f"`);
    await queryRunner.query(`ALTER TABLE "incoming_document" DROP CONSTRAINT "FK_e91dc8e96b3826209d9488bd8dd"`);
    await queryRunner.query(`ALTER TABLE "delivery" DROP CONSTRAINT "FK_71837cb0d3b64a22654837fbc8f"`);
    await queryRunner.query(`ALTER TABLE "delivery" DROP CONSTRAINT "FK_f1795dfca501dc7c2133484ce02"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_993f0d2307f1f43f8389b8a72d"`);
    await queryRunner.query(`DROP TABLE "incoming_notification"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1d430cce4f1d48690fdac19514"`);
    await queryRunner.query(`DROP TABLE "incoming_document"`);
    await queryRunner.query(`DROP INDEX "public"."idx_delivery_pending"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_71837cb0d3b64a22654837fbc8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f1795dfca501dc7c2133484ce0"`);
    await queryRunner.query(`DROP TABLE "delivery"`);
    await queryRunner.query(`DROP TYPE "public"."handling_status"`);
    await queryRunner.query(`DROP TYPE "public"."delivery_status"`);
    await queryRunner.query(`DROP TYPE "public"."delivery_channel"`);
  }
}
