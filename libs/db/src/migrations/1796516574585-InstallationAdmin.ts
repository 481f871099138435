import { MigrationInterface, QueryRunner } from 'typeorm';

export class InstallationAdmin1796516574585 implements MigrationInterface {
  name = 'InstallationAdmin1796516574585';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "installation_admin" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "installation_admin"`);
  }
}
