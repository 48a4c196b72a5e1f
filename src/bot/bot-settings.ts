import { readFileSync } from "node:fs";
import { z } from "zod";
import { UserError } from "../core/errors.js";
import { isPostgresUrl } from "../store/postgres/store-url.js";
import type { BotServerOptions } from "./server.js";

/** The server's settings, read once from the environment before anything starts. */
export interface BotSettings {
  server: BotServerOptions;
  port: number;
  host: string | undefined;
}

const EnvSchema = z.object({
  APP_ID: z.string({ error: "set APP_ID to your GitHub App's id" }).regex(/^\d+$/, { error: "APP_ID is the app's numeric id" }),
  PRIVATE_KEY: z.string().optional(),
  PRIVATE_KEY_PATH: z.string().optional(),
  WEBHOOK_SECRET: z.string({ error: "set WEBHOOK_SECRET to the app's webhook secret; the bot refuses to start without one" }).min(1, {
    error: "WEBHOOK_SECRET is empty; the bot refuses to start without one",
  }),
  GITHUB_API_URL: z.string().url({ error: "GITHUB_API_URL is a URL, e.g. https://ghe.example.com/api/v3" }).optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().optional(),
  EVALGATE_RESULTS_BRANCH: z.string().min(1).optional(),
  // The URL is a secret: the message never quotes it. Blank reads as unset (an env file's `X=`).
  EVALGATE_STORE_URL: z
    .string()
    .transform((value) => (value.trim() === "" ? undefined : value.trim()))
    .refine((value) => value === undefined || isPostgresUrl(value), {
      error: "EVALGATE_STORE_URL is not a PostgreSQL URL: write postgres://USER:PASSWORD@HOST:PORT/DATABASE (the store-url the Action publishes to), or unset it for the results branch",
    })
    .optional(),
  EVALGATE_CONFIG: z.string().min(1).optional(),
  EVALGATE_WORKFLOW: z.string().min(1).optional(),
});

/** A PEM as written, with "\n" escapes (one-line env files), or base64 of it. */
function normalisePrivateKey(raw: string): string {
  const text = raw.trim();
  if (text.includes("-----BEGIN")) return text.replaceAll("\\n", "\n");
  const decoded = Buffer.from(text, "base64").toString("utf8");
  if (decoded.includes("-----BEGIN")) return decoded;
  throw new UserError("PRIVATE_KEY is not a PEM private key (nor base64 of one): paste the .pem file's content, or set PRIVATE_KEY_PATH");
}

export function readBotSettings(env: NodeJS.ProcessEnv): BotSettings {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new UserError(parsed.error.issues.map((issue) => issue.message).join("\n"));
  const values = parsed.data;
  let privateKey: string;
  if (values.PRIVATE_KEY !== undefined && values.PRIVATE_KEY.trim() !== "") {
    privateKey = normalisePrivateKey(values.PRIVATE_KEY);
  } else if (values.PRIVATE_KEY_PATH !== undefined) {
    try {
      privateKey = normalisePrivateKey(readFileSync(values.PRIVATE_KEY_PATH, "utf8"));
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(`cannot read PRIVATE_KEY_PATH "${values.PRIVATE_KEY_PATH}": ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    throw new UserError("set PRIVATE_KEY (the app's .pem content) or PRIVATE_KEY_PATH (its file)");
  }
  return {
    port: values.PORT,
    host: values.HOST,
    server: {
      appId: values.APP_ID,
      privateKey,
      webhookSecret: values.WEBHOOK_SECRET,
      ...(values.GITHUB_API_URL === undefined ? {} : { baseUrl: values.GITHUB_API_URL }),
      ...(values.EVALGATE_RESULTS_BRANCH === undefined ? {} : { resultsBranch: values.EVALGATE_RESULTS_BRANCH }),
      ...(values.EVALGATE_STORE_URL === undefined ? {} : { storeUrl: values.EVALGATE_STORE_URL }),
      ...(values.EVALGATE_CONFIG === undefined ? {} : { configPath: values.EVALGATE_CONFIG }),
      ...(values.EVALGATE_WORKFLOW === undefined ? {} : { workflowFile: values.EVALGATE_WORKFLOW }),
    },
  };
}
