import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Child plans, their reports and attachments, deadline notices; and the partial unique index
 * that makes one child per parent and organization whatever the retries of the cascade job.
 */
export class Cascade1795335776905 implements MigrationInterface {
  name = 'Cascade1795335776905';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_plan_parent_organization" ON "plan" ("parent_plan_id", "organization_id") WHERE "parent_plan_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "child_plan" ("plan_id" uuid NOT NULL, "parent_plan_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "recipient_id" character varying(64), "due_date" date NOT NULL, "assigned_items" jsonb NOT NULL DEFAULT '[]', "overdue_notified_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_child_plan_parent_organization" UNIQUE ("parent_plan_id", "organization_id"), CONSTRAINT "PK_23e267f8e62fcb1d189aee178f4" PRIMARY KEY ("plan_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9452cdce13f5afba6e87e1985f" ON "child_plan"  ("parent_plan_id") `);
    await queryRunner.query(`CREATE TYPE "public"."cascade_notice_kind" AS ENUM('child_plan_assigned', 'due_reminder', 'overdue')`);
    await queryRunner.query(
      `CREATE TABLE "cascade_notice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."cascade_notice_kind" NOT NULL, "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "due_date" date NOT NULL, "message" text NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_cascade_notice" UNIQUE ("kind", "user_id", "plan_id", "due_date"), CONSTRAINT "PK_145e751a99c0f4431a90a860883" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_def09e3f7542deb150df6442e0" ON "cascade_notice"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_b74ef5235b27833ed807967276" ON "cascade_notice"  ("plan_id") `);
    await queryRunner.query(
      `CREATE TABLE "plan_report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "duty_id" character varying(64) NOT NULL, "organization_id" uuid NOT NULL, "child_plan_id" uuid, "text" text NOT NULL, "submitted_by_id" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_748e3d7c4953418105e8704d678" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_c182ab6190a1b493c9c6be4037" ON "plan_report"  ("plan_id", "duty_id", "organization_id") `);
    await queryRunner.query(
      `CREATE TABLE "plan_report_attachment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "file_name" character varying(255) NOT NULL, "media_type" character varying(120) NOT NULL, "size" integer NOT NULL, "sha256" character varying(64) NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_e3f50a9d832c533315e053c0d19" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_cd0164ef6668023ea3bad331a6" ON "plan_report_attachment"  ("report_id") `);
    await queryRunner.query(
      `ALTER TABLE "child_plan" ADD CONSTRAINT "FK_23e267f8e62fcb1d189aee178f4" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "child_plan" ADD CONSTRAINT "FK_9452cdce13f5afba6e87e1985fe" FOREIGN KEY ("parent_plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "child_plan" ADD CONSTRAINT "FK_9293b165f28b4bddc3d14da8fdd" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cascade_notice" ADD CONSTRAINT "FK_def09e3f7542deb150df6442e08" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cascade_notice" ADD CONSTRAINT "FK_b74ef5235b27833ed807967276e" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_report" ADD CONSTRAINT "FK_5419dfcdb53d7314a990deda559" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_report" ADD CONSTRAINT "FK_c12678fe3c63cb98e2aca4e38b2" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_report" ADD CONSTRAINT "FK_d7af407fd402c1c18d7dc686a41" FOREIGN KEY ("submitted_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_report_attachment" ADD CONSTRAINT "FK_cd0164ef6668023ea3bad331a6f" FOREIGN KEY ("report_id") REFERENCES "plan_report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_report_attachment" DROP CONSTRAINT "FK_cd0164ef6668023ea3bad331a6f"`);
    await queryRunner.query(`ALTER TABLE "plan_report" DROP CONSTRAINT "FK_d7af407fd402c1c18d7dc686a41"`);
    await queryRunner.query(`ALTER TABLE "plan_report" DROP CONSTRAINT "FK_c12678fe3c63cb98e2aca4e38b2"`);
    await queryRunner.query(`ALTER TABLE "plan_report" DROP CONSTRAINT "FK_5419dfcdb53d7314a990deda559"`);
    await queryRunner.query(`ALTER TABLE "cascade_notice" DROP CONSTRAINT "FK_b74ef5235b27833ed807967276e"`);
    await queryRunner.query(`ALTER TABLE "cascade_notice" DROP CONSTRAINT "FK_def09e3f7542deb150df6442e08"`);
    await queryRunner.query(`ALTER TABLE "child_plan" DROP CONSTRAINT "FK_9293b165f28b4bddc3d14da8fdd"`);
    await queryRunner.query(`ALTER TABLE "child_plan" DROP CONSTRAINT "FK_9452cdce13f5afba6e87e1985fe"`);
    await queryRunner.query(`ALTER TABLE "child_plan" DROP CONSTRAINT "FK_23e267f8e62fcb1d189aee178f4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cd0164ef6668023ea3bad331a6"`);
    await queryRunner.query(`DROP TABLE "plan_report_attachment"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c182ab6190a1b493c9c6be4037"`);
    await queryRunner.query(`DROP TABLE "plan_report"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b74ef5235b27833ed807967276"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_def09e3f7542deb150df6442e0"`);
    await queryRunner.query(`DROP TABLE "cascade_notice"`);
    await queryRunner.query(`DROP TYPE "public"."cascade_notice_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9452cdce13f5afba6e87e1985f"`);
    await queryRunner.query(`DROP TABLE "child_plan"`);
    await queryRunner.query(`DROP INDEX "public"."uq_plan_parent_organization"`);
  }
}
