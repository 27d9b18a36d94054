#!/usr/bin/env bash
# Runs every test: unit, integration (real SQLite files) and browser (Playwright driving Debian's chromium).
# Installs what the tests drive from Debian's packages when missing: chromium for the browser tests; LibreOffice Writer,
# poppler-utils (pdftotext) and Noto CJK fonts for the Word report test, which converts a .docx to PDF and reads its text;
# PostgreSQL 15 and RabbitMQ for the several-machines tests.
set -euo pipefail
cd "$(dirname "$0")"

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
updated=""
apt_install() {
  if [ -z "$updated" ]; then $sudo_cmd apt-get update -qq; updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@"
}

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  apt_install chromium
fi

report_tools=()
if ! command -v libreoffice >/dev/null; then report_tools+=(libreoffice-writer-nogui); fi
if ! command -v pdftotext >/dev/null; then report_tools+=(poppler-utils); fi
if ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed"; then report_tools+=(fonts-noto-cjk); fi
if [ ${#report_tools[@]} -gt 0 ]; then
  echo "Installing Debian's ${report_tools[*]} for the Word report test..."
  apt_install --no-install-recommends "${report_tools[@]}"
fi

# PostgreSQL 15 for the several-machines tests (two app nodes on one database): Debian's server, started here when it is
# down and stopped again at the end; the tests make throw-away databases of their own and drop them.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
if ! command -v pg_ctlcluster >/dev/null || [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
  echo "Installing Debian's PostgreSQL 15 for the several-machines tests..."
  apt_install --no-install-recommends postgresql-15 postgresql-client-15
fi
if ! pg_lsclusters -h 2>/dev/null | awk '$1 == 15 && $2 == "main"' | grep -q .; then
  $sudo_cmd pg_createcluster 15 main >/dev/null
fi
pg_started=""
if ! pg_lsclusters -h | awk '$1 == 15 && $2 == "main" {print $4}' | grep -q online; then
  $sudo_cmd pg_ctlcluster 15 main start
  pg_started=1
fi
# RabbitMQ for the two-node test over a broker: Debian's server, started detached when it is not running, stopped at the end.
if ! command -v rabbitmq-server >/dev/null; then
  echo "Installing Debian's RabbitMQ for the several-machines tests..."
  apt_install --no-install-recommends rabbitmq-server
fi
rabbit_started=""
if ! $sudo_cmd rabbitmqctl -q status >/dev/null 2>&1; then
  $sudo_cmd rabbitmq-server -detached
  rabbit_started=1
fi
stop_services() {
  if [ -n "$rabbit_started" ]; then $sudo_cmd rabbitmqctl -q stop >/dev/null 2>&1 || true; fi
  if [ -n "$pg_started" ]; then $sudo_cmd pg_ctlcluster 15 main stop || true; fi
}
trap stop_services EXIT
# -detached returns before the node has registered; await_startup fails until it has.
for _ in $(seq 1 90); do
  if $sudo_cmd rabbitmqctl -q await_startup >/dev/null 2>&1; then break; fi
  sleep 1
done
$sudo_cmd rabbitmqctl -q await_startup
# A fresh vhost for each run, so that no queue of an earlier run is left over.
$sudo_cmd rabbitmqctl -q delete_vhost evalworkflow_test >/dev/null 2>&1 || true
$sudo_cmd rabbitmqctl -q add_vhost evalworkflow_test
$sudo_cmd rabbitmqctl -q add_user evalworkflow_test evalworkflow_test >/dev/null 2>&1 || true
$sudo_cmd rabbitmqctl -q set_permissions -p evalworkflow_test evalworkflow_test ".*" ".*" ".*"
export EVALWORKFLOW_TEST_RABBITMQ="127.0.0.1;evalworkflow_test;evalworkflow_test;evalworkflow_test"
pg_port=$(pg_lsclusters -h | awk '$1 == 15 && $2 == "main" {print $3}')
as_postgres psql -q -p "$pg_port" -v ON_ERROR_STOP=1 <<'SQL'
SELECT 'CREATE ROLE evalworkflow_test LOGIN CREATEDB PASSWORD ''evalworkflow_test'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'evalworkflow_test') \gexec
SQL
export EVALWORKFLOW_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=evalworkflow_test;Password=evalworkflow_test;Database=postgres"

dotnet test EvalWorkflow.sln "$@"
