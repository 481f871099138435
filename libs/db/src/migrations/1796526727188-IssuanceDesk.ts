import { MigrationInterface, QueryRunner } from 'typeorm';

export class IssuanceDesk1796526727188 implements MigrationInterface {
  name = 'IssuanceDesk1796526727188';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."organization_issuance_mode" AS ENUM('desk', 'automatic')`);
    await queryRunner.query(`ALTER TABLE "organization" ADD "issuance_mode" "public"."organization_issuance_mode" NOT NULL DEFAULT 'desk'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "issuance_mode"`);
    await queryRunner.query(`DROP TYPE "public"."organization_issuance_mode"`);
  }
}
