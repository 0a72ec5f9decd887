/** A plain HTML reference page rendered from the dialect's OpenAPI document (no hand-kept list). */
export function referencePage(document: {
  info: { title: string; description?: string };
  paths?: object;
}): string {
  const html = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const rows: string[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, object | undefined>)) {
    for (const [method, op] of Object.entries(item ?? {})) {
      const o = op as {
        summary?: string;
        deprecated?: boolean;
        responses?: Record<string, unknown>;
        "x-switchboard-access"?: unknown;
      };
      if (!o || typeof o !== "object" || !("responses" in o)) continue;
      const success = Object.keys(o.responses ?? {}).filter((s) => s.startsWith("2"));
      const access = o["x-switchboard-access"];
      const who =
        typeof access === "string"
          ? access
          : ((access as { permissions?: string[] } | undefined)?.permissions ?? []).join(", ");
      rows.push(
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${html(path)}</code></td><td>${html(o.summary ?? "")}${o.deprecated ? " <em>(deprecated)</em>" : ""}</td><td>${success.join(", ")}</td><td><code>${html(who)}</code></td></tr>`,
      );
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(document.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:80rem;padding:0 1rem;color:#1f2937}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e7eb;padding:.4rem .6rem;text-align:left;vertical-align:top}code{font-size:13px}</style></head>
<body><h1>${html(document.info.title)}</h1><p>${html(document.info.description ?? "")} Machine-readable: <a href="openapi.json">openapi.json</a>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Summary</th><th>Success</th><th>Access</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table></body></html>`;
}
