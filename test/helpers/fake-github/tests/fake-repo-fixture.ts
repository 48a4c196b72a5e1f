import { Octokit } from "@octokit/rest";
import { afterEach, beforeEach } from "vitest";
import { startFakeGitHub, type FakeGitHub } from "../../fake-github.js";

export const quiet = { debug() {}, info() {}, warn() {}, error() {} };
export const owner = "acme";
export const repo = "shop";

export interface FakeRepoFixture {
  fake: FakeGitHub;
  /** A plain Octokit (no retry or throttling plugins): the fake's own answers are under test. */
  octokit: Octokit;
}

/** A fresh fake GitHub holding acme/shop for each test, closed after it. */
export function useFakeRepo(): FakeRepoFixture {
  const fixture = {} as FakeRepoFixture;
  beforeEach(async () => {
    fixture.fake = await startFakeGitHub();
    fixture.fake.addRepo({ owner, repo });
    fixture.octokit = new Octokit({ auth: "t", baseUrl: fixture.fake.url, log: quiet });
  });
  afterEach(async () => {
    await fixture.fake.close();
  });
  return fixture;
}
