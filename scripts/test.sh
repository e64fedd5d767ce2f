#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing, starts the real
# services (Kafka, RabbitMQ + management, Postgres, Chromium), then lint, typecheck,
# unit, integration and browser tests. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PRISMA_HIDE_UPDATE_MESSAGE=1

step() { printf '\n=== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }
T0=$SECONDS

step "install"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi
bash scripts/chromium.sh

step "services"
KAFKA_WAS_RUNNING=0
bash scripts/kafka.sh status >/dev/null 2>&1 && KAFKA_WAS_RUNNING=1
bash scripts/kafka.sh start
# Stop only what this run started.
[ "$KAFKA_WAS_RUNNING" = 1 ] || trap 'bash scripts/kafka.sh stop || true' EXIT
bash scripts/rabbitmq.sh start
bash scripts/postgres.sh recreate queuewatch_test queuewatch_e2e
export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:5432/queuewatch_test"
export E2E_DATABASE_URL="postgresql://postgres@127.0.0.1:5432/queuewatch_e2e"
DATABASE_URL="$TEST_DATABASE_URL" npm run --silent db:migrate
DATABASE_URL="$E2E_DATABASE_URL" npm run --silent db:migrate

step "lint";        npm run --silent lint
step "typecheck";   npm run --silent typecheck
step "unit";        npm run --silent test:unit
step "integration"; npm run --silent test:integration
step "build";       npm run --silent build
step "e2e";         npm run --silent test:e2e

printf '\nall test stages passed in %d s\n' "$((SECONDS - T0))"
