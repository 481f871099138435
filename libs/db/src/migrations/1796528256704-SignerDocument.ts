import { MigrationInterface, QueryRunner } from 'typeorm';

export class SignerDocument1796528256704 implements MigrationInterface {
  name = 'SignerDocument1796528256704';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan" ADD "signed_pdf_sha256" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "signature_slots" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "signature_slots"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "signed_pdf_sha256"`);
  }
}
