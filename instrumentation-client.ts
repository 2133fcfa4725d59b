// Runs in the browser before the app. zod compiles object parsers with `new Function` where it may,
// and finds out with a try/catch probe that the Content-Security-Policy (no 'unsafe-eval') blocks and
// reports as a violation. The forms need no compiled parsers, so zod is told not to try.
import { config } from "zod/v4/core";

config({ jitless: true });
