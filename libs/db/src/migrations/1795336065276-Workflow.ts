import { MigrationInterface, QueryRunner } from 'typeorm';

export class Workflow1795336065276 implements MigrationInterface {
  name = 'Workflow1795336065276';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "stream" character varying(80) NOT NULL, "seq" integer NOT NULL, "plan_id" uuid, "organization_id" uuid, "actor_id" uuid, "actor_name" character varying(200) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "event" character varying(60) NOT NULL, "from_state" character varying(40), "to_state" character varying(40), "reason" text, "content_version" integer, "content_sha256" character varying(64), "request_id" character varying(80), "data" jsonb NOT NULL DEFAULT '{}', "prev_hash" character varying(64), "hash" character varying(64) NOT NULL, CONSTRAINT "uq_audit_event_stream_seq" UNIQUE ("stream", "seq"), CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_3b361371d2a87e4dc17376da0d" ON "audit_event"  ("plan_id") `);
    // The audit trail is append-only for everyone, the owner included: a trigger refuses
    // UPDATE, DELETE and TRUNCATE (only a superuser disabling it can tamper, which the hash
    // chain then shows). Roles other than the owner get no right to change rows at all.
    await queryRunner.query(`CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$`);
    await queryRunner.query(
      `CREATE TRIGGER "audit_event_no_change" BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"()`,
    );
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "audit_event" FROM PUBLIC`);
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" character varying(200) NOT NULL, "actor_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "request_sha256" character varying(64) NOT NULL, "response" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_idempotency_key_actor_key" UNIQUE ("actor_id", "key"), CONSTRAINT "PK_213f125e14469be304f9ff1d452" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE TYPE "public"."comment_resolution" AS ENUM('accepted', 'declined')`);
    await queryRunner.query(
      `CREATE TABLE "consultation_comment" ("id" uuid NOT NULL, "plan_id" uuid NOT NULL, "round" integer NOT NULL, "consultee_id" uuid NOT NULL, "anchor_id" character varying(80), "text" text NOT NULL, "content_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolution" "public"."comment_resolution", "resolution_note" text, "resolved_by_id" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_1f7416939b4ce8364af4c58c365" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0440b5cd344553f1d3c6101447" ON "consultation_comment"  ("plan_id", "round") `);
    await queryRunner.query(
      `CREATE TYPE "public"."notification_kind" AS ENUM('consultation_request', 'consultation_closed', 'review_request', 'signature_request', 'returned', 'signed', 'reminder', 'escalation')`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "plan_id" uuid, "kind" "public"."notification_kind" NOT NULL, "message" text NOT NULL, "dedupe_key" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_notification_user_dedupe" UNIQUE ("user_id", "dedupe_key"), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_709570ea23197bf75890da5a6a" ON "notification"  ("user_id", "read_at") `);
    await queryRunner.query(`CREATE TYPE "public"."review_step_role" AS ENUM('reviewer', 'format_checker')`);
    await queryRunner.query(
      `CREATE TABLE "review_chain_step" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "position" integer NOT NULL, "role" "public"."review_step_role" NOT NULL, "label" character varying(200) NOT NULL, CONSTRAINT "uq_review_chain_step_position" UNIQUE ("organization_id", "position"), CONSTRAINT "PK_34e69cf2edc85da7b145baee1ef" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "plan_workflow" ("plan_id" uuid NOT NULL, "machine_id" character varying(40) NOT NULL, "machine_version" character varying(20) NOT NULL, "snapshot" jsonb NOT NULL, "transitions" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_29d7ae554d5388463d08cfdeb05" PRIMARY KEY ("plan_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_comment" ADD CONSTRAINT "FK_fc165ef98dbc9117553f65e787d" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_comment" ADD CONSTRAINT "FK_1512c0175f01c3022eb5ef5c09c" FOREIGN KEY ("consultee_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_a39643b31289dc65081f803bc18" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_chain_step" ADD CONSTRAINT "FK_482e6f762dd8184e0bd74f37121" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_workflow" ADD CONSTRAINT "FK_29d7ae554d5388463d08cfdeb05" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_workflow" DROP CONSTRAINT "FK_29d7ae554d5388463d08cfdeb05"`);
    await queryRunner.query(`ALTER TABLE "review_chain_step" DROP CONSTRAINT "FK_482e6f762dd8184e0bd74f37121"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_a39643b31289dc65081f803bc18"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8"`);
    await queryRunner.query(`ALTER TABLE "consultation_comment" DROP CONSTRAINT "FK_1512c0175f01c3022eb5ef5c09c"`);
    await queryRunner.query(`ALTER TABLE "consultation_comment" DROP CONSTRAINT "FK_fc165ef98dbc9117553f65e787d"`);
    await queryRunner.query(`DROP TABLE "plan_workflow"`);
    await queryRunner.query(`DROP TABLE "review_chain_step"`);
    await queryRunner.query(`DROP TYPE "public"."review_step_role"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_709570ea23197bf75890da5a6a"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP TYPE "public"."notification_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0440b5cd344553f1d3c6101447"`);
    await queryRunner.query(`DROP TABLE "consultation_comment"`);
    await queryRunner.query(`DROP TYPE "public"."comment_resolution"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
    await queryRunner.query(`DROP TRIGGER "audit_event_no_truncate" ON "audit_event"`);
    await queryRunner.query(`DROP TRIGGER "audit_event_no_change" ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION "audit_event_append_only"()`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3b361371d2a87e4dc17376da0d"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
