import { MigrationInterface, QueryRunner } from 'typeorm';

export class DocumentStore1796516182056 implements MigrationInterface {
  name = 'DocumentStore1796516182056';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stored_document" ("sha256" character(64) NOT NULL, "bytes" bytea NOT NULL, "size" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8e5a2997d8e2d973aed56cd0730" PRIMARY KEY ("sha256"))`,
    );
    // PDFs are compressed already: keep them out of line without trying again.
    await queryRunner.query(`ALTER TABLE "stored_document" ALTER COLUMN "bytes" SET STORAGE EXTERNAL`);
    // Written once, by its hash: a change or a removal is refused by the database itself.
    await queryRunner.query(`CREATE FUNCTION "stored_document_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stored_document is immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$`);
    await queryRunner.query(
      `CREATE TRIGGER "stored_document_no_change" BEFORE UPDATE OR DELETE ON "stored_document" FOR EACH ROW EXECUTE FUNCTION "stored_document_immutable"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "stored_document_no_change" ON "stored_document"`);
    await queryRunner.query(`DROP FUNCTION "stored_document_immutable"()`);
    await queryRunner.query(`DROP TABLE "stored_document"`);
  }
}
