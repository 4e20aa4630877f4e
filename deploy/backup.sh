#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database (pg_dump, custom format) and then the media files.
#   DATABASE_URL=postgres://… MEDIA_ROOT=/srv/dichvucong/var/media deploy/backup.sh /backup/2026-12-02
# The database is dumped first: every file a dumped row names was written before that row was
# committed, so it is already on disk when the media copy starts (docs/DEPLOYMENT.md).
set -euo pipefail
dest="${1:?usage: backup.sh DEST_DIR}"
: "${DATABASE_URL:?set DATABASE_URL}"
: "${MEDIA_ROOT:?set MEDIA_ROOT (DATA_DIR/media)}"
mkdir -p "$dest"
pg_dump --format=custom --no-owner --no-privileges --file "$dest/database.dump" "$DATABASE_URL"
tar -C "$MEDIA_ROOT" -cf "$dest/media.tar" .
(cd "$dest" && sha256sum database.dump media.tar > SHA256SUMS)
echo "backup written to $dest"
