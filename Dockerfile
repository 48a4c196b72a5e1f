# The evalgate bot (a Probot app) as a container. Build from a checkout: dist/ is committed, so
# there is nothing to compile here.
#   docker build -t evalgate-bot .
#   docker run -p 3000:3000 -e APP_ID=… -e PRIVATE_KEY="$(cat app.pem)" -e WEBHOOK_SECRET=… evalgate-bot
FROM node:24-slim

ENV NODE_ENV=production
WORKDIR /app

# dist/bot bundles every dependency, so this installs nothing today; it stays so that a runtime
# dependency added later is installed from the lockfile.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY dist/ ./dist/

# The node image's unprivileged user: the bot only listens on a port above 1024 and writes nothing.
USER node

ENV PORT=3000
EXPOSE 3000

# node itself, because the slim image has no curl or wget.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]

# node directly, not npm start: SIGTERM from `docker stop` reaches the bot, which closes its server.
CMD ["node", "dist/bot/index.js"]
