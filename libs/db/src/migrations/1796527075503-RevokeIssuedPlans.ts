import { MigrationInterface, QueryRunner } from 'typeorm';

export class RevokeIssuedPlans1796527075503 implements MigrationInterface {
  name = 'RevokeIssuedPlans1796527075503';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "delivery" DROP CONSTRAINT "uq_delivery_plan_recipient_channel"`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "revoked_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "revoked_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "revocation_reason" text`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "revocation_decision" character varying(60)`);
    await queryRunner.query(`ALTER TABLE "child_plan" ADD "parent_revoked_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE TYPE "public"."delivery_purpose" AS ENUM('issue', 'revocation')`);
    await queryRunner.query(`ALTER TABLE "delivery" ADD "purpose" "public"."delivery_purpose" NOT NULL DEFAULT 'issue'`);
    await queryRunner.query(`ALTER TABLE "incoming_document" ADD "revoked_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "incoming_document" ADD "revocation_acknowledged_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "incoming_document" ADD "revocation_acknowledged_by_id" uuid`);
    await queryRunner.query(`ALTER TYPE "public"."inbox_notice_kind" ADD VALUE 'plan_revoked'`);
    await queryRunner.query(`ALTER TYPE "public"."inbox_notice_kind" ADD VALUE 'parent_revoked'`);
    await queryRunner.query(
      `ALTER TABLE "delivery" ADD CONSTRAINT "uq_delivery_plan_recipient_channel_purpose" UNIQUE ("plan_id", "recipient_id", "channel", "purpose")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "delivery" DROP CONSTRAINT "uq_delivery_plan_recipient_channel_purpose"`);
    await queryRunner.query(
      `CREATE TYPE "public"."inbox_notice_kind_old" AS ENUM('consultation_request', 'consultation_closed', 'review_request', 'signature_request', 'returned', 'signed', 'reminder', 'escalation', 'incoming_document', 'child_plan_assigned', 'due_reminder', 'overdue')`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbox_notice" ALTER COLUMN "kind" TYPE "public"."inbox_notice_kind_old" USING "kind"::"text"::"public"."inbox_notice_kind_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."inbox_notice_kind"`);
    await queryRunner.query(`ALTER TYPE "public"."inbox_notice_kind_old" RENAME TO "inbox_notice_kind"`);
    await queryRunner.query(`ALTER TABLE "incoming_document" DROP COLUMN "revocation_acknowledged_by_id"`);
    await queryRunner.query(`ALTER TABLE "incoming_document" DROP COLUMN "revocation_acknowledged_at"`);
    await queryRunner.query(`ALTER TABLE "incoming_document" DROP COLUMN "revoked_at"`);
    await queryRunner.query(`ALTER TABLE "delivery" DROP COLUMN "purpose"`);
    await queryRunner.query(`DROP TYPE "public"."delivery_purpose"`);
    await queryRunner.query(`ALTER TABLE "child_plan" DROP COLUMN "parent_revoked_at"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "revocation_decision"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "revocation_reason"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "revoked_by_id"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "revoked_at"`);
    await queryRunner.query(
      `ALTER TABLE "delivery" ADD CONSTRAINT "uq_delivery_plan_recipient_channel" UNIQUE ("plan_id", "recipient_id", "channel")`,
    );
  }
}
