import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReplaceIssuedPlans1796538305430 implements MigrationInterface {
  name = 'ReplaceIssuedPlans1796538305430';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan" ADD "replaces_plan_id" uuid`);
    await queryRunner.query(`ALTER TABLE "incoming_document" ADD "replaced_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "incoming_document" ADD "replaced_by_plan_id" uuid`);
    await queryRunner.query(`ALTER TABLE "delivery" DROP CONSTRAINT "uq_delivery_plan_recipient_channel_purpose"`);
    await queryRunner.query(`ALTER TYPE "public"."delivery_purpose" ADD VALUE 'replacement'`);
    await queryRunner.query(`ALTER TYPE "public"."inbox_notice_kind" ADD VALUE 'plan_replaced'`);
    await queryRunner.query(`ALTER TYPE "public"."inbox_notice_kind" ADD VALUE 'parent_replaced'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_plan_replaces_plan" ON "plan"  ("replaces_plan_id") WHERE replaces_plan_id IS NOT NULL AND state <> 'cancelled'`,
    );
    await queryRunner.query(
      `ALTER TABLE "delivery" ADD CONSTRAINT "uq_delivery_plan_recipient_channel_purpose" UNIQUE ("plan_id", "recipient_id", "channel", "purpose")`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan" ADD CONSTRAINT "FK_3cab6c90ee4a98ca6e8c9f6a5f7" FOREIGN KEY ("replaces_plan_id") REFERENCES "plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan" DROP CONSTRAINT "FK_3cab6c90ee4a98ca6e8c9f6a5f7"`);
    await queryRunner.query(`ALTER TABLE "delivery" DROP CONSTRAINT "uq_delivery_plan_recipient_channel_purpose"`);
    await queryRunner.query(`DROP INDEX "public"."uq_plan_replaces_plan"`);
    await queryRunner.query(
      `CREATE TYPE "public"."inbox_notice_kind_old" AS ENUM('consultation_request', 'consultation_closed', 'review_request', 'signature_request', 'returned', 'signed', 'reminder', 'escalation', 'incoming_document', 'child_plan_assigned', 'due_reminder', 'overdue', 'plan_revoked', 'parent_revoked')`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbox_notice" ALTER COLUMN "kind" TYPE "public"."inbox_notice_kind_old" USING "kind"::"text"::"public"."inbox_notice_kind_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."inbox_notice_kind"`);
    await queryRunner.query(`ALTER TYPE "public"."inbox_notice_kind_old" RENAME TO "inbox_notice_kind"`);
    await queryRunner.query(`CREATE TYPE "public"."delivery_purpose_old" AS ENUM('issue', 'revocation')`);
    await queryRunner.query(
      `ALTER TABLE "delivery" ALTER COLUMN "purpose" TYPE "public"."delivery_purpose_old" USING "purpose"::"text"::"public"."delivery_purpose_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."delivery_purpose"`);
    await queryRunner.query(`ALTER TYPE "public"."delivery_purpose_old" RENAME TO "delivery_purpose"`);
    await queryRunner.query(
      `ALTER TABLE "delivery" ADD CONSTRAINT "uq_delivery_plan_recipient_channel_purpose" UNIQUE ("plan_id", "recipient_id", "channel", "purpose")`,
    );
    await queryRunner.query(`ALTER TABLE "incoming_document" DROP COLUMN "replaced_by_plan_id"`);
    await queryRunner.query(`ALTER TABLE "incoming_document" DROP COLUMN "replaced_at"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "replaces_plan_id"`);
  }
}
