#!/usr/bin/env bash
# npm postinstall: apply our dependency patches, then generate the Prisma client.
# `prisma generate` reads env("DATABASE_URL") from the schema even though it never
# connects: give it a placeholder when none is set.
set -euo pipefail
cd "$(dirname "$0")/.."
npx --no-install patch-package
DATABASE_URL="${DATABASE_URL:-postgresql://placeholder@127.0.0.1:5432/placeholder}" PRISMA_HIDE_UPDATE_MESSAGE=1 npx --no-install prisma generate >/dev/null
echo "postinstall: patches applied, Prisma client generated"
