import { MigrationInterface, QueryRunner } from 'typeorm';

export class RelaxedSeparationOfDuties1796526705271 implements MigrationInterface {
  name = 'RelaxedSeparationOfDuties1796526705271';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organization" ADD "relaxed_separation_of_duties" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "relaxed_separation_of_duties"`);
  }
}
