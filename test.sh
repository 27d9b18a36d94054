#!/usr/bin/env bash
# Runs every test: unit, integration (real SQLite files) and browser (Playwright driving Debian's chromium).
# Installs Debian's chromium first when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium
fi

dotnet test EvalWorkflow.sln "$@"
