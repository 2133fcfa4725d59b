#!/bin/sh
# `prisma generate` insists on a schema-engine binary it would otherwise download. Generating the
# client never calls it (parsing and code generation run in WebAssembly), so a stub is enough.
# Migrations do not use Prisma's engine at all: see lib/db/migrate.ts.
case "$1" in
  --version|-V) echo "schema-engine-stub 0.0.0" ;;
  *) echo "schema-engine stub: Backline applies migrations with npm run db:migrate" >&2; exit 1 ;;
esac
