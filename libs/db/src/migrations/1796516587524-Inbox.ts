import { MigrationInterface, QueryRunner } from 'typeorm';

export class Inbox1796516587524 implements MigrationInterface {
  name = 'Inbox1796516587524';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."inbox_notice_kind" AS ENUM('consultation_request', 'consultation_closed', 'review_request', 'signature_request', 'returned', 'signed', 'reminder', 'escalation', 'incoming_document', 'child_plan_assigned', 'due_reminder', 'overdue')`,
    );
    await queryRunner.query(
      `CREATE TABLE "inbox_notice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" "public"."inbox_notice_kind" NOT NULL, "plan_id" uuid, "organization_id" uuid, "incoming_document_id" uuid, "due_date" date, "message" text NOT NULL, "dedupe_key" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_inbox_notice_user_dedupe" UNIQUE ("user_id", "dedupe_key"), CONSTRAINT "PK_cb381c7215ea4a4b78e48b3ec43" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ecd459b3e01ff14ccb0bdfb16a" ON "inbox_notice"  ("plan_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_e41ec772a12e4ca220423c5ecb" ON "inbox_notice"  ("user_id", "read_at") `);
    await queryRunner.query(
      `ALTER TABLE "inbox_notice" ADD CONSTRAINT "FK_c10aea62133f60240ff68e787d9" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbox_notice" ADD CONSTRAINT "FK_ecd459b3e01ff14ccb0bdfb16a4" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Every notice of the three former tables moves into the one inbox, with its id and times.
    await queryRunner.query(
      `INSERT INTO "inbox_notice" ("id", "user_id", "kind", "plan_id", "message", "dedupe_key", "created_at", "read_at") SELECT "id", "user_id", "kind"::text::"public"."inbox_notice_kind", "plan_id", "message", "dedupe_key", "created_at", "read_at" FROM "notification"`,
    );
    await queryRunner.query(
      `INSERT INTO "inbox_notice" ("id", "user_id", "kind", "plan_id", "organization_id", "incoming_document_id", "message", "dedupe_key", "created_at", "read_at") SELECT "id", "user_id", 'incoming_document', "plan_id", "organization_id", "incoming_document_id", "message", 'incoming:' || "incoming_document_id", "created_at", "read_at" FROM "incoming_notification"`,
    );
    await queryRunner.query(
      `INSERT INTO "inbox_notice" ("id", "user_id", "kind", "plan_id", "organization_id", "due_date", "message", "dedupe_key", "created_at", "read_at") SELECT "id", "user_id", "kind"::text::"public"."inbox_notice_kind", "plan_id", "organization_id", "due_date", "message", 'cascade:' || "kind" || ':' || "plan_id" || ':' || to_char("due_date", 'YYYY-MM-DD'), "created_at", "read_at" FROM "cascade_notice"`,
    );
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP TYPE "public"."notification_kind"`);
    await queryRunner.query(`DROP TABLE "incoming_notification"`);
    await queryRunner.query(`DROP TABLE "cascade_notice"`);
    await queryRunner.query(`DROP TYPE "public"."cascade_notice_kind"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The three former tables as their migrations made them, each notice back in its own.
    await queryRunner.query(
      `CREATE TYPE "public"."notification_kind" AS ENUM('consultation_request', 'consultation_closed', 'review_request', 'signature_request', 'returned', 'signed', 'reminder', 'escalation')`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "plan_id" uuid, "kind" "public"."notification_kind" NOT NULL, "message" text NOT NULL, "dedupe_key" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_notification_user_dedupe" UNIQUE ("user_id", "dedupe_key"), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_709570ea23197bf75890da5a6a" ON "notification"  ("user_id", "read_at") `);
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_a39643b31289dc65081f803bc18" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "incoming_notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "incoming_document_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "message" text NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_incoming_notification_user_document" UNIQUE ("user_id", "incoming_document_id"), CONSTRAINT "PK_4127a344ca1824b0c11c36f659d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_993f0d2307f1f43f8389b8a72d" ON "incoming_notification"  ("user_id") `);
    await queryRunner.query(
      `ALTER TABLE "incoming_notification" ADD CONSTRAINT "FK_993f0d2307f1f43f8389b8a72df" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incoming_notification" ADD CONSTRAINT "FK_7491dad0e3f865ae6531d60fae7" FOREIGN KEY ("incoming_document_id") REFERENCES "incoming_document"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE TYPE "public"."cascade_notice_kind" AS ENUM('child_plan_assigned', 'due_reminder', 'overdue')`);
    await queryRunner.query(
      `CREATE TABLE "cascade_notice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."cascade_notice_kind" NOT NULL, "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "due_date" date NOT NULL, "message" text NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_cascade_notice" UNIQUE ("kind", "user_id", "plan_id", "due_date"), CONSTRAINT "PK_145e751a99c0f4431a90a860883" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_def09e3f7542deb150df6442e0" ON "cascade_notice"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_b74ef5235b27833ed807967276" ON "cascade_notice"  ("plan_id") `);
    await queryRunner.query(
      `ALTER TABLE "cascade_notice" ADD CONSTRAINT "FK_def09e3f7542deb150df6442e08" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cascade_notice" ADD CONSTRAINT "FK_b74ef5235b27833ed807967276e" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "notification" ("id", "user_id", "plan_id", "kind", "message", "dedupe_key", "created_at", "read_at") SELECT "id", "user_id", "plan_id", "kind"::text::"public"."notification_kind", "message", "dedupe_key", "created_at", "read_at" FROM "inbox_notice" WHERE "kind" IN ('consultation_request', 'consultation_closed', 'review_request', 'signature_request', 'returned', 'signed', 'reminder', 'escalation')`,
    );
    await queryRunner.query(
      `INSERT INTO "incoming_notification" ("id", "user_id", "incoming_document_id", "organization_id", "plan_id", "message", "read_at", "created_at") SELECT n."id", n."user_id", n."incoming_document_id", n."organization_id", n."plan_id", n."message", n."read_at", n."created_at" FROM "inbox_notice" n JOIN "incoming_document" d ON d."id" = n."incoming_document_id" WHERE n."kind" = 'incoming_document'`,
    );
    await queryRunner.query(
      `INSERT INTO "cascade_notice" ("id", "kind", "user_id", "organization_id", "plan_id", "due_date", "message", "read_at", "created_at") SELECT "id", "kind"::text::"public"."cascade_notice_kind", "user_id", "organization_id", "plan_id", "due_date", "message", "read_at", "created_at" FROM "inbox_notice" WHERE "kind" IN ('child_plan_assigned', 'due_reminder', 'overdue')`,
    );
    await queryRunner.query(`ALTER TABLE "inbox_notice" DROP CONSTRAINT "FK_ecd459b3e01ff14ccb0bdfb16a4"`);
    await queryRunner.query(`ALTER TABLE "inbox_notice" DROP CONSTRAINT "FK_c10aea62133f60240ff68e787d9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e41ec772a12e4ca220423c5ecb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ecd459b3e01ff14ccb0bdfb16a"`);
    await queryRunner.query(`DROP TABLE "inbox_notice"`);
    await queryRunner.query(`DROP TYPE "public"."inbox_notice_kind"`);
  }
}
