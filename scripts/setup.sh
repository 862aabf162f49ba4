#!/usr/bin/env bash
# Installs what gongwen and its tests need on a fresh Debian machine, idempotently: the npm
# packages (gongwen itself needs nothing else: it draws its PDF and OFD itself), and the
# programs its tests read outputs with — poppler (PDF text, fonts, pages), qpdf (PDF structure),
# LibreOffice (opens the DOCX as a user's word processor would), xmllint (OFD schemas), and
# Apache PDFBox Preflight on a headless Java (PDF/A) — with the free CJK fonts LibreOffice falls
# back to. Safe to run again: it skips what is there. GONGWEN_SETUP=run installs only what
# building needs (the npm packages): `npm run examples` uses it.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
if [ "${GONGWEN_SETUP:-test}" != run ]; then
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
  command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer)
  command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
  command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
  [ -f /usr/share/java/pdfbox2.jar ] || need+=(libpdfbox2-java libactivation-java libjaxb-api-java)
  # Free fonts with GB coverage that LibreOffice falls back to when it opens the DOCX.
  # The font list is read once: `fc-list | grep -q` under pipefail fails whenever grep stops early
  # (fc-list gets SIGPIPE), which made every run reinstall these fonts.
  fonts=$(fc-list 2>/dev/null || true)
  grep -q 'WenQuanYi Zen Hei' <<<"$fonts" || need+=(fonts-wqy-zenhei)
  grep -q 'LXGW WenKai' <<<"$fonts" || need+=(fonts-lxgw-wenkai)
  # Times New Roman's metrics, so that LibreOffice breaks Latin text and digits as Word does.
  grep -q 'Liberation Serif' <<<"$fonts" || need+=(fonts-liberation)
  if [ "${GONGWEN_BENCH:-}" = 1 ]; then command -v pandoc >/dev/null 2>&1 || need+=(pandoc); fi
fi

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
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
