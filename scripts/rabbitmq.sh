#!/usr/bin/env bash
# Makes sure the local RabbitMQ node runs with the management (and prometheus) plugins,
# and waits until the management API answers. Usage: scripts/rabbitmq.sh start|status
set -euo pipefail

MGMT_URL="${RABBITMQ_MANAGEMENT_URL:-http://127.0.0.1:15672}"
CREDS="${RABBITMQ_USER:-guest}:${RABBITMQ_PASSWORD:-guest}"

api_answers() { curl -fsS -o /dev/null -u "$CREDS" "$MGMT_URL/api/overview"; }
PROM_URL="${RABBITMQ_PROMETHEUS_URL:-http://127.0.0.1:15692}"
prometheus_answers() { curl -fsS -o /dev/null "$PROM_URL/metrics/detailed?family=queue_consumer_count"; }

wait_for() {
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "rabbitmq.sh: $what did not come up within ${seconds}s" >&2
  return 1
}

start() {
  local t0=$SECONDS
  if api_answers 2>/dev/null && prometheus_answers 2>/dev/null; then echo "rabbitmq: management API and Prometheus endpoint already answer"; return 0; fi
  if ! command -v rabbitmq-server >/dev/null; then
    echo "rabbitmq.sh: RabbitMQ is not installed (apt-get install rabbitmq-server), or point the config at a running broker" >&2
    exit 1
  fi
  if ! rabbitmq-diagnostics -q check_running >/dev/null 2>&1; then
    echo "rabbitmq: starting the node"
    rabbitmq-server -detached
    # `rabbitmqctl await_startup` fails if called too early; poll instead.
    wait_for "the RabbitMQ node" 90 rabbitmq-diagnostics -q check_running
  fi
  rabbitmq-plugins enable --quiet rabbitmq_management rabbitmq_prometheus >/dev/null
  wait_for "the management API at $MGMT_URL" 60 api_answers
  wait_for "the Prometheus endpoint at $PROM_URL" 60 prometheus_answers
  echo "rabbitmq: management API answers at $MGMT_URL, Prometheus at $PROM_URL ($((SECONDS - t0)) s)"
}

case "${1:-}" in
  start) start ;;
  status) api_answers ;;
  *) echo "usage: $0 start|status" >&2; exit 2 ;;
esac
