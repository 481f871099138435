import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeliveryOpenIndex1795336586408 implements MigrationInterface {
  name = 'DeliveryOpenIndex1795336586408';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_delivery_open_by_plan" ON "delivery"  ("plan_id") WHERE status IN ('queued', 'sent', 'failed')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_delivery_open_by_plan"`);
  }
}
