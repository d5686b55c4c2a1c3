/**
 * The CommonJS entry (`require('aifabrix-miso-sdk')`), compiled by tsconfig.cjs.json only.
 *
 * The reference's JavaScript example reads `const MisoClient = require(...)` and then
 * `new MisoClient({...})`: so the module is the class itself, and every other export hangs off it
 * (`require('aifabrix-miso-sdk').NotFoundError`, `.paginate`, ...), `MisoClient` and `default`
 * included, so `const { MisoClient } = require(...)` works as well.
 */
import * as sdk from "./index.js";

export = Object.assign(sdk.MisoClient, sdk);
