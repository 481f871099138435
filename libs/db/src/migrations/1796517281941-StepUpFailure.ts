import { MigrationInterface, QueryRunner } from 'typeorm';

export class StepUpFailure1796517281941 implements MigrationInterface {
  name = 'StepUpFailure1796517281941';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "step_up_failure" ("id" BIGSERIAL NOT NULL, "user_id" uuid NOT NULL, "failed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a431d8ac344186b9668e2c43cfe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_43fb9d1bd71313c6c967caaff9" ON "step_up_failure"  ("user_id", "failed_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_43fb9d1bd71313c6c967caaff9"`);
    await queryRunner.query(`DROP TABLE "step_up_failure"`);
  }
}
