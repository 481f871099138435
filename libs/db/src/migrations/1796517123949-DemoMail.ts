import { MigrationInterface, QueryRunner } from 'typeorm';

export class DemoMail1796517123949 implements MigrationInterface {
  name = 'DemoMail1796517123949';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "demo_mail" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sender" text NOT NULL, "recipients" text array NOT NULL, "subject" text NOT NULL, "message_id" text NOT NULL, "delivery_id" uuid, "text_body" text NOT NULL, "attachments" jsonb NOT NULL DEFAULT '[]', "raw" bytea NOT NULL, CONSTRAINT "PK_43568516b018f8aff2fd055bb8f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b4ee81aefbc21b692b8d7330ea" ON "demo_mail"  ("received_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_b4ee81aefbc21b692b8d7330ea"`);
    await queryRunner.query(`DROP TABLE "demo_mail"`);
  }
}
