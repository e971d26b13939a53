# One image for every process of Account Notifications:
#   docker run … account-notifications web       the panel and the API (next start, port $PORT)
#   docker run … account-notifications worker    a delivery worker (add `--check` for the health check)
#   docker run … account-notifications migrate   apply the migrations, then exit
# compose.yaml runs them all. Plain `next start`, not Next's standalone output:
# the worker runs the TypeScript sources with tsx and needs the whole dependency
# tree anyway, so a standalone server beside it would only add a second copy.

# --- dependencies -------------------------------------------------------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build --------------------------------------------------------------------
FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
RUN npx next build && npm prune --omit=dev --no-audit --no-fund

# --- runtime ------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
# Sources stay in the image: the worker and the scripts run them with tsx. Owned by root, run as `node`.
COPY --from=build /app/package.json /app/package-lock.json /app/next.config.mjs /app/tsconfig.json /app/instrumentation.ts /app/proxy.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/.next ./.next
COPY --from=build /app/app ./app
COPY --from=build /app/components ./components
COPY --from=build /app/db ./db
COPY --from=build /app/emails ./emails
COPY --from=build /app/lib ./lib
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/worker ./worker
COPY docker/entrypoint.sh /usr/local/bin/account-notifications
USER node
EXPOSE 3000 9464
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/account-notifications"]
CMD ["web"]
