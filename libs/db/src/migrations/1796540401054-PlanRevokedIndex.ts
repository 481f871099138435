import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlanRevokedIndex1796540401054 implements MigrationInterface {
  name = 'PlanRevokedIndex1796540401054';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_plan_revoked" ON "plan"  ("id") WHERE "revoked_at" IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_plan_revoked"`);
  }
}
