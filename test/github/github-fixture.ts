import { afterEach, beforeAll, beforeEach, expect } from "vitest";
import { createOctokit, type CreateOctokitOptions, type EvalgateOctokitClient } from "../../src/github/create-octokit.js";
import type { AdapterLog } from "../../src/github/github-client.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { checkRequestsAgainstOpenApi, loadOpenApiOperations } from "../helpers/openapi-check.js";

export const owner = "acme";
export const repo = "shop";
export const token = "ghs_secretTokenThatMustNeverBeLogged";

export interface CapturedLog extends AdapterLog {
  messages: string[];
}

export function captureLog(): CapturedLog {
  const messages: string[] = [];
  return {
    messages,
    info: (message) => messages.push(`info: ${message}`),
    warning: (message) => messages.push(`warning: ${message}`),
  };
}

export interface GitHubFixture {
  fake: FakeGitHub;
  log: CapturedLog;
  /** A client as the Action makes it, with waits shrunk a thousandfold (1 ms per second). */
  client(options?: Partial<CreateOctokitOptions>): EvalgateOctokitClient;
}

/**
 * A fresh fake GitHub with one repository per test. After each test every request the adapters
 * sent must be one GitHub's OpenAPI description accepts.
 */
export function useFakeGitHub(): GitHubFixture {
  const fixture = {} as GitHubFixture;
  beforeAll(() => {
    loadOpenApiOperations();
  }, 60_000);
  beforeEach(async () => {
    fixture.fake = await startFakeGitHub();
    fixture.fake.addRepo({ owner, repo });
    fixture.log = captureLog();
    fixture.client = (options = {}) => createOctokit({ token, baseUrl: fixture.fake.url, retryAfterBaseValue: 1, log: fixture.log, ...options });
  });
  afterEach(async () => {
    const requests = fixture.fake.requests;
    await fixture.fake.close();
    expect(checkRequestsAgainstOpenApi(requests)).toEqual([]);
    expect(fixture.log.messages.filter((message) => message.includes(token))).toEqual([]);
  });
  return fixture;
}
