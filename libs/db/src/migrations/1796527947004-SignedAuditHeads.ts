import { MigrationInterface, QueryRunner } from 'typeorm';

export class SignedAuditHeads1796527947004 implements MigrationInterface {
  name = 'SignedAuditHeads1796527947004';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."audit_head_reason" AS ENUM('issuance', 'daily')`);
    await queryRunner.query(
      `CREATE TABLE "audit_head" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "stream" character varying(80) NOT NULL, "seq" integer NOT NULL, "hash" character varying(64) NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" "public"."audit_head_reason" NOT NULL, "key_id" character varying(64) NOT NULL, "signature" text NOT NULL, CONSTRAINT "PK_d3ed64edb3e208e83ccb5da589a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_71e3ef25efb0adddd8ce57f526" ON "audit_head"  ("stream", "seq") `);
    // Signed heads are append-only like the trail they sign.
    await queryRunner.query(`CREATE FUNCTION "audit_head_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_head is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$`);
    await queryRunner.query(
      `CREATE TRIGGER "audit_head_no_change" BEFORE UPDATE OR DELETE ON "audit_head" FOR EACH ROW EXECUTE FUNCTION "audit_head_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_head_no_truncate" BEFORE TRUNCATE ON "audit_head" FOR EACH STATEMENT EXECUTE FUNCTION "audit_head_append_only"()`,
    );
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "audit_head" FROM PUBLIC`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_head_no_truncate" ON "audit_head"`);
    await queryRunner.query(`DROP TRIGGER "audit_head_no_change" ON "audit_head"`);
    await queryRunner.query(`DROP FUNCTION "audit_head_append_only"()`);
    await queryRunner.query(`DROP INDEX "public"."IDX_71e3ef25efb0adddd8ce57f526"`);
    await queryRunner.query(`DROP TABLE "audit_head"`);
    await queryRunner.query(`DROP TYPE "public"."audit_head_reason"`);
  }
}
