import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlanOrganizationUpdatedAtIndex1796540336808 implements MigrationInterface {
  name = 'PlanOrganizationUpdatedAtIndex1796540336808';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_b17f1bb9282185b5976e864e15" ON "plan"  ("organization_id", "updated_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_b17f1bb9282185b5976e864e15"`);
  }
}
