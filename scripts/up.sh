#!/usr/bin/env bash
# Quick start: installs what is missing, starts the local Kafka / RabbitMQ the config
# points at, builds, migrates and runs collector + web. Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PRISMA_HIDE_UPDATE_MESSAGE=1
# The example config reads the local RabbitMQ password from the environment.
export RABBITMQ_PASSWORD="${RABBITMQ_PASSWORD:-guest}"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=warn; fi
if [ -z "${QUEUEWATCH_CONFIG:-}" ] && [ ! -f queuewatch.yaml ]; then
  cp queuewatch.example.yaml queuewatch.yaml
  echo "queuewatch: created queuewatch.yaml from queuewatch.example.yaml"
fi

services=$(node_modules/.bin/tsx --conditions=react-server scripts/local-services.ts)
for service in $services; do
  # A broker already listening on the default port (e.g. from docker-compose.yml) is used as is.
  if [ "$service" = kafka ] && ! bash scripts/kafka.sh status >/dev/null 2>&1 && (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null; then
    echo "kafka: a broker not started by scripts/kafka.sh already listens on 127.0.0.1:9092; using it"
    continue
  fi
  bash "scripts/$service.sh" start
done

# Build when there is no build or the sources changed since the last one.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib next.config.js package-lock.json -newer .next/BUILD_ID -print -quit)" ]; then
  npm run --silent build
fi
exec node_modules/.bin/tsx --conditions=react-server scripts/run-all.ts
