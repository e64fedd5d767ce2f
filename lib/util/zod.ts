// zod for schemas that also run in the browser. zod 4 compiles object parsers with `new Function` unless told
// not to, and merely probing for it is a Content-Security-Policy violation (script-src has no 'unsafe-eval').
// `jitless` is read when a schema is built, so modules import z from here: the setting is in place first.
import { z } from "zod";

z.config({ jitless: true });

export { z };
