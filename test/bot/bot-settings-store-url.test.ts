import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readBotSettings } from "../../src/bot/bot-settings.js";

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const BASE = { APP_ID: "1", PRIVATE_KEY: privateKey, WEBHOOK_SECRET: "s" };

describe("the bot's EVALGATE_STORE_URL", () => {
  it("names the PostgreSQL store the bot reads runs from", () => {
    const settings = readBotSettings({ ...BASE, EVALGATE_STORE_URL: " postgres://evalgate:pw@db.internal/evals " });
    expect(settings.server.storeUrl).toBe("postgres://evalgate:pw@db.internal/evals");
  });

  it("unset or blank: the results branch, as before", () => {
    expect(readBotSettings(BASE).server.storeUrl).toBeUndefined();
    expect(readBotSettings({ ...BASE, EVALGATE_STORE_URL: "" }).server.storeUrl).toBeUndefined();
  });

  it("refuses a URL that is not PostgreSQL's without quoting it", () => {
    expect(() => readBotSettings({ ...BASE, EVALGATE_STORE_URL: "mysql://evalgate:s3cret-pw@db/evals" })).toThrow(
      /^EVALGATE_STORE_URL is not a PostgreSQL URL: write postgres:\/\/USER:PASSWORD@HOST:PORT\/DATABASE/,
    );
    try {
      readBotSettings({ ...BASE, EVALGATE_STORE_URL: "mysql://evalgate:s3cret-pw@db/evals" });
    } catch (error) {
      expect((error as Error).message).not.toContain("s3cret-pw");
    }
  });
});
