#!/usr/bin/env bash
# Installs what gongwen needs on a fresh Debian machine, idempotently: the programs it drives
# (Chromium for PDF), the programs its tests read outputs with (poppler, LibreOffice), free
# substitute fonts, and the npm packages. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
# Free fonts with GB coverage that LibreOffice falls back to when it opens the DOCX
# (Chromium uses the npm fonts gongwen serves itself).
# The font list is read once: `fc-list | grep -q` under pipefail fails whenever grep stops early
# (fc-list gets SIGPIPE), which made every run reinstall these fonts.
fonts=$(fc-list 2>/dev/null || true)
grep -q 'WenQuanYi Zen Hei' <<<"$fonts" || need+=(fonts-wqy-zenhei)
grep -q 'LXGW WenKai' <<<"$fonts" || need+=(fonts-lxgw-wenkai)
# Times New Roman's metrics, so that LibreOffice breaks Latin text and digits as Word does.
grep -q 'Liberation Serif' <<<"$fonts" || need+=(fonts-liberation)
if [ "${GONGWEN_BENCH:-}" = 1 ]; then command -v pandoc >/dev/null 2>&1 || need+=(pandoc); fi

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm ci only when node_modules was not installed from this very lock file.
stamp=node_modules/.gongwen-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
