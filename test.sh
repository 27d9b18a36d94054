#!/usr/bin/env bash
# Runs every test: unit, integration (real SQLite files) and browser (Playwright driving Debian's chromium).
# Installs what the tests drive from Debian's packages when missing: chromium for the browser tests; LibreOffice Writer,
# poppler-utils (pdftotext) and Noto CJK fonts for the Word report test, which converts a .docx to PDF and reads its text.
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

dotnet test EvalWorkflow.sln "$@"
