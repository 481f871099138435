import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlanUpdatedAtIndex1796530849548 implements MigrationInterface {
  name = 'PlanUpdatedAtIndex1796530849548';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_0b83e07c1685f34e2cb76ba9d3" ON "plan"  ("updated_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_0b83e07c1685f34e2cb76ba9d3"`);
  }
}
