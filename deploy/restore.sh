#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY database and an empty media folder.
#   DATABASE_URL=postgres://…/dichvucong_restored MEDIA_ROOT=/srv/restore/media \
#     deploy/restore.sh /backup/2026-12-02
set -euo pipefail
src="${1:?usage: restore.sh BACKUP_DIR}"
: "${DATABASE_URL:?set DATABASE_URL (an empty database)}"
: "${MEDIA_ROOT:?set MEDIA_ROOT}"
(cd "$src" && sha256sum --check --quiet SHA256SUMS)
pg_restore --no-owner --no-privileges --exit-on-error --dbname "$DATABASE_URL" \
  "$src/database.dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xf "$src/media.tar"
echo "restored $src"
