import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlanImportReport1795336395783 implements MigrationInterface {
  name = 'PlanImportReport1795336395783';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "plan_import_report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "file_name" character varying(255) NOT NULL, "file_sha256" character varying(64) NOT NULL, "file_size" integer NOT NULL, "source" character varying(40) NOT NULL, "report" jsonb NOT NULL, "detected" jsonb NOT NULL, "imported_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_42425f76ad3c222f858b650b731" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_0f16679e8b7988a9f86726f8ed" ON "plan_import_report"  ("plan_id") `);
    await queryRunner.query(
      `ALTER TABLE "plan_import_report" ADD CONSTRAINT "FK_0f16679e8b7988a9f86726f8ed6" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_import_report" ADD CONSTRAINT "FK_e73087569799cf8bdbdfd1b654c" FOREIGN KEY ("imported_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_import_report" DROP CONSTRAINT "FK_e73087569799cf8bdbdfd1b654c"`);
    await queryRunner.query(`ALTER TABLE "plan_import_report" DROP CONSTRAINT "FK_0f16679e8b7988a9f86726f8ed6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0f16679e8b7988a9f86726f8ed"`);
    await queryRunner.query(`DROP TABLE "plan_import_report"`);
  }
}
