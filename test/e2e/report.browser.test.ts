// The HTML factsheet in a real browser: headless Chromium (Debian's `chromium`, installed by .ci/run)
// renders `sroi report`, the charts carry the model's figures, a screenshot is kept for the README, and
// nothing on the page reaches the network.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { ModelResult } from "../../src/engine/result.js";
import { formatter } from "../../src/render/format.js";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "sroi");
const SCREENSHOT = join(import.meta.dirname, "__screenshots__", "eijsden.png");

function findChromium(): string {
  const names = [process.env.CHROMIUM, "chromium", "chromium-browser", "google-chrome"].filter(Boolean) as string[];
  for (const n of names) {
    const r = spawnSync("sh", ["-c", `command -v "${n}"`], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  throw new Error("the browser test needs Chromium: install it with `apt-get install -y chromium` (.ci/run does), or set CHROMIUM=/path/to/chrome");
}

// Quiet, sandbox-free (root in CI containers) headless flags, with Chromium's own background traffic off
// so that any connection the proxy sees comes from the page.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-default-apps",
  "--disable-sync",
  "--disable-extensions",
  "--hide-scrollbars",
  // Newer builds (Debian's Chromium 150) also connect to the search engine ahead of any search, ask
  // www.google.com whether to offer "AI mode", and clients2.google.com for the time.
  "--disable-features=PreconnectToSearch,AimEnabled,AimEligibilityService,AimServerEligibilityEnabled,NetworkTimeServiceQuerying",
];

function chromium(args: string[], profile: string): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(findChromium(), [...FLAGS, `--user-data-dir=${profile}`, ...args], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.on("error", reject);
    p.on("close", (code) => resolve({ out, code }));
  });
}

// Chromium's own calls home (clock, component updates, sign-in), which no flag fully stops; a page's
// request to any other host (fonts.googleapis.com included) is counted.
const BROWSER_SERVICES = /^(clients\d*\.google\.com|update\.googleapis\.com|accounts\.google\.com|[^/]*\.gvt1\.com)(:\d+)?$/;

/** Loads the page with every request sent to a local proxy that records the host of each and answers none. */
async function connectionsWhileLoading(file: string, profile: string): Promise<{ connections: number; hosts: string[]; dom: string }> {
  const hosts: string[] = [];
  const proxy = createServer((s) => {
    s.once("data", (d) => {
      // "CONNECT host:443 HTTP/1.1" or "GET http://host/path HTTP/1.1"
      const target = d.toString().split("\r\n")[0]!.split(" ")[1] ?? "";
      const host = target.replace(/^[a-z]+:\/\//, "").split("/")[0]!;
      if (!BROWSER_SERVICES.test(host)) hosts.push(host);
      s.destroy();
    });
    s.on("error", () => {});
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", () => r()));
  const port = (proxy.address() as { port: number }).port;
  try {
    const { out } = await chromium(
      [`--proxy-server=http://127.0.0.1:${port}`, "--proxy-bypass-list=<-loopback>", "--virtual-time-budget=3000", "--dump-dom", pathToFileURL(file).href],
      profile,
    );
    return { connections: hosts.length, hosts, dom: out };
  } finally {
    proxy.close();
  }
}

const work = mkdtempSync(join(tmpdir(), "sroi-browser-"));
const page = join(work, "eijsden.html");

function report(): { html: string; result: ModelResult } {
  if (!existsSync(page)) {
    const r = spawnSync(process.execPath, [BIN, "report", "models/eijsden.yaml", "-o", page], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
  }
  const json = spawnSync(process.execPath, [BIN, "run", "models/eijsden.yaml", "-f", "json"], { cwd: ROOT, encoding: "utf8" });
  return { html: readFileSync(page, "utf8"), result: JSON.parse(json.stdout).models[0].result };
}

describe("sroi report in Chromium", { timeout: 60_000 }, () => {
  it("shows the factsheet with both scenarios' charts, carrying the model's figures", async () => {
    const { result } = report();
    const { out: dom } = await chromium(["--dump-dom", pathToFileURL(page).href], join(work, "profile-dom"));
    const f = formatter("nl");
    for (const id of ["current", "fulltime"]) {
      const s = result.scenarios.find((x) => x.id === id)!;
      const section = dom.slice(dom.indexOf(`<div class="scenario" data-scenario="${id}">`));
      expect(section.length, `no factsheet section for ${id}`).toBeLessThan(dom.length);
      for (const kind of ["inputs", "benefits"] as const) {
        const from = section.slice(section.indexOf(`data-chart="${kind}"`));
        const chart = from.slice(0, from.indexOf("</figure>"));
        expect(chart).toContain("<svg");
        for (const st of s.stakeholders) {
          const value = kind === "inputs" ? st.inputs : st.benefits;
          const bar = new RegExp(`<g class="bar" data-stakeholder="${st.id}" data-value="([^"]+)">.*?<text class="value"[^>]*>([^<]+)</text>`).exec(chart);
          expect(bar, `${id} ${kind} ${st.id}`).not.toBeNull();
          expect(Number(bar![1])).toBe(value);
          expect(bar![2]).toBe(f.money(value));
        }
      }
      // The ratio card: Eijsden publishes 6,2 and 6,7.
      expect(dom).toMatch(new RegExp(`data-scenario="${id}" data-ratio="[^"]+"><div class="label">SROI-ratio[^<]*</div><div class="ratio">${f.ratio(s.ratio, 1)}</div>`));
    }
    expect(f.ratio(result.scenarios[0]!.ratio, 1)).toBe("6,2");
    expect(f.ratio(result.scenarios[1]!.ratio, 1)).toBe("6,7");
  });

  it("saves a screenshot (the README's)", async () => {
    report();
    const { code } = await chromium(["--window-size=1000,1500", `--screenshot=${SCREENSHOT}`, pathToFileURL(page).href], join(work, "profile-shot"));
    expect(code).toBe(0);
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
  });

  it("reaches nothing on the network: a CSP forbids it, no URL is loaded, and a proxy sees no connection", async () => {
    const { html } = report();
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script|<link|@import|url\(|(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//);
    const quiet = await connectionsWhileLoading(page, join(work, "profile-net"));
    expect(quiet.dom).toContain('data-chart="inputs"');
    expect(quiet.hosts).toEqual([]);

    // The detector works: the same browser on a page that does fetch something is seen by the proxy.
    const leaky = join(work, "leaky.html");
    writeFileSync(leaky, '<!doctype html><html><body><img src="http://example.invalid/pixel.png"></body></html>');
    expect((await connectionsWhileLoading(leaky, join(work, "profile-leak"))).hosts).toContain("example.invalid");
  });
});
