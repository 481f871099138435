import { MigrationInterface, QueryRunner } from 'typeorm';

export class SignerKey1796517448110 implements MigrationInterface {
  name = 'SignerKey1796517448110';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "signer_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "certificate_pem" text NOT NULL, "fingerprint" character varying(64) NOT NULL, "encrypted_key_pem" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "superseded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_389b04fbb6867fee98927c3703d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7e3d48e4acbee997752ad7d5c1" ON "signer_key"  ("fingerprint") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "signer_key_current" ON "signer_key"  ("user_id", "organization_id") WHERE superseded_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."signer_key_current"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7e3d48e4acbee997752ad7d5c1"`);
    await queryRunner.query(`DROP TABLE "signer_key"`);
  }
}
