import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795333305129 implements MigrationInterface {
  name = 'Identity1795333305129';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(60) NOT NULL, "full_name" character varying(200) NOT NULL, "email" character varying(200), "password_hash" character varying(200) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c480e576dd71729addbc2d51b6" ON "app_user"  ("username") `);
    await queryRunner.query(
      `CREATE TABLE "api_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_1725c5ea908ff009f6ab3fa34f" ON "api_token"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bafaa5aab5957cd193fb2da8f2" ON "api_token"  ("token_hash") `);
    await queryRunner.query(`CREATE TYPE "public"."organization_family" AS ENUM('party', 'state')`);
    await queryRunner.query(
      `CREATE TABLE "organization" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(40) NOT NULL, "family" "public"."organization_family" NOT NULL, "parent_id" uuid, "level" integer NOT NULL, "full_name" character varying(300) NOT NULL, "short_name" character varying(120) NOT NULL, "symbol_abbreviation" character varying(30) NOT NULL, "place_name" character varying(120) NOT NULL, "superior_header" character varying(300), "header_name" character varying(300) NOT NULL, "email" character varying(200), "webhook_url" character varying(500), "webhook_secret" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CHK_24dec752b605d695670478be66" CHECK ("level" >= 1), CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_aa6e74e96ed2dddfcf09782110" ON "organization"  ("code") `);
    await queryRunner.query(`CREATE INDEX "IDX_15acafd6698ac846c6b6a6a50e" ON "organization"  ("parent_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."membership_role" AS ENUM('drafter', 'consultee', 'reviewer', 'format_checker', 'signer', 'clerk', 'auditor', 'admin')`,
    );
    await queryRunner.query(
      `CREATE TABLE "membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "roles" "public"."membership_role" array NOT NULL, "position" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_membership_user_org" UNIQUE ("user_id", "organization_id"), CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_412ffe9391a352e8a4e3dc46f6" ON "membership"  ("organization_id") `);
    await queryRunner.query(
      `CREATE TABLE "signing_authority" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "capacity_lines" jsonb NOT NULL, "valid_from" date NOT NULL, "valid_to" date, "delegated_from_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_39faee8e8a43765ca2183ae0d21" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_37854cab8040e1a52841bc1b1b" ON "signing_authority"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_cd667df0a03d79f8e77417f70c" ON "signing_authority"  ("organization_id") `);
    await queryRunner.query(
      `CREATE TABLE "sign_in_attempt" ("id" BIGSERIAL NOT NULL, "username" character varying(60) NOT NULL, "address" character varying(64) NOT NULL, "succeeded" boolean NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7708f8d7d88593210f3d359f81d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_f2b1f825a0cc5946ba34ebca61" ON "sign_in_attempt"  ("address", "attempted_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_823c901bf5b6a62dd587dcf2d7" ON "sign_in_attempt"  ("username", "attempted_at") `);
    await queryRunner.query(
      `ALTER TABLE "api_token" ADD CONSTRAINT "FK_1725c5ea908ff009f6ab3fa34fd" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization" ADD CONSTRAINT "FK_15acafd6698ac846c6b6a6a50ec" FOREIGN KEY ("parent_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_412ffe9391a352e8a4e3dc46f6f" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signing_authority" ADD CONSTRAINT "FK_37854cab8040e1a52841bc1b1bd" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signing_authority" ADD CONSTRAINT "FK_cd667df0a03d79f8e77417f70ca" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Web UI sessions (connect-pg-simple's table): kept out of the entities on purpose.
    await queryRunner.query(`CREATE TABLE "web_session" ("sid" varchar NOT NULL PRIMARY KEY, "sess" json NOT NULL, "expire" timestamp(6) NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_web_session_expire" ON "web_session" ("expire")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "web_session"`);
    await queryRunner.query(`ALTER TABLE "signing_authority" DROP CONSTRAINT "FK_cd667df0a03d79f8e77417f70ca"`);
    await queryRunner.query(`ALTER TABLE "signing_authority" DROP CONSTRAINT "FK_37854cab8040e1a52841bc1b1bd"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_412ffe9391a352e8a4e3dc46f6f"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d"`);
    await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "FK_15acafd6698ac846c6b6a6a50ec"`);
    await queryRunner.query(`ALTER TABLE "api_token" DROP CONSTRAINT "FK_1725c5ea908ff009f6ab3fa34fd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_823c901bf5b6a62dd587dcf2d7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f2b1f825a0cc5946ba34ebca61"`);
    await queryRunner.query(`DROP TABLE "sign_in_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cd667df0a03d79f8e77417f70c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_37854cab8040e1a52841bc1b1b"`);
    await queryRunner.query(`DROP TABLE "signing_authority"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_412ffe9391a352e8a4e3dc46f6"`);
    await queryRunner.query(`DROP TABLE "membership"`);
    await queryRunner.query(`DROP TYPE "public"."membership_role"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_15acafd6698ac846c6b6a6a50e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_aa6e74e96ed2dddfcf09782110"`);
    await queryRunner.query(`DROP TABLE "organization"`);
    await queryRunner.query(`DROP TYPE "public"."organization_family"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bafaa5aab5957cd193fb2da8f2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1725c5ea908ff009f6ab3fa34f"`);
    await queryRunner.query(`DROP TABLE "api_token"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c480e576dd71729addbc2d51b6"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
  }
}
