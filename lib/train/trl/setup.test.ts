import { describe, expect, it } from "vitest";
import { trlDoctor } from "./doctor";
import { trainerPaths } from "./paths";
import { parsePipConfig, pipIndexEnv } from "./setup";

describe("pip's index for the trainer's set-up", () => {
  const machine = `:env:.default-timeout='180'
global.constraint='/etc/xdg/pip/constraints.txt'
global.extra-index-url='file:///opt/pypi/simple file:///opt/pypi-more/simple'
global.find-links='/opt/wheels'`;

  it("reads pip config list", () => {
    expect(parsePipConfig(machine)).toMatchObject({ "extra-index-url": "file:///opt/pypi/simple file:///opt/pypi-more/simple", "find-links": "/opt/wheels", "default-timeout": "180" });
  });

  it("makes local extra indexes the main one (pip would wait on PyPI retries otherwise); leaves other set-ups alone", () => {
    expect(pipIndexEnv(parsePipConfig(machine), {})).toEqual({ PIP_INDEX_URL: "file:///opt/pypi/simple", PIP_EXTRA_INDEX_URL: "file:///opt/pypi-more/simple" });
    expect(pipIndexEnv(parsePipConfig(machine), { PIP_INDEX_URL: "https://mirror/simple" })).toEqual({});
    expect(pipIndexEnv(parsePipConfig("global.index-url='http://127.0.0.1:3141/simple'"), {})).toEqual({ PIP_INDEX_URL: "http://127.0.0.1:3141/simple" });
    expect(pipIndexEnv(parsePipConfig("global.extra-index-url='https://download.pytorch.org/whl/cu128'"), {})).toEqual({});
    expect(pipIndexEnv({}, {})).toEqual({});
  });
});

describe("trlDoctor", () => {
  it("without a venv: not ok, and says what is missing", async () => {
    const report = await trlDoctor({ ...trainerPaths(), venvDir: "/nonexistent/venv", python: "/nonexistent/venv/bin/python" });
    expect(report).toMatchObject({ ok: false, cuda: { available: false, devices: [] }, versions: {} });
    expect(report.problems).toEqual(["no trainer environment at /nonexistent/venv"]);
  });
});
