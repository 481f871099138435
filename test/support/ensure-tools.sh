#!/usr/bin/env bash
# The programs the tests use to check documents from outside (poppler, qpdf, NSS certutil, MuPDF,
# zbar) and the PostgreSQL client tools: installed from Debian's packages when missing and this
# machine allows it (root, or sudo without a password); otherwise one line naming the command.
set -euo pipefail

declare -A package_of=(
  [pdftotext]=poppler-utils [pdfsig]=poppler-utils [pdffonts]=poppler-utils [pdftoppm]=poppler-utils
  [qpdf]=qpdf [certutil]=libnss3-tools [mutool]=mupdf-tools [zbarimg]=zbar-tools
  [pg_dump]=postgresql-client [pg_restore]=postgresql-client [pgbench]=postgresql-client
)
missing=()
for tool in "${!package_of[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${package_of[$tool]}")
done
# Debian's pg_wrapper answers for pg_dump even when no client version is installed: ask it to run.
pg_dump --version >/dev/null 2>&1 || missing+=(postgresql-client)
# The backup and restore test runs its own server from Debian's PostgreSQL (its pg_dump's version).
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0
packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')

if [ "$(id -u)" = 0 ]; then as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root=(sudo -n)
else
  echo "The tests need: ${packages}-- install them with: sudo apt-get install -y ${packages}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need the Debian/Ubuntu packages ${packages}(or the same programs from your system's packages)" >&2
  exit 1
fi
echo "installing ${packages}(tools the tests use to check PDFs and the database from outside)"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
# shellcheck disable=SC2086
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null
