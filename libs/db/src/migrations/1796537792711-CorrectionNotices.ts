import { MigrationInterface, QueryRunner } from 'typeorm';

export class CorrectionNotices1796537792711 implements MigrationInterface {
  name = 'CorrectionNotices1796537792711';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan" ADD "corrects_plan_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_5c63d8dd4cdcfd6d7fe63a54cd" ON "plan"  ("corrects_plan_id") `);
    await queryRunner.query(
      `ALTER TABLE "plan" ADD CONSTRAINT "FK_5c63d8dd4cdcfd6d7fe63a54cd5" FOREIGN KEY ("corrects_plan_id") REFERENCES "plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan" DROP CONSTRAINT "FK_5c63d8dd4cdcfd6d7fe63a54cd5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5c63d8dd4cdcfd6d7fe63a54cd"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "corrects_plan_id"`);
  }
}
