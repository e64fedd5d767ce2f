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
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=warn; fi
bash scripts/chromium.sh
bash scripts/alertmanager.sh

step "services"
# Stop only what this run started: a broker that `npm run up` (or anything else) runs is used
# and left running. The tests that stop a broker start their own (broker-down: KAFKA_INSTANCE
# broker-down-test; rabbitmq-down: RABBITMQ_INSTANCE rabbitmq-down-test) and stop it themselves;
# the trap only stops those two again in case a run was interrupted before their afterAll.
cleanup() {
  [ "$KAFKA_STARTED_HERE" = 1 ] && { bash scripts/kafka.sh stop || true; }
  KAFKA_INSTANCE=broker-down-test KAFKA_PORT=9292 bash scripts/kafka.sh stop >/dev/null 2>&1 || true
  RABBITMQ_INSTANCE=rabbitmq-down-test RABBITMQ_NODE_PORT=5782 bash scripts/rabbitmq.sh stop >/dev/null 2>&1 || true
}
KAFKA_STARTED_HERE=0
trap cleanup EXIT
if bash scripts/kafka.sh status >/dev/null 2>&1; then
  echo "kafka: already running (started by scripts/kafka.sh, e.g. for npm run up); left running"
elif (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null; then
  echo "kafka: a broker not started by scripts/kafka.sh listens on 127.0.0.1:9092; using it, left running"
else
  bash scripts/kafka.sh start
  KAFKA_STARTED_HERE=1
fi
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
