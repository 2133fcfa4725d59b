-- Account set-up (issue 18, item 7): the last successful sign-in per account, and one-time set-password links
-- (stored as the SHA-256 of their token, with an expiry and when they were used).

-- AlterTable
ALTER TABLE "users" ADD COLUMN "last_sign_in_at" TIMESTAMPTZ(6);

-- CreateTable
CREATE TABLE "set_password_links" (
    "id" BIGSERIAL NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),

    CONSTRAINT "set_password_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "set_password_links_token_hash_key" ON "set_password_links"("token_hash");

-- CreateIndex
CREATE INDEX "set_password_links_user_id_idx" ON "set_password_links"("user_id");

-- AddForeignKey
ALTER TABLE "set_password_links" ADD CONSTRAINT "set_password_links_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
