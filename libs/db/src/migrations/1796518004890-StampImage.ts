import { MigrationInterface, QueryRunner } from 'typeorm';

export class StampImage1796518004890 implements MigrationInterface {
  name = 'StampImage1796518004890';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."stamp_kind" AS ENUM('signature', 'seal')`);
    await queryRunner.query(
      `CREATE TABLE "stamp_image" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."stamp_kind" NOT NULL, "owner_id" uuid NOT NULL, "png" bytea NOT NULL, "uploaded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_395dd30954969424b184cb95d2e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "stamp_image_owner" ON "stamp_image"  ("kind", "owner_id", "created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."stamp_image_owner"`);
    await queryRunner.query(`DROP TABLE "stamp_image"`);
    await queryRunner.query(`DROP TYPE "public"."stamp_kind"`);
  }
}
