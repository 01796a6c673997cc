# syntax=docker/dockerfile:1
# One image for every process of the scale-out topology (deploy/compose/, deploy/kubernetes/): the
# command chooses the app — `dist/apps/membership-api/src/main.js --api-only` (API replicas),
# `dist/apps/projector/src/main.js` (projectors), `dist/apps/ingestion-worker/src/main.js` (Kafka).
# Node 24 LTS, as CI tests it (scripts/ci/test-on-node.sh 24).

# ── build: the lockfile's dependencies (better-sqlite3 compiles here, so the toolchain stays behind)
FROM node:24-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY scripts ./scripts
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ── run: the compiled apps and production dependencies only, as an unprivileged user
FROM node:24-bookworm-slim AS run
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/var/lib/partner-program
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The node image's own unprivileged user (uid 1000); DATA_DIR is the one place a process may write
# (the embedded SQLite files; on PostgreSQL nothing needs it, and Kubernetes mounts an emptyDir).
RUN mkdir -p /var/lib/partner-program && chown node:node /var/lib/partner-program
USER node
EXPOSE 3000
ENTRYPOINT ["node"]
CMD ["dist/apps/membership-api/src/main.js", "--api-only"]
