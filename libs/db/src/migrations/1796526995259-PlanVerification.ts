import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlanVerification1796526995259 implements MigrationInterface {
  name = 'PlanVerification1796526995259';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "plan_verification" ("plan_id" uuid NOT NULL, "code" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_990374138f78adb48b69a91d795" UNIQUE ("code"), CONSTRAINT "PK_34561d5c82687bf63872430024e" PRIMARY KEY ("plan_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "verification_request_count" ("client_address" character varying(64) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_8c2a2c4d3c2020bc495ac871c3e" PRIMARY KEY ("client_address", "window_start"))`,
    );
    await queryRunner.query(`CREATE INDEX "verification_request_count_window" ON "verification_request_count"  ("window_start") `);
    await queryRunner.query(
      `ALTER TABLE "plan_verification" ADD CONSTRAINT "FK_34561d5c82687bf63872430024e" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_verification" DROP CONSTRAINT "FK_34561d5c82687bf63872430024e"`);
    await queryRunner.query(`DROP INDEX "public"."verification_request_count_window"`);
    await queryRunner.query(`DROP TABLE "verification_request_count"`);
    await queryRunner.query(`DROP TABLE "plan_verification"`);
  }
}
