import { MigrationInterface, QueryRunner } from 'typeorm';

/** Plans and their immutable content versions; a trigram index for searches with or without diacritics. */
export class Plans1795334693682 implements MigrationInterface {
  name = 'Plans1795334693682';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "document_type" character varying(8) NOT NULL, "state" character varying(40) NOT NULL DEFAULT 'draft', "current_version" integer NOT NULL DEFAULT '1', "submitted_version" integer, "draft_round" integer NOT NULL DEFAULT '1', "summary" text NOT NULL, "search_text" text NOT NULL DEFAULT '', "created_by_id" uuid NOT NULL, "number" integer, "number_symbol" character varying(60), "issued_on" date, "signed_at" TIMESTAMP WITH TIME ZONE, "signed_by_id" uuid, "pdf_sha256" character varying(64), "parent_plan_id" uuid, "due_date" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "row_version" integer NOT NULL, CONSTRAINT "PK_54a2b686aed3b637654bf7ddbb3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6b51230f8e2210324667c373bd" ON "plan"  ("parent_plan_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_7b4324a9137a0b1535000f1222" ON "plan"  ("organization_id", "state") `);
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "idx_plan_search_text_trgm" ON "plan" USING gin ("search_text" gin_trgm_ops)`);
    await queryRunner.query(
      `CREATE TABLE "plan_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "version" integer NOT NULL, "content" jsonb NOT NULL, "content_sha256" character varying(64) NOT NULL, "author_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_plan_version" UNIQUE ("plan_id", "version"), CONSTRAINT "PK_253721b12e51a0be8fffb64ded9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan" ADD CONSTRAINT "FK_4a0cbeaf8122e528b49ad04fb10" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan" ADD CONSTRAINT "FK_a71d1ee79df447547d4c835e52c" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan" ADD CONSTRAINT "FK_6b51230f8e2210324667c373bd3" FOREIGN KEY ("parent_plan_id") REFERENCES "plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_version" ADD CONSTRAINT "FK_81377cd93f9c21f55ad545e6b11" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_version" ADD CONSTRAINT "FK_1ff6e97ad610a4392563dcdb429" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_version" DROP CONSTRAINT "FK_1ff6e97ad610a4392563dcdb429"`);
    await queryRunner.query(`ALTER TABLE "plan_version" DROP CONSTRAINT "FK_81377cd93f9c21f55ad545e6b11"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP CONSTRAINT "FK_6b51230f8e2210324667c373bd3"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP CONSTRAINT "FK_a71d1ee79df447547d4c835e52c"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP CONSTRAINT "FK_4a0cbeaf8122e528b49ad04fb10"`);
    await queryRunner.query(`DROP TABLE "plan_version"`);
    await queryRunner.query(`DROP INDEX "public"."idx_plan_search_text_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7b4324a9137a0b1535000f1222"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6b51230f8e2210324667c373bd"`);
    await queryRunner.query(`DROP TABLE "plan"`);
  }
}
