#!/bin/sh
# The image's commands (see the Dockerfile); anything else runs as given.
set -e
case "$1" in
  web) shift; exec node_modules/.bin/next start -p "${PORT:-3000}" "$@" ;;
  worker) shift; exec node --import tsx worker/index.ts "$@" ;;
  migrate) shift; exec node --import tsx scripts/migrate.ts "$@" ;;
  *) exec "$@" ;;
esac
