"""The mock's API docs page: Swagger UI set up so that trying the API takes one click.

Authorize offers the contract's OAuth 2.0 client-credentials flow with the mock's dev client
filled in, so Swagger UI fetches the token itself; the authorization is kept across reloads. Above
the operations, the SDKs the mock serves (`/api/sdk/`) are listed with their install and usage
snippets; the page reads that list itself, so it shows whatever SDKs this checkout has.
"""

from __future__ import annotations

import html
import json
from typing import Any

from miso_mock.auth import DEV_CLIENTS

TITLE = "Miso API (mock)"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <title>{title}</title>
  <link rel="stylesheet" type="text/css" href="./swagger-ui.css">
  <link rel="icon" type="image/png" href="./favicon-32x32.png" sizes="32x32">
  <style>
    body {{ margin: 0; background: #fafafa; font-family: sans-serif; }}
    #miso-sdks {{ max-width: 1460px; margin: 0 auto; padding: 16px 20px 0; color: #3b4151; }}
    #miso-sdks h2 {{ font-size: 20px; margin: 8px 0; }}
    #miso-sdks .miso-sdk {{ border: 1px solid #d8dde7; border-radius: 4px; background: #fff;
      padding: 8px 12px; margin: 8px 0; }}
    #miso-sdks pre {{ background: #333; color: #fff; padding: 8px; border-radius: 4px;
      overflow-x: auto; font-size: 12px; }}
    #miso-sdks summary {{ cursor: pointer; font-weight: bold; }}
  </style>
</head>
<body>
  <section id="miso-sdks" aria-label="SDK downloads">
    <details open>
      <summary>SDK downloads</summary>
      <p>Client libraries built from this contract, served by this mock
        (<a href="{sdk_index}">{sdk_index}</a>). Authorize below fetches a token for the dev
        client <code>{client_id}</code> by itself.</p>
      <div id="miso-sdk-list">Loading the SDK list...</div>
    </details>
  </section>
  <div id="swagger-ui"></div>
  <script src="./swagger-ui-bundle.js" charset="UTF-8"></script>
  <script src="./swagger-ui-standalone-preset.js" charset="UTF-8"></script>
  <script>
    const MISO = {config};
    function misoElement(tag, text, attributes) {{
      const element = document.createElement(tag);
      if (text !== undefined) element.textContent = text;
      for (const [name, value] of Object.entries(attributes || {{}})) {{
        element.setAttribute(name, value);
      }}
      return element;
    }}
    async function misoShowSdks() {{
      const list = document.getElementById("miso-sdk-list");
      try {{
        const answer = await fetch(MISO.sdkIndex);
        const {{ sdks }} = await answer.json();
        list.replaceChildren();
        if (sdks.length === 0) list.textContent = "This mock has no SDK sources beside it.";
        for (const sdk of sdks) {{
          const box = misoElement("div", undefined, {{ class: "miso-sdk", "data-sdk": sdk.name }});
          box.append(misoElement("h3", `${{sdk.language}} (${{sdk.version}})`));
          const files = misoElement("ul");
          for (const file of sdk.files) {{
            const item = misoElement("li");
            const link = misoElement("a", file.name, {{ href: file.url, download: file.name }});
            item.append(link, ` ${{file.description}}`);
            files.append(item);
          }}
          box.append(files, misoElement("pre", sdk.install), misoElement("pre", sdk.usage));
          list.append(box);
        }}
      }} catch (error) {{
        list.textContent = `The SDK list is not available: ${{error}}`;
      }}
    }}
    window.onload = function () {{
      misoShowSdks();
      const ui = SwaggerUIBundle({{
        url: MISO.specUrl,
        dom_id: "#swagger-ui",
        deepLinking: true,
        persistAuthorization: true,
        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
        plugins: [SwaggerUIBundle.plugins.DownloadUrl],
        layout: "BaseLayout",
      }});
      ui.initOAuth(MISO.oauth);
      window.ui = ui;
    }};
  </script>
</body>
</html>
"""


def _script_json(value: Any) -> str:
    """JSON that cannot end the `<script>` element it sits in."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(spec_url: str, sdk_index: str) -> bytes:
    """The page, for the spec at `spec_url` and the SDK list at `sdk_index`."""
    client = DEV_CLIENTS[0]
    config = {
        "specUrl": spec_url,
        "sdkIndex": sdk_index,
        "oauth": {
            "clientId": client.client_id,
            "clientSecret": client.secret,
            "appName": TITLE,
        },
    }
    return _PAGE.format(
        title=html.escape(TITLE),
        sdk_index=html.escape(sdk_index),
        client_id=html.escape(client.client_id),
        config=_script_json(config),
    ).encode()
