import { MigrationInterface, QueryRunner } from 'typeorm';

export class Numbering1795335548152 implements MigrationInterface {
  name = 'Numbering1795335548152';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "committee_term" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "starts_on" date NOT NULL, "ends_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_committee_term_start" UNIQUE ("organization_id", "starts_on"), CONSTRAINT "PK_9591355491f80f794047c11a233" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_5a876414ef18fcafd4dbc36d54" ON "committee_term"  ("organization_id") `);
    await queryRunner.query(`CREATE TYPE "public"."register_period" AS ENUM('term', 'year')`);
    await queryRunner.query(
      `CREATE TABLE "register" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "document_type" character varying(8), "period" "public"."register_period" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_14473cc8f2caa81fd19f7648d54" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_register_org_shared" ON "register"  ("organization_id") WHERE "document_type" IS NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_register_org_type" ON "register"  ("organization_id", "document_type") WHERE "document_type" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "register_counter" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "register_id" uuid NOT NULL, "period_key" character varying(60) NOT NULL, "last_number" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_register_counter_period" UNIQUE ("register_id", "period_key"), CONSTRAINT "PK_7240842e187631dc27c302fcd5a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "register_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "register_id" uuid NOT NULL, "period_key" character varying(60) NOT NULL, "number" integer NOT NULL, "number_symbol" character varying(60) NOT NULL, "plan_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "document_type" character varying(8) NOT NULL, "issued_on" date NOT NULL, "summary" text NOT NULL, "signer" character varying(400) NOT NULL, "recipients" text NOT NULL, "archive_unit" character varying(200) NOT NULL, "copies" integer NOT NULL, "sent_on" date, "receipt" text, "notes" text, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL, "voided_at" TIMESTAMP WITH TIME ZONE, "void_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_register_entry_number" UNIQUE ("register_id", "period_key", "number"), CONSTRAINT "PK_23a14e46208b8cdbbc42ee9e1d8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_574a17faafb26927d13f0197f9" ON "register_entry"  ("plan_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_fb77823ccafde2bcabdca67973" ON "register_entry"  ("organization_id", "issued_on") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_register_entry_live_plan" ON "register_entry"  ("plan_id") WHERE "voided_at" IS NULL`);
    await queryRunner.query(
      `ALTER TABLE "committee_term" ADD CONSTRAINT "FK_5a876414ef18fcafd4dbc36d54d" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register" ADD CONSTRAINT "FK_bbe636af303ffafc6c01990b1b8" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_counter" ADD CONSTRAINT "FK_67631c6082456285e87360973d5" FOREIGN KEY ("register_id") REFERENCES "register"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_entry" ADD CONSTRAINT "FK_4abc3b6fa49f855bfd7db71dda6" FOREIGN KEY ("register_id") REFERENCES "register"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_entry" ADD CONSTRAINT "FK_574a17faafb26927d13f0197f91" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_entry" ADD CONSTRAINT "FK_e2acf186a744191ef5b7e31fbe1" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "register_entry" DROP CONSTRAINT "FK_e2acf186a744191ef5b7e31fbe1"`);
    await queryRunner.query(`ALTER TABLE "register_entry" DROP CONSTRAINT "FK_574a17faafb26927d13f0197f91"`);
    await queryRunner.query(`ALTER TABLE "register_entry" DROP CONSTRAINT "FK_4abc3b6fa49f855bfd7db71dda6"`);
    await queryRunner.query(`ALTER TABLE "register_counter" DROP CONSTRAINT "FK_67631c6082456285e87360973d5"`);
    await queryRunner.query(`ALTER TABLE "register" DROP CONSTRAINT "FK_bbe636af303ffafc6c01990b1b8"`);
    await queryRunner.query(`ALTER TABLE "committee_term" DROP CONSTRAINT "FK_5a876414ef18fcafd4dbc36d54d"`);
    await queryRunner.query(`DROP INDEX "public"."uq_register_entry_live_plan"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fb77823ccafde2bcabdca67973"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_574a17faafb26927d13f0197f9"`);
    await queryRunner.query(`DROP TABLE "register_entry"`);
    await queryRunner.query(`DROP TABLE "register_counter"`);
    await queryRunner.query(`DROP INDEX "public"."uq_register_org_type"`);
    await queryRunner.query(`DROP INDEX "public"."uq_register_org_shared"`);
    await queryRunner.query(`DROP TABLE "register"`);
    await queryRunner.query(`DROP TYPE "public"."register_period"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5a876414ef18fcafd4dbc36d54"`);
    await queryRunner.query(`DROP TABLE "committee_term"`);
  }
}
