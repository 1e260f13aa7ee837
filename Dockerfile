# syntax=docker/dockerfile:1
# Docent's answer service (target "server", the default) and indexer (target "indexer").
# Small runtime images: production dependencies only, a non-root user, a health check on /readyz.

FROM node:20.20-bookworm-slim AS build
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH NO_UPDATE_NOTIFIER=1
RUN npm install --global pnpm@12.21.0
WORKDIR /repo
COPY . .
RUN pnpm install --frozen-lockfile \
  && pnpm exec tsc -b packages/protocol packages/markdown packages/retrieval packages/server indexer \
  && pnpm --filter @docent/server deploy --prod --legacy /out/server \
  && pnpm --filter @docent/indexer deploy --prod --legacy /out/indexer

FROM node:20.20-bookworm-slim AS server
ENV NODE_ENV=production PORT=8787 DOCENT_INDEX=/data/index.docent
WORKDIR /app
COPY --from=build --chown=node:node /out/server /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8787
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/cli.js"]

FROM node:20.20-bookworm-slim AS indexer
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /out/indexer /app
USER node
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["--help"]

# The default target: the answer service.
FROM server
